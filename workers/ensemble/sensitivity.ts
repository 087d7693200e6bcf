/**
 * Which inputs decide each verdict figure. Per protocol, the Spearman rank correlation of every
 * sampled input (and every placement axis that varies) with every figure: rho ≈ ±1 when the
 * figure moves monotonically with the input, ≈ 0 when it ignores it. Ranks, not values, so a
 * figure that saturates (coverage stuck at 1) or an input on a log scale still reads right.
 * A pure function of the member records, so merged shards give the same table.
 *
 * With `"design": "saltelli"` the members are laid out for variance-based indices too
 * (saltelli.ts): `sobolIndices` gives each input's first-order index (the share of a figure's
 * variance it explains alone) and total index (alone and in interactions). `sobolFirstOrder`
 * is the same estimator on a plain function (verified on the Ishigami function).
 */
import type { Uncertainty } from '../../scenarios/schema.ts';
import { mulberry32 } from './prng.ts';
import type { MemberFigures } from './figures.ts';
import { varyingDims } from '../../scenarios/uncertainty-design.ts';
import { saltelliIndices } from './saltelli.ts';

export interface SensitivityEntry {
  /** input path, or `placement.x_mm` / `placement.y_mm` / `placement.z_mm` */
  input: string;
  /** figure name, e.g. `nerve.min_c`, `envelope.-40.radius_mm` */
  figure: string;
  /** Spearman rank correlation; null when the input or the figure does not vary */
  rho: number | null;
  /** members used */
  n: number;
}

/** The figures sensitivity is reported for, by name; missing values follow summary.ts. */
export const SENSITIVITY_FIGURES: Record<string, (m: MemberFigures) => number | null> = {
  'nerve.min_c': (m) => m.nerve?.min_c ?? null,
  'nerve.coverage_minus20': (m) => m.nerve?.fraction['-20'] ?? null,
  'nerve.block_probability': (m) => m.nerve?.block_probability ?? null,
  'skin.min_c': (m) => m.skin.min_c,
  'skin.min_ice_gap_mm': (m) => m.skin.min_ice_gap_mm ?? Infinity,
  'envelope.-20.radius_mm': (m) => m.envelope['-20']?.radius_mm ?? 0,
  'envelope.-40.radius_mm': (m) => m.envelope['-40']?.radius_mm ?? 0,
};

/** Ranks 1…n, ties given their average rank. */
export function ranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const r = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    for (let k = i; k <= j; k++) r[order[k][1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}

function pearson(x: readonly number[], y: readonly number[]): number | null {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
}

/** Spearman's rho with average ranks for ties; null below 3 pairs or without variation. */
export function spearman(x: readonly number[], y: readonly number[]): number | null {
  if (x.length < 3 || x.length !== y.length) return null;
  return pearson(ranks(x), ranks(y));
}

interface MemberLike {
  inputs: Record<string, number>;
  offset_mm: readonly number[];
  figures?: MemberFigures;
}

const AXES = ['placement.x_mm', 'placement.y_mm', 'placement.z_mm'];

export interface SobolEntry {
  input: string;
  figure: string;
  /** first-order index S_i; null without variation or with too few complete base points */
  first: number | null;
  /** total index ST_i */
  total: number | null;
  /** base points used */
  n: number;
}

/** Sobol indices of every figure from the members of a Saltelli design (partial sets use the complete base points). */
export function sobolIndices(members: readonly (MemberLike & { index: number })[], u: Uncertainty): SobolEntry[] {
  if (u.design !== 'saltelli') return [];
  const dims = varyingDims(u);
  const n = Math.floor(u.samples / (dims.length + 2));
  const byIndex = new Map(members.map((m) => [m.index, m.figures]));
  const names = dims.map((d) => (d < u.inputs.length ? u.inputs[d].path : AXES[d - u.inputs.length]));
  const out: SobolEntry[] = [];
  for (const [figure, get] of Object.entries(SENSITIVITY_FIGURES)) {
    const value = (index: number) => {
      const f = byIndex.get(index);
      return f ? get(f) : null;
    };
    const block = (b: number) => Array.from({ length: n }, (_, j) => value(b * n + j));
    const fA = block(0);
    if (fA.every((v) => v === null)) continue;
    const indices = saltelliIndices(fA, block(1), dims.map((_, k) => block(2 + k)));
    indices.forEach((r, k) => out.push({ input: names[k], figure, first: round(r.first), total: round(r.total), n: r.n }));
  }
  return out;
}

/** Rank correlation of each input with each figure over the members that finished, ordered by figure then |rho|. */
export function rankSensitivity(members: readonly MemberLike[]): SensitivityEntry[] {
  const ok = members.filter((m): m is MemberLike & { figures: MemberFigures } => m.figures !== undefined);
  if (ok.length < 3) return [];
  const inputs: [string, (m: MemberLike) => number][] = [
    ...Object.keys(ok[0].inputs).map((path): [string, (m: MemberLike) => number] => [path, (m) => m.inputs[path]]),
    ...AXES.map((name, a): [string, (m: MemberLike) => number] => [name, (m) => m.offset_mm[a]]).filter(([, get]) => new Set(ok.map(get)).size > 1),
  ];
  const out: SensitivityEntry[] = [];
  for (const [figure, get] of Object.entries(SENSITIVITY_FIGURES)) {
    const pairs = ok.map((m) => [m, get(m.figures)] as const).filter((p): p is readonly [MemberLike & { figures: MemberFigures }, number] => p[1] !== null);
    if (pairs.length < 3) continue;
    const y = pairs.map((p) => p[1]);
    const rows = inputs.map(([input, x]) => ({ input, figure, rho: round(spearman(pairs.map((p) => x(p[0])), y)), n: pairs.length }));
    rows.sort((a, b) => Math.abs(b.rho ?? 0) - Math.abs(a.rho ?? 0));
    out.push(...rows);
  }
  return out;
}

/** Four decimals: the sampling error of rho at n ≤ 4096 is > 0.01, and the file stays readable and stable. */
const round = (v: number | null) => (v === null ? null : Math.round(v * 1e4) / 1e4);

/**
 * Sobol first-order indices S_i of f on [0, 1)^d with n base points (Saltelli 2010): matrices
 * A, B from a 2d-dimensional random design and A_B^i (A with column i from B);
 * V_i ≈ mean(f(B)·(f(A_B^i) − f(A))), S_i = V_i / Var(f). Costs n·(d + 2) evaluations.
 */
export function sobolFirstOrder(f: (u: number[]) => number, dims: number, n: number, seed: number): number[] {
  const rng = mulberry32(seed);
  const A = Array.from({ length: n }, () => Array.from({ length: dims }, () => rng()));
  const B = Array.from({ length: n }, () => Array.from({ length: dims }, () => rng()));
  const fAB = Array.from({ length: dims }, (_, i) =>
    A.map((a, j) => {
      const ab = [...a];
      ab[i] = B[j][i];
      return f(ab);
    }),
  );
  return saltelliIndices(A.map(f), B.map(f), fAB).map((r) => r.first ?? 0);
}
