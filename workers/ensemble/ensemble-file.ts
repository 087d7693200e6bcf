/**
 * The `cryo-ensemble/1` document: the resolved uncertainty section, then per protocol the
 * summary (samples, probability, percentiles) and every member with its sampled inputs,
 * offset and figures (or error), sorted by member index, plus (extensions) the rank
 * sensitivity of each figure to each input and p10/p50/p90 bands over time. Because the summary is computed
 * from the members alone, shards carry everything a merge needs, and a merge of all shards
 * is the same document as the unsharded run.
 */
import type { Uncertainty, Vec3 } from '../../scenarios/schema.ts';
import type { MemberFigures } from './figures.ts';
import type { Member } from './members.ts';
import { rankSensitivity, sobolIndices, type SensitivityEntry, type SobolEntry } from './sensitivity.ts';
import { summarise, type ProtocolSummary } from './summary.ts';

export const ENSEMBLE_SCHEMA = 'cryo-ensemble/1';

export interface MemberRecord {
  index: number;
  /** sampled value per input path */
  inputs: Record<string, number>;
  offset_mm: Vec3;
  figures?: MemberFigures;
  error?: string;
}

export interface ProtocolEnsemble extends ProtocolSummary {
  id: string;
  scenario: string;
  /** Extension: Spearman rank correlation of each input with each figure, strongest first per figure (sensitivity.ts) */
  sensitivity?: SensitivityEntry[];
  /** Extension: Sobol first-order and total indices per input and figure, with `"design": "saltelli"` */
  sobol_indices?: SobolEntry[];
  members: MemberRecord[];
}

export interface EnsembleFile {
  schema: typeof ENSEMBLE_SCHEMA;
  name: string;
  uncertainty: Uncertainty;
  skin_margin_mm: number;
  /** which members this file holds: member i belongs to shard (i mod count) + 1 */
  shard: { index: number; count: number };
  /** false when the run was interrupted before every member of its shard finished */
  complete: boolean;
  protocols: ProtocolEnsemble[];
}

export function memberRecord(u: Uncertainty, m: Member, outcome: { figures: MemberFigures } | { error: string }): MemberRecord {
  return { index: m.index, inputs: Object.fromEntries(u.inputs.map((input, k) => [input.path, m.values[k]])), offset_mm: m.offset_mm, ...outcome };
}

/** `uncertainty` is needed only for a Saltelli design's Sobol indices. */
export function protocolEnsemble(id: string, scenario: string, members: MemberRecord[], skinMarginMm: number, uncertainty?: Uncertainty): ProtocolEnsemble {
  const sorted = [...members].sort((a, b) => a.index - b.index);
  const sobol = uncertainty?.design === 'saltelli' ? { sobol_indices: sobolIndices(sorted, uncertainty) } : {};
  return { id, scenario, ...summarise(sorted.map((m) => m.figures ?? null), skinMarginMm), sensitivity: rankSensitivity(sorted), ...sobol, members: sorted };
}
