/**
 * `cryo ensemble merge part-*.json`: joins shard documents of one ensemble. The parts must
 * agree on everything but their members (same name, uncertainty, margin and protocols);
 * members are united (a member in two parts must be identical) and the summaries recomputed,
 * so merging every shard gives exactly the unsharded document.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Issue } from '../../scenarios/schema.ts';
import { ENSEMBLE_SCHEMA, protocolEnsemble, type EnsembleFile, type MemberRecord } from './ensemble-file.ts';

export function mergeEnsembles(parts: { path: string; doc: unknown }[]): EnsembleFile | { issues: Issue[] } {
  const issues: Issue[] = [];
  const docs: EnsembleFile[] = [];
  for (const { path, doc } of parts) {
    const d = doc as Partial<EnsembleFile> | null;
    if (!d || typeof d !== 'object' || d.schema !== ENSEMBLE_SCHEMA || !Array.isArray(d.protocols))
      issues.push({ path, message: `not a ${ENSEMBLE_SCHEMA} document (written by cryo ensemble --out)` });
    else docs.push(d as EnsembleFile);
  }
  if (issues.length || docs.length === 0) return { issues: issues.length ? issues : [{ path: 'merge', message: 'give at least one part' }] };
  const first = docs[0];
  const sameEnsemble = (d: EnsembleFile) =>
    d.name === first.name &&
    d.skin_margin_mm === first.skin_margin_mm &&
    isDeepStrictEqual(d.uncertainty, first.uncertainty) &&
    isDeepStrictEqual(d.protocols.map((p) => p.id), first.protocols.map((p) => p.id));
  docs.forEach((d, i) => {
    if (!sameEnsemble(d)) issues.push({ path: parts[i].path, message: `is a different ensemble from ${parts[0].path} (name, uncertainty section, skin margin or protocols differ); merge only shards of one run` });
  });
  if (issues.length) return { issues };

  const protocols = first.protocols.map((p, pi) => {
    const byIndex = new Map<number, MemberRecord>();
    docs.forEach((d, di) => {
      for (const m of d.protocols[pi].members) {
        const seen = byIndex.get(m.index);
        if (seen && !isDeepStrictEqual(seen, m)) issues.push({ path: parts[di].path, message: `member ${m.index} of ${p.id} differs from another part's; were the parts run with different code or options?` });
        byIndex.set(m.index, m);
      }
    });
    return protocolEnsemble(p.id, p.scenario, [...byIndex.values()], first.skin_margin_mm, first.uncertainty);
  });
  if (issues.length) return { issues };
  const complete = docs.every((d) => d.complete) && protocols.every((p) => p.members.length === first.uncertainty.samples);
  return { ...first, shard: { index: 1, count: 1 }, complete, protocols };
}
