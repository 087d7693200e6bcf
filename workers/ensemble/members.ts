/**
 * The members of an ensemble: for member i, one value per uncertain input and a nerve–probe
 * offset, from row i of the seeded design (inputs first, then the offset's x, y, z; a
 * Saltelli design lays its rows out in blocks, saltelli.ts). The
 * whole list is a pure function of the `uncertainty` section, so every shard, and every
 * protocol of a comparison (common random numbers), sees the same members.
 */
import type { Uncertainty, Vec3 } from '../../scenarios/schema.ts';
import { unitDesign } from './design.ts';
import { distributionOf, normal, sampleAt } from '../../scenarios/distributions.ts';
import { varyingDims } from '../../scenarios/uncertainty-design.ts';
import { saltelliRows } from './saltelli.ts';

export interface Member {
  index: number;
  /** one value per `uncertainty.inputs` entry, in order */
  values: number[];
  /** nerve displacement relative to the probe (mm) */
  offset_mm: Vec3;
}

export function planMembers(u: Uncertainty): Member[] {
  const dims = u.inputs.length + 3;
  const rows = u.design === 'saltelli' ? saltelliRows(u.samples, dims, varyingDims(u), u.seed) : unitDesign(u.samples, dims, u.design, u.seed);
  const dists = u.inputs.map(distributionOf);
  const axes = u.placement_error_mm.map((sd) => normal(0, sd));
  return rows.map((row, index) => ({
    index,
    values: u.inputs.map((input, k) => sampleAt(dists[k], row[k], input.bounds)),
    offset_mm: axes.map((d, a) => sampleAt(d, row[u.inputs.length + a])) as Vec3,
  }));
}
