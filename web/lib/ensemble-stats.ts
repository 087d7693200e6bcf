/**
 * What the ensemble panel computes from finished members, beyond the CLI's summary
 * (workers/ensemble/summary.ts, whose p10/p50/p90 bands over time the charts draw): the
 * uncertainty of a probability estimated from n members (Wilson score interval), and Spearman
 * rank correlations of each sampled input with each verdict figure (sensitivity, with the
 * CLI's Spearman). Pure functions.
 */
// Spearman's rho (average ranks for ties) is the CLI's own, so browser and `cryo ensemble` rank alike.
import { SENSITIVITY_FIGURES as FIGURES, spearman } from '../../workers/ensemble/sensitivity.ts';
import type { MemberRecord } from '../../workers/ensemble/ensemble-file.ts';

/** z for a two-sided 95 % interval. */
const Z95 = 1.959963984540054;

/**
 * Wilson score interval for k successes in n trials: stays inside [0, 1] and is honest at
 * 0 / n and n / n, where the normal approximation p ± z·√(p(1−p)/n) collapses to a point.
 */
export function wilsonInterval(k: number, n: number, z = Z95): { low: number; high: number } | null {
  if (!(n > 0)) return null;
  const p = k / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** The verdict figures whose sensitivity the panel shows, read from a finished member. */
export const SENSITIVITY_FIGURES: { id: string; label: string; of: (m: MemberRecord) => number | null }[] = (
  [
    ['nerve_min_c', 'nerve coldest °C', 'nerve.min_c'],
    ['nerve_cover_m20', 'nerve share ≤ −20 °C', 'nerve.coverage_minus20'],
    ['skin_min_c', 'skin coldest °C', 'skin.min_c'],
  ] as const
).map(([id, label, figure]) => ({ id, label, of: (m: MemberRecord) => (m.figures ? FIGURES[figure](m.figures) : null) }));

export interface SensitivityRow {
  /** the sampled input's path, or "placement x" / "placement depth" */
  input: string;
  /** rho per SENSITIVITY_FIGURES id (null: not defined) */
  rho: Record<string, number | null>;
}

/**
 * Spearman rho of every sampled input, and of each placement-error axis that varies, with each
 * verdict figure, over the members that finished.
 */
export function sensitivity(members: readonly MemberRecord[]): SensitivityRow[] {
  const ok = members.filter((m) => m.figures);
  if (ok.length < 3) return [];
  const inputs: { input: string; of: (m: MemberRecord) => number }[] = Object.keys(ok[0].inputs).map((path) => ({ input: path, of: (m) => m.inputs[path] }));
  (['placement x', 'placement y', 'placement depth'] as const).forEach((name, axis) => {
    if (new Set(ok.map((m) => m.offset_mm[axis])).size > 1) inputs.push({ input: name, of: (m) => m.offset_mm[axis] });
  });
  return inputs.map(({ input, of }) => ({
    input,
    rho: Object.fromEntries(
      SENSITIVITY_FIGURES.map((f) => {
        const pairs = ok.map((m) => [of(m), f.of(m)] as const).filter((p): p is readonly [number, number] => p[1] !== null && Number.isFinite(p[0]) && Number.isFinite(p[1]));
        return [f.id, spearman(pairs.map((p) => p[0]), pairs.map((p) => p[1]))];
      }),
    ),
  }));
}
