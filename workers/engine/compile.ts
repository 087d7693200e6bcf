/**
 * Scenario → everything the kernel needs: grid, cell map with materials and
 * boundary links, the time step, and the protocol timeline. Problems that only
 * show once the grid exists come back as path-tagged EngineInputErrors.
 */
import type { Scenario } from '../../scenarios/schema.ts';
import { buildCellMap, type CellMap } from './boundaries.ts';
import { EngineInputError } from './engine-input-error.ts';
import { buildGrid, type Grid } from './grid.ts';
import { protocolSegments, type Segment } from './probe-schedule.ts';
import { stableTimeStepS } from './stability.ts';

export interface CompiledModel {
  scenario: Scenario;
  grid: Grid;
  cells: CellMap;
  dtS: number;
  dtLimitS: number;
  segments: Segment[];
  totalS: number;
}

export function compileScenario(s: Scenario): CompiledModel {
  if (s.geometry.mode === '3d') {
    throw new EngineInputError([{ path: 'geometry.mode', message: '3d is not available yet; use axisymmetric or planar' }]);
  }
  const grid = buildGrid(s);
  const cells = buildCellMap(s, grid);
  s.probes.forEach((p, i) => {
    if (p.diameter_mm > 0) return;
    const thaw = s.protocol.findIndex((ph) => ph.phase === 'active_thaw');
    if (thaw >= 0) {
      throw new EngineInputError([{
        path: `protocol[${thaw}]`,
        message: `active thaw needs a probe surface, but probes[${i}] is a line sink of zero diameter; give it a diameter_mm or use passive_thaw`,
      }]);
    }
  });
  const dtLimitS = stableTimeStepS(grid, cells);
  let dtS = dtLimitS;
  if (s.solver.dt_s !== undefined) {
    if (s.solver.dt_s > dtLimitS) {
      throw new EngineInputError([{
        path: 'solver.dt_s',
        message: `${s.solver.dt_s} s is above the stability limit ${dtLimitS.toPrecision(4)} s for this grid and tissue; use a smaller value or omit it to choose automatically`,
      }]);
    }
    dtS = s.solver.dt_s;
  }
  const segments = protocolSegments(s.protocol);
  return { scenario: s, grid, cells, dtS, dtLimitS, segments, totalS: segments[segments.length - 1].endS };
}
