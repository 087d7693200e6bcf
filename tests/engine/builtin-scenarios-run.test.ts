/**
 * Every built-in literature scenario validates, compiles and runs to the end on
 * both kernels (at 0.5 mm to keep the suite short; `cryo run <id>` uses the
 * files' own 0.25 mm): it freezes tissue around its probe, reports its nerve,
 * conserves energy (f64 reference), and the production f32 SIMD kernel moves no
 * isotherm position — radius, top/bottom depth, length, at any output time — by
 * 0.05 mm or more against the f64 reference, and its envelope (everything ever at or below each
 * isotherm) lies within 0.01 mm of the reference's: the f32 kernel folds each cell's coldest
 * every 16 steps and at every two-rate piece's end (F32_COLDEST), where it once did at each chunk's
 * end only and cazzato-2016's −40 °C envelope came out 0.092 mm short (now 0.0016 mm).
 *
 * The implicit (BDF2) integrator against the same explicit f64 reference on every built-in and
 * experiment scenario at 0.5 mm: at every output time each isotherm position (radius,
 * top/bottom depth, length) within 0.1 mm (known gaps below, at their measured bounds), each sensor and probe surface within 0.5 °C, the
 * nerve's coldest temperature within 0.5 °C, the time the whole nerve first reached each threshold within 0.35 s, and an energy balance at least as tight as the
 * explicit kernel's (both close it to round-off; the implicit step's accepted state is the
 * explicit kernel's own update with the solved temperatures). And the step count "auto" predicts
 * (implicit-stepper.ts predictedImplicitSteps) stays within a factor 3 below and 2 above the
 * steps taken: the prediction was fitted on the built-in comparison at 0.5 mm, so a change of the
 * step control that moves the counts far from it must refit it (docs/method.md §5c).
 *
 * Both comparisons share one explicit f64 run per built-in scenario (computed once, on first use).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS } from '../../scenarios/builtin.ts';
import type { Result, Scenario, ScenarioFile } from '../../scenarios/schema.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { compileScenario } from '../../workers/engine/compile.ts';
import { predictedImplicitSteps } from '../../workers/engine/implicit-stepper.ts';
import { envelopeShiftMm, isothermShiftMm } from '../support/precision-compare.ts';
import { simulate } from '../support/simulate.ts';

const experiments: Record<string, ScenarioFile> = Object.fromEntries(
  readdirSync(new URL('../../scenarios/experiments/', import.meta.url))
    .filter((f) => f.endsWith('.json'))
    .map((f) => [f.replace('.json', ''), JSON.parse(readFileSync(new URL(`../../scenarios/experiments/${f}`, import.meta.url), 'utf8'))]),
);

function validated(file: ScenarioFile, precision: 'f32' | 'f64', integrator: 'explicit' | 'implicit'): Scenario {
  const f = structuredClone(file);
  f.geometry.spacing_mm = 0.5;
  f.solver = { ...(f.solver ?? {}), precision, integrator };
  const v = validateScenario(f);
  if (!v.ok) throw new Error(v.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return v.scenario;
}
const run = (file: ScenarioFile, precision: 'f32' | 'f64', integrator: 'explicit' | 'implicit'): Result => simulate(validated(file, precision, integrator));

/** The explicit f64 reference run of a scenario at 0.5 mm, computed once and shared by both comparisons. */
const explicitRuns = new Map<string, Result>();
function explicitF64(id: string, file: ScenarioFile): Result {
  if (!explicitRuns.has(id)) explicitRuns.set(id, run(file, 'f64', 'explicit'));
  return explicitRuns.get(id)!;
}

/** Largest difference between two series of temperatures (°C). */
function worstC(a: number[], b: number[]): number {
  return Math.max(0, ...a.map((x, i) => Math.abs(x - b[i])));
}

describe('built-in scenarios', () => {
  for (const [id, file] of Object.entries(BUILTIN_SCENARIOS)) {
    it(`${id} runs, forms an ice ball, and f32 matches f64 within 0.05 mm (envelope 0.01 mm)`, () => {
      const f32 = run(file, 'f32', 'explicit');
      const f64 = explicitF64(id, file);
      const shiftMm = isothermShiftMm(f32, f64);
      const total = file.protocol.reduce((a, p) => a + p.duration_s, 0);
      expect(f32.times_s.at(-1)).toBeCloseTo(total, 6);
      expect(Math.max(...f32.isotherms['0'].volume_ml!)).toBeGreaterThan(0.05);
      expect(Math.min(...f32.probes[0].surface_c)).toBeLessThan(-30); // Prologo brings its probe only to −40 °C
      expect(f32.nerve).not.toBeNull();
      expect(f32.nerve!.min_c).toBeLessThan(37);
      expect(Number.isFinite(f32.skin.min_c)).toBe(true);
      expect(f64.energy!.relative_error).toBeLessThan(1e-9);
      expect(f32.solver.precision).toBe('f32');
      expect(f64.solver.precision).toBe('f64');
      expect(shiftMm).toBeLessThan(0.05);
      expect(envelopeShiftMm(f32, f64)).toBeLessThan(0.01);
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

/**
 * Known gaps (measured with the enthalpy error control and the Newton rate test, docs/method.md §5c):
 * cazzato-2016 (0.405 mm: the −20 °C length 165 s into an active thaw; a reposition and thaws) and
 * calixte-2019 (0.103 mm: the −20 °C length 95 s into the passive thaw, after a −40 °C set point
 * approached along a 200 s ramp) are off by more than 0.1 mm at one output time, where an isotherm
 * vanishes or appears within seconds (the −20 °C region's length falling at 13 and 3.4 mm/s: 0.030 and
 * 0.034 s of timing, docs/method.md §5c). Each is held to its measured bound with ~7 % room, so a
 * regression still fails (the temperature control this replaced measured 0.421 and 0.103 mm; the
 * first-order step before it needed 0.6 and 0.45). prologo-2017 (0.108 mm before the Newton rate
 * test, now 0.066) and sarshoghi-icesphere-gelma (0.235 mm, now 0.044-0.048: the −2.8 °C length 10 s
 * into the cool-down ramp, the tip cell on its latent plateau) moved with the step sequence and are
 * held to 0.1 mm again. Prologo and GelMA once differed by a whole region: a −20 °C (Prologo, surface
 * −14.1 °C) or −40 °C (GelMA, surface −22.7 °C) "region" made of ghost values extrapolated inside a
 * probe whose surface had not reached the level, which the isotherms no longer count
 * (tests/engine/isotherm-inside-probe.test.ts).
 */
const KNOWN_GAP_MM: Record<string, number> = {
  'cazzato-2016': 0.44, 'calixte-2019': 0.11,
};

describe('implicit integrator against the explicit f64 kernel', () => {
  for (const [id, file] of Object.entries({ ...BUILTIN_SCENARIOS, ...experiments })) {
    const bound = KNOWN_GAP_MM[id] ?? 0.1;
    it(`${id}: isotherms within ${bound} mm, sensors within 0.5 °C, energy closed`, () => {
      const ex = explicitF64(id, file);
      const im = run(file, 'f64', 'implicit');
      expect(im.solver.integrator).toBe('implicit');
      expect(im.times_s).toEqual(ex.times_s);
      expect(isothermShiftMm(ex, im)).toBeLessThan(bound);
      for (const [name, series] of Object.entries(ex.sensors)) expect(worstC(series, im.sensors[name]), name).toBeLessThan(0.5);
      ex.probes.forEach((p, i) => expect(worstC(p.surface_c, im.probes[i].surface_c), `probe ${i}`).toBeLessThan(0.5));
      if (ex.nerve) expect(Math.abs(ex.nerve.min_c - im.nerve!.min_c)).toBeLessThan(0.5);
      // When the whole nerve first reached each threshold: interpolated between the implicit steps
      // (1–3 s long there), against the explicit run's looks every 0.25 s near it (measured 0.28 s at most).
      for (const [level, c] of Object.entries(ex.nerve?.coverage ?? {})) {
        const got = im.nerve!.coverage[level].first_full_s;
        if (c.first_full_s === null) expect(got, `nerve fully ≤ ${level} °C`).toBeNull();
        else expect(Math.abs(got! - c.first_full_s), `nerve fully ≤ ${level} °C at`).toBeLessThan(0.35);
      }
      expect(im.energy!.relative_error).toBeLessThanOrEqual(Math.max(ex.energy!.relative_error, 1e-12));
      // The point of it: far fewer steps than the explicit limit allows.
      expect(im.solver.steps).toBeLessThan(ex.solver.steps / 2);
      // Measured ratios: 0.65–1.13 on the built-ins, 1.03–1.10 on the saline bench, 0.92 on GelMA (0.43 before the
      // narrow-mushy-range term: its 1-K range, not its cool-down, held the steps).
      const predicted = predictedImplicitSteps(compileScenario(validated(file, 'f64', 'implicit')));
      expect(predicted / im.solver.steps).toBeGreaterThan(1 / 3);
      expect(predicted / im.solver.steps).toBeLessThan(2);
    });
  }
});
