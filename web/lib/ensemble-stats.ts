/**
 * What the ensemble panel and charts compute from finished members, beyond the CLI's summary
 * (workers/ensemble/summary.ts): the uncertainty of a probability estimated from n members
 * (Wilson score interval), p10/p50/p90 bands of an isotherm measure over time, and Spearman
 * rank correlations of each sampled input with each verdict figure (sensitivity).
 * Pure functions; percentiles use the summary's type-7 quantile so a band at the final time
 * agrees with the summary's percentiles.
 *
 * Note for the merge: the ensemble helper adds band series and Spearman rho to the ensemble
 * file; these are this branch's own versions and should be unified with those.
 */
import { spearman } from '../../workers/ensemble/sensitivity.ts';
import { quantile } from '../../workers/ensemble/summary.ts';
import type { MemberRecord } from '../../workers/ensemble/ensemble-file.ts';
import type { MemberSeries } from '../../workers/pool/simulation-service.ts';

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

export type SeriesMetric = 'radius_mm' | 'mid_radius_mm' | 'bottom_depth_mm' | 'top_depth_mm' | 'length_mm';

export interface BandSeries {
  times_s: number[];
  p10: (number | null)[];
  p50: (number | null)[];
  p90: (number | null)[];
  /** members contributing at each time */
  n: number[];
}

/** The series key of an isotherm level, matched by value ("-40" and "-40.0" agree). */
function levelKey(isotherms: Record<string, unknown>, levelC: number): string | null {
  for (const k of Object.keys(isotherms)) if (Number(k) === levelC) return k;
  return null;
}

/** Linear interpolation of a member's measure at t; null outside its run or where not defined. */
function valueAt(times: number[], values: (number | null)[], t: number, missing: number | null): number | null {
  if (!times.length || t < times[0] - 1e-9 || t > times[times.length - 1] + 1e-9) return null;
  let i = 0;
  while (i + 1 < times.length && times[i + 1] <= t) i++;
  const a = values[i] ?? missing;
  if (i + 1 >= times.length || times[i] === t) return a;
  const b = values[i + 1] ?? missing;
  if (a === null || b === null) return a ?? b;
  const w = (t - times[i]) / (times[i + 1] - times[i]);
  return a + w * (b - a);
}

/**
 * p10 / p50 / p90 of one isotherm measure across members, on the time grid of the member with
 * the most output times. A radius or length that is not there yet (null) counts as 0 — no zone
 * is a zone of size 0, as in the summary's envelope; a depth that is not there is left out.
 * A member whose run ended earlier (a shorter sampled protocol) is left out after its end.
 */
export function bandsOverTime(members: readonly MemberSeries[], levelC: number, metric: SeriesMetric): BandSeries | null {
  const usable = members
    .map((m) => {
      const key = levelKey(m.isotherms, levelC);
      const s = key ? m.isotherms[key] : undefined;
      const values = s?.[metric];
      return values ? { times: m.times_s, values } : null;
    })
    .filter((x): x is { times: number[]; values: (number | null)[] } => x !== null);
  if (!usable.length) return null;
  const grid = usable.reduce((a, b) => (b.times.length > a.times.length ? b : a)).times;
  const missing = metric.includes('depth') ? null : 0;
  const out: BandSeries = { times_s: [...grid], p10: [], p50: [], p90: [], n: [] };
  for (const t of grid) {
    const vs = usable.map((u) => valueAt(u.times, u.values, t, missing)).filter((v): v is number => v !== null && Number.isFinite(v));
    vs.sort((a, b) => a - b);
    out.p10.push(quantile(vs, 0.1));
    out.p50.push(quantile(vs, 0.5));
    out.p90.push(quantile(vs, 0.9));
    out.n.push(vs.length);
  }
  return out;
}

/** p10 / p50 / p90 across members of one measure at time t, or of its largest value over the run (t null). */
export function bandsAt(members: readonly MemberSeries[], levelC: number, metric: SeriesMetric, t: number | null): { p10: number | null; p50: number | null; p90: number | null } | null {
  const missing = metric.includes('depth') ? null : 0;
  const vs: number[] = [];
  for (const m of members) {
    const key = levelKey(m.isotherms, levelC);
    const values = key ? m.isotherms[key]?.[metric] : undefined;
    if (!values) continue;
    let v: number | null;
    if (t === null) {
      // "Largest extent": deepest bottom, shallowest top, largest radius or length.
      const finite = values.filter((x): x is number => x !== null && Number.isFinite(x));
      v = finite.length ? (metric === 'top_depth_mm' ? Math.min(...finite) : Math.max(...finite)) : missing;
    } else v = valueAt(m.times_s, values, Math.min(t, m.times_s.at(-1) ?? t), missing);
    if (v !== null && Number.isFinite(v)) vs.push(v);
  }
  if (!vs.length) return null;
  vs.sort((a, b) => a - b);
  return { p10: quantile(vs, 0.1), p50: quantile(vs, 0.5), p90: quantile(vs, 0.9) };
}

// Spearman's rho (average ranks for ties) is the CLI's own, so browser and `cryo ensemble` rank alike.
export { ranks, spearman } from '../../workers/ensemble/sensitivity.ts';

/** The verdict figures whose sensitivity the panel shows, read from a finished member. */
export const SENSITIVITY_FIGURES: { id: string; label: string; of: (m: MemberRecord) => number | null }[] = [
  { id: 'nerve_min_c', label: 'nerve coldest °C', of: (m) => m.figures?.nerve?.min_c ?? null },
  { id: 'nerve_cover_m20', label: 'nerve share ≤ −20 °C', of: (m) => m.figures?.nerve?.fraction['-20'] ?? null },
  { id: 'skin_min_c', label: 'skin coldest °C', of: (m) => m.figures?.skin.min_c ?? null },
];

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
