/**
 * Guards against plotting garbage: after every chunk each tissue cell must hold
 * a finite, physically possible temperature. The explicit scheme is stable by
 * construction (the step is chosen below the stability limit), so a violation
 * means a bug or an extreme input; the run stops with where, when, and the
 * likely cause, instead of returning numbers nobody should trust.
 */
import type { Scenario } from '../../../scenarios/schema.ts';
import { CELL } from '../boundaries.ts';
import type { Grid } from '../grid.ts';
import { NumericalFaultError } from '../run-types.ts';

/** Below absolute zero, or hotter than anything in a cryoprobe scene could make tissue. */
const ABSOLUTE_ZERO_C = -273.15;
const HOTTEST_C = 150;

/**
 * Throws a NumericalFaultError for the first tissue cell whose temperature is impossible.
 * `kind` (CELL) marks the tissue cells; halo and solid cells are not checked.
 */
export function checkPhysical(t: ArrayLike<number>, kind: Uint8Array, g: Grid, timeS: number, s: Scenario): void {
  // One pass over the padded arrays finds nothing on a healthy run; only a hit pays for the ordered search and the message.
  let suspect = false;
  for (let c = 0; c < kind.length; c++) {
    const v = t[c];
    if (!(v >= ABSOLUTE_ZERO_C && v <= HOTTEST_C) && kind[c] === CELL.TISSUE) {
      suspect = true;
      break;
    }
  }
  if (!suspect) return;
  const tissue = (c: number) => kind[c] === CELL.TISSUE;
  for (let k = 0; k < g.nz; k++) {
    for (let j = 0; j < g.ny; j++) for (let i = 0; i < g.nx; i++) {
      const c = g.index(i, k, j);
      const v = t[c];
      if ((v >= ABSOLUTE_ZERO_C && v <= HOTTEST_C) || !tissue(c)) continue; // NaN fails the range test
      const y = g.mode === '3d' ? `, y = ${g.yMm(j).toFixed(2)} mm` : '';
      const where = `${g.mode === 'axisymmetric' ? 'r' : 'x'} = ${g.xMm(i).toFixed(2)} mm${y}, depth ${g.zMm(k).toFixed(2)} mm`;
      const value = Number.isFinite(v) ? `${v.toFixed(1)} °C` : String(v);
      throw new NumericalFaultError(
        `the temperature became ${value} at ${where} after ${timeS.toFixed(2)} s, which is physically impossible; ` +
          `the run was stopped. Likely cause: ${likelyCause(s)}`,
      );
    }
  }
}

function likelyCause(s: Scenario): string {
  if (s.solver.dt_s !== undefined) return `the fixed time step solver.dt_s = ${s.solver.dt_s} s; remove it to let the solver choose a stable step`;
  const extreme = s.probes.some((p) => p.surface.model === 'convective' && p.surface.h_w_m2k > 1e5) || s.vessels.some((v) => (v.h_w_m2k ?? 0) > 1e5);
  if (extreme) return 'an extreme film coefficient (h_w_m2k above 100 000 W/m²/K) in probes[].surface or vessels[]; use a measured or preset value';
  return 'a numerical instability of the solver for this input; please report the scenario file (and compare with solver.precision "f64")';
}
