/**
 * No isotherm inside a probe that nothing has reached: the map holds ghost values in solid cells
 * next to tissue (the tissue profile extended through the surface, so interpolation meets the
 * surface temperature at the surface), and a ghost is colder than its surface while the probe
 * cools tissue. A level colder than every tissue cell and every surface must give no region.
 * Seen on the GelMA bench: 10 s into the cool-down the probe surface is at −22.6 °C, the
 * tissue no colder than −3.3 °C, yet a ghost at −42 °C reported a 0.36 mm "−40 °C radius".
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { ScenarioFile } from '../../scenarios/schema.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { runScenario } from '../../workers/engine/run.ts';
import { loadKernels } from '../../workers/node/kernel-node.ts';
import { CELL } from '../../workers/engine/boundaries.ts';

const gelma: ScenarioFile = JSON.parse(readFileSync(new URL('../../scenarios/experiments/sarshoghi-icesphere-gelma.json', import.meta.url), 'utf8'));

function coolDown(spacingMm: number, precision: 'f32' | 'f64') {
  const f = structuredClone(gelma);
  f.geometry.spacing_mm = spacingMm;
  f.solver = { precision, integrator: 'explicit' };
  f.protocol = [{ phase: 'freeze', duration_s: 30 }];
  f.output = { ...(f.output ?? {}), interval_s: 2, isotherms_c: [0, -20, -25, -40] };
  const v = validateScenario(f);
  if (!v.ok) throw new Error(v.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return runScenario(v.scenario, loadKernels(), { frames: true, maxFrames: 1000 });
}

describe('isotherms are located in tissue, never inside an unreached probe', () => {
  for (const [h, precision] of [[0.5, 'f64'], [0.25, 'f32']] as const) {
    it(`GelMA cool-down at ${h} mm (${precision}): a level colder than tissue and surface has no region`, () => {
      const out = coolDown(h, precision);
      const { result, frames } = out as typeof out & { frames: NonNullable<typeof out.frames> };
      expect(frames.times_s).toEqual(result.times_s);
      let checked = 0;
      result.times_s.forEach((_, ti) => {
        const T = frames.temperatures_c[ti];
        let coldestTissue = Infinity;
        T.forEach((t, c) => {
          if (frames.cell_kind[c] === CELL.TISSUE) coldestTissue = Math.min(coldestTissue, t);
        });
        const coldest = Math.min(coldestTissue, ...result.probes.map((p) => p.surface_c[ti]));
        for (const [level, iso] of Object.entries(result.isotherms)) {
          if (Number(level) < coldest - 1e-6) {
            checked++;
            expect(iso.radius_mm[ti], `${level} °C at ${result.times_s[ti]} s`).toBeNull();
            expect(iso.length_mm?.[ti] ?? null).toBeNull();
          }
        }
      });
      expect(checked).toBeGreaterThan(10);
      // The surface is held at −30.8 °C behind a film: nothing ever reached −40 °C, so the envelope has no −40 °C zone either.
      expect(Math.min(...result.probes[0].surface_c)).toBeGreaterThan(-40);
      expect(result.envelope!['-40'].radius_mm).toBeNull();
      const last = result.times_s.length - 1;
      expect(result.probes[0].surface_c[last]).toBeLessThan(-25);
      expect(result.isotherms['-25'].radius_mm[last]).toBeGreaterThan(gelma.probes[0].diameter_mm! / 2);
    });
  }
});
