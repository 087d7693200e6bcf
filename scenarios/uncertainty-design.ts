/**
 * What an uncertainty design needs of its section, shared by the validator (which sizes the
 * design before anything runs) and the ensemble (which lays the members out): the dimensions
 * that vary, the members a Saltelli design needs per base point, and how many dimensions the
 * Sobol table (workers/ensemble/sobol.ts) has.
 */
import { distributionOf } from './distributions.ts';
import type { Uncertainty } from './schema.ts';

/** Dimensions of the Joe–Kuo direction-number table: van der Corput plus its 56 rows (tests/ensemble/sobol.test.ts pins the table to it). */
export const SOBOL_MAX_DIMS = 57;

/** Design dimensions (input index, or inputs.length + axis) that vary. */
export function varyingDims(u: Pick<Uncertainty, 'inputs' | 'placement_error_mm'>): number[] {
  const dims: number[] = [];
  u.inputs.forEach((input, k) => {
    if (distributionOf(input).point === null) dims.push(k);
  });
  u.placement_error_mm.forEach((sd, a) => {
    if (sd > 0) dims.push(u.inputs.length + a);
  });
  return dims;
}

/** Members a Saltelli design needs per base point: A, B and one A_B^k block per varying dimension. */
export const saltelliBlocks = (u: Pick<Uncertainty, 'inputs' | 'placement_error_mm'>) => varyingDims(u).length + 2;
