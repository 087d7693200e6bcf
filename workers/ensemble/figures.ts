/**
 * What an ensemble keeps of each member: the result figures its probabilities and
 * percentiles are made of. The nerve's come from scoring the (possibly shifted) nerve on the
 * run's coldest-over-run field, the same scoring `cryo run` reports; with no offset they are
 * the run's own figures.
 */
import type { Result } from '../../scenarios/schema.ts';
import type { NerveScore } from '../engine/run-types.ts';

/** An isotherm's figures over time, as the growth chart's metrics (null where absent). */
export interface SeriesOf {
  radius_mm: (number | null)[];
  /** extension series; absent in results saved before it existed */
  mid_radius_mm?: (number | null)[];
  length_mm?: (number | null)[];
  top_depth_mm: (number | null)[];
  bottom_depth_mm: (number | null)[];
}

export interface MemberFigures {
  /** null without a nerve; `fraction` per coverage threshold (°C), as `nerve.coverage[T].fraction` */
  nerve: NerveScore | null;
  skin: { min_c: number; min_ice_gap_mm: number | null; frozen: boolean };
  /** radius of everything that was ever at or below each isotherm (null: nothing was) */
  envelope: Record<string, { radius_mm: number | null }>;
  /**
   * Extension: each isotherm's radius and depth extent at every output time (the growth and
   * lethal-zone charts), for the ensemble's bands over time; null where the isotherm is absent.
   */
  series?: {
    times_s: number[];
    isotherms: Record<string, SeriesOf>;
  };
}

/** Series are kept to 0.1 µm: far below any grid spacing, and the file is a third the size. */
const um = (v: number | null) => (v === null ? null : Math.round(v * 1e4) / 1e4);

export function memberFigures(result: Result, nerve: NerveScore | null): MemberFigures {
  return {
    nerve,
    skin: { min_c: result.skin.min_c, min_ice_gap_mm: result.skin.min_ice_gap_mm, frozen: result.skin.frozen },
    envelope: Object.fromEntries(Object.entries(result.envelope ?? {}).map(([level, e]) => [level, { radius_mm: e.radius_mm }])),
    series: {
      times_s: result.times_s,
      isotherms: Object.fromEntries(
        Object.entries(result.isotherms).map(([level, s]) => [
          level,
          {
            radius_mm: s.radius_mm.map(um),
            ...(s.mid_radius_mm ? { mid_radius_mm: s.mid_radius_mm.map(um) } : {}),
            length_mm: s.length_mm.map(um),
            top_depth_mm: s.top_depth_mm.map(um),
            bottom_depth_mm: s.bottom_depth_mm.map(um),
          },
        ]),
      ),
    },
  };
}
