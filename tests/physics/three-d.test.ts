/**
 * 3D mode against independent references, at 0.5 mm:
 * - a long probe matches the axisymmetric and the planar solution at mid-length;
 * - a 17G probe thinner than three cells gives the same ice ball wherever it sits within a cell;
 * - a tilted probe makes the same ice as an upright one;
 * - a vessel beside the probe shrinks the ice on its side;
 * - two probes mirrored about x = 0 give a mirror-symmetric field and a merged ice ball;
 * - energy is conserved (f64 reference; in a smaller block).
 */
import { describe, expect, it } from 'vitest';
import type { Probe, Scenario, Vec3, Vessel } from '../../scenarios/schema.ts';
import { runScenario } from '../../workers/engine/run.ts';
import { loadKernels } from '../../workers/node/kernel-node.ts';
import { probe, scenario, tissue } from '../support/scenario-builders.ts';
import { simulate } from '../support/simulate.ts';

const living = tissue({ solidus_c: -8, liquidus_c: -1, perfusion_w_m3k: 2000 });
const cold = { model: 'temperature' as const, temperature_c: -150, cooldown_s: 0 };
const argon = { model: 'convective' as const, gas_c: -186, h_w_m2k: 4000 };
const freeze = (durationS: number) => [{ phase: 'freeze' as const, duration_s: durationS, power: 1 }];
const box = (over: Partial<Scenario> & Pick<Scenario, 'probes'>) =>
  scenario({
    tissue: living, skin: { boundary: 'insulated' }, far_field: { boundary: 'temperature', temperature_c: 37 },
    protocol: freeze(90), output: { interval_s: 90, isotherms_c: [0, -40] },
    geometry: { mode: '3d', spacing_mm: 0.5, size_mm: [24, 24, 40] }, ...over,
  });

describe('3D: a long probe matches axisymmetric and planar at mid-length', () => {
  const radii = [3, 4, 6, 8];
  const sensors = (z: number) => radii.map((r) => ({ name: `r${r}`, position_mm: [r, 0, z] as Vec3 }));
  const long = probe({ diameter_mm: 1.5, tip_mm: [0, 0, 36], active_length_mm: 32, surface: cold });
  const d3 = simulate(box({ probes: [long], sensors: sensors(20.25) }));
  const axi = simulate(scenario({
    tissue: living, skin: { boundary: 'insulated' }, far_field: { boundary: 'temperature', temperature_c: 37 }, protocol: freeze(90),
    output: { interval_s: 90, isotherms_c: [0, -40] }, geometry: { mode: 'axisymmetric', spacing_mm: 0.5, size_mm: [12, 40] },
    probes: [long], sensors: sensors(20.25),
  }));
  const planar = simulate(scenario({
    tissue: living, skin: { boundary: 'insulated' }, far_field: { boundary: 'temperature', temperature_c: 37 }, protocol: freeze(90),
    output: { interval_s: 90, isotherms_c: [0, -40] }, geometry: { mode: 'planar', spacing_mm: 0.5, size_mm: [24, 12] },
    probes: [probe({ diameter_mm: 1.5, tip_mm: [0, 0, 0], direction: [0, 1, 0], surface: cold })], sensors: sensors(0.25),
  }));

  it('has the same ice radius (within half a cell) and temperatures (within 1.5 °C) as both', () => {
    for (const other of [axi, planar]) {
      for (const level of ['0', '-40']) {
        expect(Math.abs(d3.isotherms[level].radius_mm.at(-1)! - other.isotherms[level].radius_mm.at(-1)!), level).toBeLessThan(0.25);
      }
      for (const r of radii) expect(Math.abs(d3.sensors[`r${r}`].at(-1)! - other.sensors[`r${r}`].at(-1)!), `r = ${r}`).toBeLessThan(1.5);
    }
  });

  it('has the same ice volume as axisymmetric (within 3 %) and the same extent along the probe', () => {
    const v3 = d3.isotherms['0'].volume_ml!.at(-1)!;
    const va = axi.isotherms['0'].volume_ml!.at(-1)!;
    expect(Math.abs(v3 - va) / va).toBeLessThan(0.03);
    expect(Math.abs(d3.isotherms['0'].length_mm.at(-1)! - axi.isotherms['0'].length_mm.at(-1)!)).toBeLessThan(0.5);
  });
});

describe('3D: sub-cell probes', () => {
  // A 17G needle (1.47 mm) on a 0.5 mm grid: its cross-section covers only a few cell centres.
  const needle = (x: number, y: number, direction: Vec3 = [0, 0, 1]) =>
    probe({ diameter_mm: 1.47, tip_mm: [x, y, 25], active_length_mm: 15, direction, surface: argon });
  const tiltDeg = 30;
  const sizes = (p: Probe) => {
    const r = simulate(box({ probes: [p], protocol: freeze(120), output: { interval_s: 120, isotherms_c: [0, -40] } }));
    return { r0: r.isotherms['0'].radius_mm.at(-1)!, r40: r.isotherms['-40'].radius_mm.at(-1)!, v0: r.isotherms['0'].volume_ml!.at(-1)!, len: r.isotherms['0'].length_mm.at(-1)! };
  };
  const centred = sizes(needle(0, 0));

  // Half a cell for radii and 5 % for volume: the probe is three cells across, so its
  // conduction still sees a staircase; the film on its surface is exact (filmScale).
  it('give the same ice ball wherever the probe sits within a cell', () => {
    for (const [x, y] of [[0.25, 0.25], [0.25, 0], [0.1, 0.37]]) {
      const shifted = sizes(needle(x, y));
      expect(Math.abs(shifted.r0 - centred.r0), `0 °C radius at (${x}, ${y})`).toBeLessThan(0.25);
      expect(Math.abs(shifted.r40 - centred.r40), `−40 °C radius at (${x}, ${y})`).toBeLessThan(0.25);
      expect(Math.abs(shifted.v0 - centred.v0) / centred.v0, `volume at (${x}, ${y})`).toBeLessThan(0.05);
    }
  });

  it('give the same ice ball when tilted 30° off the grid axes', () => {
    const s = Math.sin((tiltDeg * Math.PI) / 180);
    // Tip shifted so the cold segment's middle stays on the box's axis, like the upright probe's.
    const tilted = sizes(needle((15 / 2) * s, 0, [s, 0, Math.cos((tiltDeg * Math.PI) / 180)]));
    expect(Math.abs(tilted.v0 - centred.v0) / centred.v0).toBeLessThan(0.05);
    expect(Math.abs(tilted.r0 - centred.r0)).toBeLessThan(0.3);
    expect(Math.abs(tilted.len - centred.len)).toBeLessThan(0.5);
  });
});

describe('3D: vessels and several probes', () => {
  const upright = (x: number) => probe({ diameter_mm: 1.47, tip_mm: [x, 0, 25], active_length_mm: 15, surface: argon });
  const sliceReach = (probes: Probe[], vessels: Vessel[]) => {
    const { result, frames } = runScenario(box({ probes, vessels, protocol: freeze(180), output: { interval_s: 180, isotherms_c: [0] } }), loadKernels(), { frames: true });
    const f = frames!;
    const t = f.temperatures_c.at(-1)!;
    const k = Math.round((18 - f.z0_mm) / f.spacing_mm);
    const frozenX = [...Array(f.nx).keys()].filter((i) => t[i + f.nx * k] <= 0).map((i) => f.x0_mm + i * f.spacing_mm);
    return { result, frames: f, minX: Math.min(...frozenX), maxX: Math.max(...frozenX) };
  };

  it('a vessel beside the probe shrinks the ice on its side', () => {
    const vessel: Vessel = { center_mm: [5, 0, 18], direction: [0, 1, 0], diameter_mm: 3, wall: 'temperature', blood_c: 37 };
    const { minX, maxX } = sliceReach([upright(0)], [vessel]);
    expect(maxX).toBeLessThan(-minX - 0.5);
  });

  it('two mirrored probes give a mirror-symmetric field and a merged ice ball', () => {
    const pair = sliceReach([upright(-3.5), upright(3.5)], []);
    const one = sliceReach([upright(-3.5)], []);
    const f = pair.frames;
    let worst = 0;
    for (const t of f.temperatures_c) {
      for (let k = 0; k < f.nz; k++) {
        for (let i = 0; i < f.nx; i++) {
          const a = t[i + f.nx * k];
          const b = t[f.nx - 1 - i + f.nx * k];
          if (Number.isNaN(a) && Number.isNaN(b)) continue; // both in a probe shaft
          worst = Math.max(worst, Number.isNaN(a - b) ? Infinity : Math.abs(a - b));
        }
      }
    }
    expect(worst).toBeLessThan(1e-3);
    expect(pair.result.isotherms['0'].volume_ml!.at(-1)!).toBeGreaterThan(one.result.isotherms['0'].volume_ml!.at(-1)!);
    expect(pair.minX).toBeLessThan(-3.5);
    expect(pair.maxX).toBeGreaterThan(3.5); // one connected ice ball across x = 0 along the row
  });

  it('conserves energy (f64 reference) with a tilted probe, a vessel, skin and far field', () => {
    // A smaller block than the others (20 × 16 × 32 mm, 82k cells instead of 184k): the balance
    // holds at any size, and the probe shaft, the vessel, the skin and the held far field all still
    // exchange heat (the ice comes within ~2 mm of the sides).
    const r = simulate(box({
      geometry: { mode: '3d', spacing_mm: 0.5, size_mm: [20, 16, 32] },
      solver: { precision: 'f64' }, skin: { boundary: 'convective', ambient_c: 22, h_w_m2k: 10 },
      probes: [probe({ diameter_mm: 1.47, tip_mm: [0, 0, 25], active_length_mm: 15, direction: [0.5, 0, 0.866], surface: argon })],
      vessels: [{ center_mm: [-5, 0, 20], direction: [0, 1, 0], diameter_mm: 3, wall: 'convective', h_w_m2k: 600, blood_c: 37 }],
      protocol: [{ phase: 'freeze', duration_s: 60, power: 1 }, { phase: 'active_thaw', duration_s: 20, temperature_c: 20 }],
    }));
    expect(r.energy!.relative_error).toBeLessThan(1e-9);
  });
});
