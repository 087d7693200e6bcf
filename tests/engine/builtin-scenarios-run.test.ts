/**
 * Every built-in literature scenario validates, compiles and runs to the end
 * (at 0.5 mm to keep the suite short; `cryo run <id>` uses the files' own 0.25 mm),
 * freezes tissue around its probe, conserves energy and reports its nerve.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS } from '../../scenarios/builtin.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { simulate } from '../support/simulate.ts';

describe('built-in scenarios', () => {
  for (const [id, file] of Object.entries(BUILTIN_SCENARIOS)) {
    it(`${id} runs and forms an ice ball`, () => {
      const coarse = structuredClone(file);
      coarse.geometry.spacing_mm = 0.5;
      const v = validateScenario(coarse);
      if (!v.ok) throw new Error(v.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
      const r = simulate(v.scenario);
      const total = v.scenario.protocol.reduce((a, p) => a + p.duration_s, 0);
      expect(r.times_s.at(-1)).toBeCloseTo(total, 6);
      expect(Math.max(...r.isotherms['0'].volume_ml!)).toBeGreaterThan(0.05);
      expect(Math.min(...r.probes[0].surface_c)).toBeLessThan(-30); // Prologo brings its probe only to −40 °C

      expect(r.energy!.relative_error).toBeLessThan(1e-9);
      expect(r.nerve).not.toBeNull();
      expect(r.nerve!.min_c).toBeLessThan(37);
      expect(Number.isFinite(r.skin.min_c)).toBe(true);
    });
  }
});
