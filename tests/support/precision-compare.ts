/**
 * Runs a scenario with both kernels and reports the largest difference in any
 * isotherm position (radius, top and bottom depth, length) over all output
 * times and in the envelope, and in sensor/probe temperatures.
 */
import type { Result, ScenarioFile } from '../../scenarios/schema.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { simulate } from './simulate.ts';

export function isothermShiftMm(a: Result, b: Result): number {
  let worst = 0;
  for (const [level, sa] of Object.entries(a.isotherms)) {
    const sb = b.isotherms[level];
    for (const key of ['radius_mm', 'top_depth_mm', 'bottom_depth_mm', 'length_mm'] as const) {
      sa[key].forEach((x, i) => {
        const y = sb[key][i];
        if (x === null && y === null) return;
        // One run has a (tiny) region the other lacks: count the size of that region.
        worst = Math.max(worst, x === null || y === null ? Math.abs((x ?? 0) - (y ?? 0)) : Math.abs(x - y));
      });
    }
  }
  return worst;
}

/** Largest difference in the envelope's positions (radius, top and bottom depth, length) over all its isotherms. */
export function envelopeShiftMm(a: Result, b: Result): number {
  let worst = 0;
  for (const [level, ea] of Object.entries(a.envelope ?? {})) {
    const eb = b.envelope![level];
    for (const key of ['radius_mm', 'top_depth_mm', 'bottom_depth_mm', 'length_mm'] as const) {
      const x = ea[key];
      const y = eb[key];
      if (x === null && y === null) continue;
      worst = Math.max(worst, x === null || y === null ? Math.abs((x ?? 0) - (y ?? 0)) : Math.abs(x - y));
    }
  }
  return worst;
}

export function comparePrecisions(file: ScenarioFile, spacingMm: number) {
  const run = (precision: 'f32' | 'f64') => {
    const f = structuredClone(file);
    f.geometry.spacing_mm = spacingMm;
    f.solver = { ...(f.solver ?? {}), precision };
    const v = validateScenario(f);
    if (!v.ok) throw new Error(v.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
    return simulate(v.scenario);
  };
  const f32 = run('f32');
  const f64 = run('f64');
  return { shiftMm: isothermShiftMm(f32, f64), f32, f64 };
}
