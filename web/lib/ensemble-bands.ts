/**
 * Plotly traces for the ensemble's p10–p90 bands (issue 13), built here so the isotherm growth
 * and lethal-zone charts only add them to their figures: a filled band between p10 and p90
 * with the median dashed, in each protocol's colour, drawn beneath the nominal runs. The bands
 * are the ensemble summary's own (`bands_over_time`, workers/ensemble/summary.ts), the numbers
 * `cryo ensemble` writes; nothing is recomputed here.
 */
import type { BandSeries, BandsOverTime } from '../../workers/ensemble/summary.ts';
import { plotText } from './text.ts';

export interface BandSource {
  id: string;
  label: string;
  colour: string;
  /** members that finished */
  members: number;
  bands: BandsOverTime;
}

export type BandMetric = 'radius_mm' | 'mid_radius_mm' | 'bottom_depth_mm' | 'top_depth_mm' | 'length_mm';

/** `#RRGGBB` with an alpha, for fills that let the curves show through. */
function withAlpha(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return hex;
  return `rgba(${parseInt(m[1], 16)}, ${parseInt(m[2], 16)}, ${parseInt(m[3], 16)}, ${alpha})`;
}

/** One isotherm's band series, its level matched by value ("-40" and "-40.0" agree). */
function seriesOf(b: BandsOverTime, levelC: number, metric: BandMetric): BandSeries | null {
  const key = Object.keys(b.isotherms).find((k) => Number(k) === levelC);
  return key ? b.isotherms[key][metric] : null;
}

/** Band over time of one isotherm measure per protocol: p10 (no line), p90 filled to it, p50 dashed. */
export function timeBandTraces(sources: readonly BandSource[] | null, levelC: number, metric: BandMetric): object[] {
  const traces: object[] = [];
  for (const s of sources ?? []) {
    const b = seriesOf(s.bands, levelC, metric);
    if (!b) continue;
    const x = s.bands.times_s.map((t) => t / 60);
    const name = plotText(`${s.label}: p10–p90, ${s.members} members`);
    traces.push(
      { type: 'scatter', mode: 'lines', x, y: b.p10, line: { width: 0, color: s.colour }, showlegend: false, hoverinfo: 'skip', legendgroup: `band-${s.id}`, connectgaps: false },
      {
        type: 'scatter',
        mode: 'lines',
        name,
        x,
        y: b.p90,
        fill: 'tonexty',
        fillcolor: withAlpha(s.colour, 0.18),
        line: { width: 0, color: s.colour },
        legendgroup: `band-${s.id}`,
        customdata: b.p10.map((lo, i) => [lo, b.p50[i], s.bands.members[i]]),
        hovertemplate: `${plotText(s.label)} ensemble<br>%{x:.1f} min: p10 %{customdata[0]:.1f}, p50 %{customdata[1]:.1f}, p90 %{y:.1f} mm (n = %{customdata[2]})<extra></extra>`,
      },
      { type: 'scatter', mode: 'lines', name: plotText(`${s.label}: ensemble median`), x, y: b.p50, line: { color: s.colour, width: 1.2, dash: 'dot' }, legendgroup: `band-${s.id}`, showlegend: false, hoverinfo: 'skip' },
    );
  }
  return traces;
}

/**
 * The output time a zone column's band is read at: the output nearest the column's time, or
 * (time null: the column shows the largest extent over the run) the time at which the median
 * edge is most extreme — shallowest for the top, deepest for the bottom.
 */
function bandIndex(times: readonly number[], b: BandSeries, edge: 'top_depth_mm' | 'bottom_depth_mm', timeS: number | null): number {
  let best = -1;
  for (let i = 0; i < times.length; i++) {
    if (timeS !== null) {
      if (best < 0 || Math.abs(times[i] - timeS) < Math.abs(times[best] - timeS)) best = i;
      continue;
    }
    const v = b.p50[i];
    if (v === null) continue;
    const w = best < 0 ? null : b.p50[best];
    if (w === null || (edge === 'top_depth_mm' ? v < w : v > w)) best = i;
  }
  return best;
}

/**
 * Per protocol column of the zone chart: the p10–p90 range of one edge of a zone (its
 * shallowest point: how near the skin; or its deepest) at the column's time, as a hatched
 * translucent box over that edge of the bar.
 */
export function depthBandTraces(
  sources: readonly BandSource[] | null,
  columns: readonly { id: string; x: string; time_s: number | null }[],
  levelC: number,
  edge: 'top_depth_mm' | 'bottom_depth_mm',
  zoneName: string,
  width: number,
  colour: string,
): object[] {
  const x: string[] = [];
  const base: number[] = [];
  const height: number[] = [];
  const custom: [number, number, number, number][] = [];
  for (const c of columns) {
    const s = sources?.find((b) => b.id === c.id);
    const b = s ? seriesOf(s.bands, levelC, edge) : null;
    if (!s || !b) continue;
    const i = bandIndex(s.bands.times_s, b, edge, c.time_s);
    const [p10, p50, p90] = i < 0 ? [null, null, null] : [b.p10[i], b.p50[i], b.p90[i]];
    if (p10 === null || p50 === null || p90 === null) continue;
    x.push(c.x);
    base.push(p10);
    height.push(Math.max(p90 - p10, 0.05));
    custom.push([p10, p50, p90, s.bands.members[i]]);
  }
  if (!x.length) return [];
  return [
    {
      type: 'bar',
      name: `${zoneName}: ${edge === 'top_depth_mm' ? 'shallowest' : 'deepest'} point, ensemble p10–p90`,
      x,
      base,
      y: height,
      width,
      marker: { color: withAlpha(colour, 0.25), line: { color: colour, width: 1.5 }, pattern: { shape: '/', fgcolor: colour, size: 6, solidity: 0.15 } },
      customdata: custom,
      hovertemplate: `${plotText(zoneName)} ${edge === 'top_depth_mm' ? 'shallowest' : 'deepest'}: p10 %{customdata[0]:.1f}, p50 %{customdata[1]:.1f}, p90 %{customdata[2]:.1f} mm (n = %{customdata[3]})`,
    },
  ];
}
