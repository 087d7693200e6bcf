/**
 * Every built-in literature scenario validates, compiles and runs to the end on
 * both kernels (at 0.5 mm to keep the suite short; `cryo run <id>` uses the
 * files' own 0.25 mm): it freezes tissue around its probe, reports its nerve,
 * conserves energy (f64 reference), and the production f32 SIMD kernel moves no
 * isotherm position — radius, top/bottom depth, length, at any output time — by
 * 0.05 mm or more against the f64 reference.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS } from '../../scenarios/builtin.ts';
import { comparePrecisions } from '../support/precision-compare.ts';

describe('built-in scenarios', () => {
  for (const [id, file] of Object.entries(BUILTIN_SCENARIOS)) {
    it(`${id} runs, forms an ice ball, and f32 matches f64 within 0.05 mm`, () => {
      const { shiftMm, f32, f64 } = comparePrecisions(file, 0.5);
      const total = file.protocol.reduce((a, p) => a + p.duration_s, 0);
      expect(f32.times_s.at(-1)).toBeCloseTo(total, 6);
      expect(Math.max(...f32.isotherms['0'].volume_ml!)).toBeGreaterThan(0.05);
      expect(Math.min(...f32.probes[0].surface_c)).toBeLessThan(-30); // Prologo brings its probe only to −40 °C
      expect(f32.nerve).not.toBeNull();
      expect(f32.nerve!.min_c).toBeLessThan(37);
      expect(Number.isFinite(f32.skin.min_c)).toBe(true);
      expect(f64.energy!.relative_error).toBeLessThan(1e-9);
      expect(f32.solver.precision).toBe('f32');
      expect(shiftMm).toBeLessThan(0.05);
    });
  }
});

describe('field snapshots', () => {
  it('keeps at most maxFrames snapshots while running, evenly spaced, always the last', async () => {
    const { runScenario } = await import('../../workers/engine/run.ts');
    const { loadKernels } = await import('../../workers/node/kernel-node.ts');
    const { validateScenario } = await import('../../scenarios/validate.ts');
    const file = structuredClone(BUILTIN_SCENARIOS['yoon-2016']);
    file.geometry.spacing_mm = 1;
    const v = validateScenario(file);
    if (!v.ok) throw new Error('invalid');
    const { result, frames } = runScenario(v.scenario, loadKernels(), { frames: true, maxFrames: 10 });
    expect(frames!.times_s.length).toBeLessThanOrEqual(11);
    expect(frames!.times_s.length).toBeGreaterThanOrEqual(8);
    expect(frames!.times_s.at(-1)).toBe(result.times_s.at(-1));
    expect(frames!.temperatures_c).toHaveLength(frames!.times_s.length);
  });
});
