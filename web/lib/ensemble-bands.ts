/**
 * Plotly traces for the ensemble's p10–p90 bands (issue 13), built here so the isotherm growth
 * and lethal-zone charts only add them to their figures: a filled band between p10 and p90
 * with the median dashed, in each protocol's colour, drawn beneath the nominal runs.
 */
import { bandsAt, bandsOverTime, type SeriesMetric } from './ensemble-stats.ts';
import { plotText } from './text.ts';
import type { MemberSeries } from '../../workers/pool/simulation-service.ts';

export interface BandSource {
  id: string;
  label: string;
  colour: string;
  members: MemberSeries[];
}

/** `#RRGGBB` with an alpha, for fills that let the curves show through. */
function withAlpha(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return hex;
  return `rgba(${parseInt(m[1], 16)}, ${parseInt(m[2], 16)}, ${parseInt(m[3], 16)}, ${alpha})`;
}

/** Band over time of one isotherm measure per protocol: p10 (no line), p90 filled to it, p50 dashed. */
export function timeBandTraces(sources: readonly BandSource[] | null, levelC: number, metric: SeriesMetric): object[] {
  const traces: object[] = [];
  for (const s of sources ?? []) {
    const b = bandsOverTime(s.members, levelC, metric);
    if (!b) continue;
    const x = b.times_s.map((t) => t / 60);
    const name = plotText(`${s.label}: p10–p90, ${s.members.length} members`);
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
        customdata: b.p10.map((lo, i) => [lo, b.p50[i], b.n[i]]),
        hovertemplate: `${plotText(s.label)} ensemble<br>%{x:.1f} min: p10 %{customdata[0]:.1f}, p50 %{customdata[1]:.1f}, p90 %{y:.1f} mm (n = %{customdata[2]})<extra></extra>`,
      },
      { type: 'scatter', mode: 'lines', name: plotText(`${s.label}: ensemble median`), x, y: b.p50, line: { color: s.colour, width: 1.2, dash: 'dot' }, legendgroup: `band-${s.id}`, showlegend: false, hoverinfo: 'skip' },
    );
  }
  return traces;
}

/**
 * Per protocol column of the zone chart: the p10–p90 range of one edge of a zone (its
 * shallowest point: how near the skin; or its deepest) at the column's time (null: the
 * extreme over the run), as a hatched translucent box over that edge of the bar.
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
    if (!s) continue;
    const b = bandsAt(s.members, levelC, edge, c.time_s);
    if (!b || b.p10 === null || b.p90 === null || b.p50 === null) continue;
    x.push(c.x);
    base.push(b.p10);
    height.push(Math.max(b.p90 - b.p10, 0.05));
    custom.push([b.p10, b.p50, b.p90, s.members.length]);
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
