/**
 * Probabilities and percentiles of one protocol's members: shares of the members that
 * finished (failed members are counted apart, never as a verdict), and p10 / p50 / p90 by
 * linear interpolation between order statistics (Hyndman & Fan type 7, as numpy and R
 * default). A pure function of the member list, so merged shards give the same numbers as
 * one unsharded run.
 *
 * Missing figures: an empty envelope (nothing reached the isotherm) counts as radius 0; no
 * ice at all counts as an infinite ice-to-skin gap, and a percentile that lands there is null.
 *
 * Bands over time: at each output time, p10/p50/p90 over the members that have that time (a
 * member whose sampled protocol is shorter stops contributing) of each isotherm's radius,
 * mid-probe radius and length (absent = 0, as the envelope) and of its top and bottom depth
 * (over the members where the isotherm exists at that time; `present` is that share) — the
 * growth chart's metrics and the lethal-zone chart's extent.
 */
import type { MemberFigures, SeriesOf } from './figures.ts';

export interface Bands {
  p10: number | null;
  p50: number | null;
  p90: number | null;
}

export interface ProtocolSummary {
  /** members that finished */
  samples: number;
  failed: number;
  probability: {
    nerve_full_minus20: number | null;
    nerve_full_minus40: number | null;
    skin_frozen: number | null;
    ice_within_margin: number | null;
  };
  percentiles: {
    nerve: { min_c: Bands; block_probability: Bands } | null;
    skin: { min_c: Bands; min_ice_gap_mm: Bands };
    envelope: Record<string, { radius_mm: Bands }>;
  };
  /** Extension: bands per output time for the growth and lethal-zone charts; absent when members carry no series */
  bands_over_time?: BandsOverTime;
}

/** One percentile series per band, index-aligned with `times_s`. */
export interface BandSeries {
  p10: (number | null)[];
  p50: (number | null)[];
  p90: (number | null)[];
}

export interface BandsOverTime {
  times_s: number[];
  /** members contributing at each time */
  members: number[];
  isotherms: Record<
    string,
    { radius_mm: BandSeries; mid_radius_mm: BandSeries; length_mm: BandSeries; top_depth_mm: BandSeries; bottom_depth_mm: BandSeries; present: number[] }
  >;
}

/** Type-7 quantile of ascending values; non-finite results are null. */
function quantile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const v = sorted[lo] === sorted[hi] ? sorted[lo] : sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  return Number.isFinite(v) ? v : null;
}

function bands(values: readonly number[]): Bands {
  const sorted = [...values].sort((a, b) => a - b);
  return { p10: quantile(sorted, 0.1), p50: quantile(sorted, 0.5), p90: quantile(sorted, 0.9) };
}

const share = (n: number, of: number) => (of > 0 ? n / of : null);

export function summarise(members: readonly (MemberFigures | null)[], skinMarginMm: number): ProtocolSummary {
  const ok = members.filter((m): m is MemberFigures => m !== null);
  const n = ok.length;
  const withNerve = ok.filter((m) => m.nerve !== null);
  const count = (pred: (m: MemberFigures) => boolean, list = ok) => list.filter(pred).length;
  const fullAt = (level: string) => (m: MemberFigures) => m.nerve!.fraction[level] === 1;
  const levels = [...new Set(ok.flatMap((m) => Object.keys(m.envelope)))];
  return {
    samples: n,
    failed: members.length - n,
    probability: {
      nerve_full_minus20: withNerve.length ? share(count(fullAt('-20'), withNerve), withNerve.length) : null,
      nerve_full_minus40: withNerve.length ? share(count(fullAt('-40'), withNerve), withNerve.length) : null,
      skin_frozen: share(count((m) => m.skin.frozen), n),
      ice_within_margin: share(count((m) => m.skin.min_ice_gap_mm !== null && m.skin.min_ice_gap_mm < skinMarginMm), n),
    },
    percentiles: {
      nerve: withNerve.length ? { min_c: bands(withNerve.map((m) => m.nerve!.min_c)), block_probability: bands(withNerve.map((m) => m.nerve!.block_probability)) } : null,
      skin: {
        min_c: bands(ok.map((m) => m.skin.min_c)),
        min_ice_gap_mm: bands(ok.map((m) => m.skin.min_ice_gap_mm ?? Infinity)),
      },
      envelope: Object.fromEntries(levels.map((lv) => [lv, { radius_mm: bands(ok.map((m) => m.envelope[lv]?.radius_mm ?? 0)) }])),
    },
    ...(ok.some((m) => m.series) ? { bands_over_time: bandsOverTime(ok) } : {}),
  };
}

export function bandsOverTime(members: readonly MemberFigures[]): BandsOverTime {
  const withSeries = members.filter((m) => m.series);
  const times = [...new Set(withSeries.flatMap((m) => m.series!.times_s))].sort((a, b) => a - b);
  const levels = [...new Set(withSeries.flatMap((m) => Object.keys(m.series!.isotherms)))];
  // For each time, each member's index of that time (or -1).
  const at = withSeries.map((m) => new Map(m.series!.times_s.map((t, i) => [t, i])));
  const counts = times.map((t) => at.filter((idx) => idx.has(t)).length);
  const series = (pick: (m: MemberFigures, i: number) => number | null, absentAs: number | null): BandSeries & { present: number[] } => {
    const out: BandSeries & { present: number[] } = { p10: [], p50: [], p90: [], present: [] };
    times.forEach((t, ti) => {
      const values: number[] = [];
      let present = 0;
      withSeries.forEach((m, k) => {
        const i = at[k].get(t);
        if (i === undefined) return;
        const v = pick(m, i);
        if (v !== null) present++;
        const x = v ?? absentAs;
        if (x !== null) values.push(x);
      });
      const b = bands(values);
      out.p10.push(b.p10);
      out.p50.push(b.p50);
      out.p90.push(b.p90);
      out.present.push(counts[ti] ? present / counts[ti] : 0);
    });
    return out;
  };
  const strip = ({ p10, p50, p90 }: BandSeries): BandSeries => ({ p10, p50, p90 });
  return {
    times_s: times,
    members: counts,
    isotherms: Object.fromEntries(
      levels.map((lv) => {
        const get = (key: keyof SeriesOf) => (m: MemberFigures, i: number) => m.series!.isotherms[lv]?.[key]?.[i] ?? null;
        const radius = series(get('radius_mm'), 0);
        return [
          lv,
          {
            radius_mm: strip(radius),
            mid_radius_mm: strip(series(get('mid_radius_mm'), 0)),
            length_mm: strip(series(get('length_mm'), 0)),
            top_depth_mm: strip(series(get('top_depth_mm'), null)),
            bottom_depth_mm: strip(series(get('bottom_depth_mm'), null)),
            present: radius.present,
          },
        ];
      }),
    ),
  };
}
