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

describe('chart captions with protocols that bring their own skin protection', () => {
  it('say whose skin condition is which', () => {
    const warm = makeRun('w', { label: 'von Falck 2022 · 2× 6 min', file: { ...makeRun('w').file, skin: { boundary: 'temperature', temperature_c: 37 } }, scenario: { ...makeRun('w').scenario!, skin: { boundary: 'temperature', temperature_c: 37 } } });
    const c = chartCaption([makeRun('a'), warm], 'x');
    expect(c).toContain('skin in air 22 °C (h 10 W/m²/K) (Protocol a); skin held at 37 °C (von Falck 2022)');
  });
});
