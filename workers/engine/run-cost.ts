/**
 * What a run is predicted to cost, from its scenario alone (no grid is built): cell updates
 * counted in explicit steps, as "auto" counts them, on the integrator its rule (implicit-stepper.ts autoIntegrator) takes. The
 * browser's batch of runs costs its queued runs with it, so that the time left it shows holds
 * runs of different lengths and integrators (simulation-pool.ts summarise).
 *
 * The explicit steps use the tissue-limited step of the budget check (validate-budget.ts
 * estimateRun, an upper bound of the engine's step) shortened by what a probe surface's links add:
 * a tissue cell closer than half a cell to a surface is absorbed into it, so a link spans at least
 * half a cell and conducts at most twice a face, and the cells at a probe's corner have one such
 * face along each axis: 2·dims faces' worth become 3·dims, the step 2/3 of the tissue's (the
 * engine's step on the built-in protocols at 0.25 mm, 0.00890 s against 0.01336, and on issue
 * 12's 3D scene at 0.25 mm, 0.00594 against 0.00891). With the padded cells of its grid; the
 * implicit run its predicted steps (predictedImplicitSteps, from the protocol's
 * segments) times IMPLICIT.autoStepCost explicit steps. On the built-in comparison at 0.25 mm,
 * wall time over this prediction was 1.0–1.25 ns per update for seven protocols and 1.7 for
 * cazzato-2016 (2026-12-07, Node, one thread): the spread a queued run's cost estimate keeps.
 */
import type { Scenario } from '../../scenarios/schema.ts';
import { estimateRun } from '../../scenarios/validate-budget.ts';
import { autoIntegrator, implicitStepCost, predictedImplicitSteps } from './implicit-stepper.ts';
import { protocolSegments } from './probe-schedule.ts';

/** Explicit steps per tissue-limited step beside a probe surface (see above): 3·dims over 2·dims faces' worth. */
const PROBE_LINK_STEP_FACTOR = 1.5;

/** Predicted cost of running `s`: explicit-step cell updates (a relative measure across runs, not seconds). */
export function predictedRunWork(s: Scenario): number {
  const est = estimateRun(s);
  const surfaceLinks = s.solver.dt_s === undefined && s.probes.some((p) => p.surface.model !== 'line_sink');
  const explicitSteps = surfaceLinks ? est.steps * PROBE_LINK_STEP_FACTOR : est.steps;
  // Predicted only when asked, and once: "auto" asks first, the implicit cost below again.
  let predicted: number | undefined;
  const implicitSteps = () => {
    if (predicted !== undefined) return predicted;
    const segments = protocolSegments(s.protocol);
    const totalS = segments.length ? segments[segments.length - 1].endS : 0;
    return (predicted = predictedImplicitSteps({ scenario: s, segments, totalS, grid: { spacingMm: s.geometry.spacing_mm } }));
  };
  const wanted = s.solver.integrator ?? 'auto';
  const integrator = wanted === 'auto' ? autoIntegrator(s, explicitSteps, implicitSteps) : wanted;
  return (integrator === 'implicit' ? implicitStepCost(s, implicitSteps()) : explicitSteps) * est.paddedCells;
}
