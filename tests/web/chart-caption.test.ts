/** Captions under exported chart images: what, when, which grid, which anatomy — and lines that fit. */
import { describe, expect, it } from 'vitest';
import { chartCaption, timeShown, wrapCaption } from '../../web/lib/chart-export.ts';
import { makeRun } from './fixtures/results.ts';

describe('chart captions', () => {
  it('name the protocol, the time shown, the grid and the anatomy of one run', () => {
    const c = chartCaption([makeRun('a')], `temperature field at ${timeShown(120, 'passive_thaw')}`);
    expect(c.split('\n')).toEqual([
      'Protocol: Protocol a',
      'Shown: temperature field at t = 2 min (passive thaw)',
      'Grid: axisymmetric, 0.5 mm spacing, f32',
      'Anatomy: nerve 20 mm deep, 3 mm across; probe tip 25 mm deep; skin in air 22 °C (h 10 W/m²/K)',
    ]);
  });

  it('give ranges when protocols differ, and skip runs without results', () => {
    const b = makeRun('b');
    const moved = makeRun('c', { scenario: { ...b.scenario!, nerve: { center_mm: [4, 0, 24], direction: [0, 1, 0], diameter_mm: 3 } } });
    const c = chartCaption([makeRun('a'), moved, makeRun('d', { result: null })], 'zones at the end');
    expect(c).toMatch(/^2 protocols: Protocol a; Protocol c/);
    expect(c).toContain('nerve 20–24 mm deep');
    expect(chartCaption([makeRun('d', { result: null })], 'x')).toBe('');
  });

  it('wrap to the width without breaking words, keeping the parts on their own lines', () => {
    const lines = wrapCaption('Protocol: a long name with words\nShown: t = 2 min', 16);
    expect(lines.every((l) => l.length <= 16)).toBe(true);
    expect(lines.join(' ')).toBe('Protocol: a long name with words Shown: t = 2 min');
    expect(lines.at(-1)).toBe('Shown: t = 2 min');
  });
});

describe('chart captions of benches and vessels', () => {
  it('say what draws heat in: a finite liquid bath with its room, a held bath, vessels', () => {
    const a = makeRun('a');
    const tissue = { ...a.scenario!.tissue, bath_exchange_w_m3k: 444000, bath_c: 27.2, bath_heat_capacity_j_k: 196, bath_room_w_k: 1.15 };
    const bench = makeRun('b', { scenario: { ...a.scenario!, tissue } });
    expect(chartCaption([bench], 'x')).toContain('; finite liquid bath 196 J/K from 27.2 °C (exchange 444000 W/m³/K, room 1.15 W/K at 27.2 °C)');
    const held = makeRun('h', { scenario: { ...a.scenario!, tissue: { ...a.scenario!.tissue, bath_exchange_w_m3k: 7e4, bath_c: 22 } } });
    expect(chartCaption([held], 'x')).toContain('; liquid bath held at 22 °C (exchange 70000 W/m³/K)');
    expect(chartCaption([a], 'x')).not.toContain('bath');
    const vessel = { center_mm: [8, 0, 20], direction: [0, 1, 0], diameter_mm: 4, wall: 'convective', h_w_m2k: 600, blood_c: 37 };
    const withVessel = makeRun('v', { scenario: { ...a.scenario!, vessels: [vessel] } as never });
    expect(chartCaption([withVessel], 'x')).toMatch(/; 1 blood vessel$/);
  });
});

describe('chart captions with protocols that bring their own skin protection', () => {
  it('say whose skin condition is which', () => {
    const warm = makeRun('w', { label: 'von Falck 2022 · 2× 6 min', file: { ...makeRun('w').file, skin: { boundary: 'temperature', temperature_c: 37 } }, scenario: { ...makeRun('w').scenario!, skin: { boundary: 'temperature', temperature_c: 37 } } });
    const c = chartCaption([makeRun('a'), warm], 'x');
    expect(c).toContain('skin in air 22 °C (h 10 W/m²/K) (Protocol a); skin held at 37 °C (von Falck 2022)');
  });
});
