/**
 * The cost a run is predicted to have before it is compiled (run-cost.ts predictedRunWork), which
 * the browser's batch uses to cost its queued runs: checked against what the compiled model says
 * — the engine's own stable step (probe links included) for the explicit steps, its padded cells,
 * and the integrator "auto" takes with its step prediction — on the built-in protocols and issue
 * 12's 3D scene.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS } from '../../scenarios/builtin.ts';
import { IMPLICIT } from '../../scenarios/presets.ts';
import type { Scenario, ScenarioFile } from '../../scenarios/schema.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { compileScenario } from '../../workers/engine/compile.ts';
import { chooseIntegrator, predictedImplicitSteps } from '../../workers/engine/implicit-stepper.ts';
import { predictedRunWork } from '../../workers/engine/run-cost.ts';
import { loadKernels } from '../../workers/node/kernel-node.ts';
import { goalScene3d } from '../bench/bench-scenes.ts';

function validated(file: ScenarioFile, spacingMm: number): Scenario {
  const f = structuredClone(file);
  f.geometry.spacing_mm = spacingMm;
  const v = validateScenario(f);
  if (!v.ok) throw new Error(v.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return v.scenario;
}

/** The same cost from the compiled model: what "auto" compares, on the engine's grid and step. */
function compiledWork(s: Scenario): { work: number; integrator: string } {
  const model = compileScenario(s);
  const cells = model.grid.NX * model.grid.NY * model.grid.NZ;
  const integrator = chooseIntegrator(s, loadKernels(), model);
  const steps = integrator === 'implicit' ? predictedImplicitSteps(model) * IMPLICIT.autoStepCost[s.solver.precision ?? 'f32'] : model.totalS / model.dtS;
  return { work: steps * cells, integrator };
}

describe('predicted run work against the compiled model', () => {
  for (const [id, file] of Object.entries(BUILTIN_SCENARIOS)) {
    for (const spacingMm of [0.5, 0.25]) {
      it(`${id} at ${spacingMm} mm: within 2 % of the compiled model's cost, on the integrator auto takes`, () => {
        const s = validated(file, spacingMm);
        const { work } = compiledWork(s);
        expect(predictedRunWork(s) / work).toBeGreaterThan(0.98);
        expect(predictedRunWork(s) / work).toBeLessThan(1.02);
      });
    }
  }

  it('the 3D goal scene (explicit, 2/3 of the tissue step beside its probes) at 1 mm', () => {
    const s = validated(goalScene3d() as unknown as ScenarioFile, 1);
    const { work, integrator } = compiledWork(s);
    expect(integrator).toBe('explicit');
    expect(predictedRunWork(s) / work).toBeGreaterThan(0.98);
    expect(predictedRunWork(s) / work).toBeLessThan(1.02);
  });

  it('an explicit or implicit request is costed on that integrator', () => {
    const file = BUILTIN_SCENARIOS['prologo-2017'];
    const explicit = validated({ ...file, solver: { ...(file.solver ?? {}), integrator: 'explicit' } }, 0.5);
    const implicit = validated({ ...file, solver: { ...(file.solver ?? {}), integrator: 'implicit' } }, 0.5);
    const model = compileScenario(explicit);
    const cells = model.grid.NX * model.grid.NY * model.grid.NZ;
    expect(predictedRunWork(explicit) / ((model.totalS / model.dtS) * cells)).toBeCloseTo(1, 1);
    expect(predictedRunWork(implicit) / (predictedImplicitSteps(model) * IMPLICIT.autoStepCost.f32 * cells)).toBeCloseTo(1, 1);
  });
});
