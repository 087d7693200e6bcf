/**
 * Scenario → everything the kernel needs: grid, cell map with materials and
 * boundary links, the time step, and the protocol timeline. Problems that only
 * show once the grid exists come back as path-tagged ScenarioInputErrors.
 */
import type { Probe, Scenario } from '../../scenarios/schema.ts';
import { buildCellMap, frozenTablesOf, type CellMap } from './boundaries.ts';
import { ScenarioInputError } from '../../scenarios/input-error.ts';
import { buildGrid, type Grid } from './grid.ts';
import { protocolSegments, type Segment } from './probe-schedule.ts';
import { stableTimeStepS } from './stability.ts';
import { withTraceLagsResolved } from './trace-lag.ts';

/** One probe configuration: from segment `fromSegment` on, the probes sit at `probes`. */
export interface GeometryEpoch {
  fromSegment: number;
  probes: Probe[];
  cells: CellMap;
}

export interface CompiledModel {
  scenario: Scenario;
  grid: Grid;
  /** the cell map at t = 0 (epochs[0].cells) */
  cells: CellMap;
  /** one per probe configuration; a reposition phase starts a new one */
  epochs: GeometryEpoch[];
  dtS: number;
  dtLimitS: number;
  segments: Segment[];
  totalS: number;
}

export function compileScenario(input: Scenario): CompiledModel {
  // The kernels follow plain points: a lagged trace is resolved to its exact lagged points here.
  const s = withTraceLagsResolved(input);
  const grid = buildGrid(s);
  // Materials do not move with the probes: one set of frozen tables serves every epoch.
  const frozen = frozenTablesOf(s);
  const epochs: GeometryEpoch[] = [{ fromSegment: 0, probes: s.probes, cells: buildCellMap(s, grid, frozen) }];
  s.protocol.forEach((ph, i) => {
    if (ph.phase !== 'reposition') return;
    const probes = epochs[epochs.length - 1].probes.map((p, j) => (j === ph.probe ? { ...p, tip_mm: ph.tip_mm } : p));
    epochs.push({ fromSegment: i, probes, cells: buildCellMap({ ...s, probes }, grid, frozen) });
  });
  const cells = epochs[0].cells;
  s.probes.forEach((p, i) => {
    if (p.diameter_mm > 0) return;
    const thaw = s.protocol.findIndex((ph) => ph.phase === 'active_thaw');
    if (thaw >= 0) {
      throw new ScenarioInputError([{
        path: `protocol[${thaw}]`,
        message: `active thaw needs a probe surface, but probes[${i}] is a line sink of zero diameter; give it a diameter_mm or use passive_thaw`,
      }]);
    }
  });
  const dtLimitS = Math.min(...epochs.map((e) => stableTimeStepS(grid, e.cells)));
  let dtS = dtLimitS;
  if (s.solver.dt_s !== undefined) {
    if (s.solver.dt_s > dtLimitS) {
      throw new ScenarioInputError([{
        path: 'solver.dt_s',
        message: `${s.solver.dt_s} s is above the stability limit ${dtLimitS.toPrecision(4)} s for this grid and tissue; use a smaller value or omit it to choose automatically`,
      }]);
    }
    dtS = s.solver.dt_s;
  }
  const segments = protocolSegments(s.protocol);
  return { scenario: s, grid, cells, epochs, dtS, dtLimitS, segments, totalS: segments[segments.length - 1].endS };
}
