/**
 * The lethal-zone chart and the verdict say the same thing about the nerve: for every
 * built-in protocol on the comparison anatomy and on generated anatomies, the chart's
 * picture of the nerve cross-section shows the nerve wholly inside the −20 / −40 °C zone
 * exactly when the verdict reports full coverage, and the temperature histories' nerve
 * sensors sit on that same cross-section. Runs use a 0.5 mm grid (the agreement does not
 * depend on the resolution; the runs are quick).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_COMPARISONS, BUILTIN_SCENARIOS, expandComparison } from '../../scenarios/builtin.ts';
import type { ComparisonFile, ScenarioFile } from '../../scenarios/schema.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { nerveInsideZone, sectionView, verdict, withChartOutputs, type RunRecord } from '../../web/lib/analysis.ts';
import { DERIVED_SENSOR_NAMES } from '../../web/ui-presets.ts';
import { simulate } from '../support/simulate.ts';

const SET = BUILTIN_COMPARISONS['comparison-nerve-20mm'];
const MARGINS = { skin_margin_mm: 5, nerve_target_c: -20, skin_limit_c: 0 };

function coarse(set: ComparisonFile): ComparisonFile {
  const c = structuredClone(set);
  c.anatomy.geometry.spacing_mm = 0.5;
  c.output = { interval_s: 30, isotherms_c: [0, -20, -40] };
  return c;
}

function runOf(id: string, file: ScenarioFile): RunRecord {
  const withOutputs = withChartOutputs(file);
  const v = validateScenario(withOutputs);
  if (!v.ok) throw new Error(`${id}: ${v.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  return { id, label: id, colour: '#000', file: withOutputs, scenario: v.scenario, result: simulate(v.scenario), frames: null, error: null };
}

/** Chart ⇔ verdict, for both thresholds; returns what the chart showed (to check the cases are not all alike). */
function expectAgreement(run: RunRecord): { block: boolean; lethal: boolean } {
  const row = verdict(run, MARGINS)!;
  const view = sectionView(run.result)!;
  expect(view, run.id).not.toBeNull();
  const block = nerveInsideZone(view, -20);
  const lethal = nerveInsideZone(view, -40);
  expect(block, `${run.id}: chart shows the nerve inside −20 °C`).toBe(row.block_full);
  expect(lethal, `${run.id}: chart shows the nerve inside −40 °C`).toBe(row.lethal_full);
  // The shares the chart prints are the verdict's, not approximately: the same points.
  expect(view.covered['-20'], run.id).toBe(row.block_fraction);
  expect(view.covered['-40'], run.id).toBe(row.lethal_fraction);
  // The temperature histories read the nerve on the same cross-section.
  const sec = run.result!.nerve!.section!;
  const sensors = Object.fromEntries(run.file.sensors!.map((s) => [s.name, s.position_mm]));
  for (let k = 0; k < 3; k++) {
    expect(sensors[DERIVED_SENSOR_NAMES.nerve_centre][k]).toBeCloseTo(sec.centre_mm[k], 9);
    expect(sensors[DERIVED_SENSOR_NAMES.nerve_near][k]).toBeCloseTo(sec.centre_mm[k] - sec.away[k] * sec.radius_mm, 9);
  }
  return { block, lethal };
}

describe('lethal-zone chart and verdict agree', () => {
  it('for every built-in protocol on the comparison anatomy', () => {
    const shown = expandComparison(coarse(SET)).map(({ id, scenario }) => expectAgreement(runOf(id, scenario)));
    // Both answers occur, so the agreement is not the trivial one.
    expect(shown.some((s) => s.block)).toBe(true);
    expect(shown.some((s) => !s.lethal)).toBe(true);
  }, 120_000);

  it('on generated anatomies (nerve depth, size, distance from the probe; published or common placement)', () => {
    const quick = ['yoon-2016', 'calixte-2019', 'tinnirello-2025', 'von-falck-2022'];
    fc.assert(
      fc.property(
        fc.record({
          id: fc.constantFrom(...quick),
          depth_mm: fc.double({ min: 14, max: 30, noNaN: true }),
          diameter_mm: fc.double({ min: 1, max: 5, noNaN: true }),
          lateral_mm: fc.double({ min: 0, max: 6, noNaN: true }),
          placement: fc.constantFrom('published' as const, 'anatomy' as const),
        }),
        ({ id, depth_mm, diameter_mm, lateral_mm, placement }) => {
          const set = coarse(SET);
          set.protocols = [id];
          set.adjuncts = { skin: 'published', placement };
          set.anatomy.nerve = { center_mm: [lateral_mm, 0, depth_mm], direction: [0, 1, 0], diameter_mm };
          const [{ scenario }] = expandComparison(set);
          if (!validateScenario(scenario).ok) return; // an anatomy this protocol cannot sit in is not run
          expectAgreement(runOf(id, scenario));
        },
      ),
      { numRuns: 6, seed: 11 },
    );
  }, 120_000);

  it('in 3D, with an oblique nerve passing beside the probe', () => {
    const yoon = BUILTIN_SCENARIOS['yoon-2016'];
    const file: ScenarioFile = {
      ...structuredClone(yoon),
      geometry: { mode: '3d', spacing_mm: 0.5, size_mm: [24, 24, 40] },
      nerve: { center_mm: [3, 1, 25], direction: [0.6, 0.8, 0.2], diameter_mm: 3 },
      protocol: [{ phase: 'freeze', duration_s: 60, power: 1 }],
      output: { interval_s: 30, isotherms_c: [0, -20, -40] },
    };
    expectAgreement(runOf('yoon-3d', file));
  }, 60_000);
});
