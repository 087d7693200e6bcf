/** A result's finite well-mixed baths as temperature-history traces: one dashed line each, apart from the sensors. */
import type { BathSeries, Result } from '../../scenarios/schema.ts';
import { BATH_COLOUR } from './palette.ts';
import { plotText } from './text.ts';
import { minutes } from './time-chart.ts';

/** "bath (well-mixed)" for the bulk medium's bath; a layer's bath names its layer. */
export function bathLegendName(b: BathSeries): string {
  const layer = /^layers\[(\d+)\]/.exec(b.medium);
  return layer ? `bath (well-mixed, layer ${Number(layer[1]) + 1})` : 'bath (well-mixed)';
}

/** The result's well-formed bath series: a pinned or imported result is only shape-checked down to `times_s`. */
export function bathsOf(result: Result): BathSeries[] {
  const b: unknown = result.bath;
  return Array.isArray(b) ? b.filter((x): x is BathSeries => !!x && typeof x.medium === 'string' && Array.isArray(x.temp_c)) : [];
}

export interface BathTraceStyle {
  /** line colour: the neutral bath grey beside one run's sensors, the run's own colour across runs */
  colour?: string;
  /** legend prefix naming the run when several runs share the chart */
  runLabel?: string;
  widthPx?: number;
}

/** Plotly traces of the result's baths (none when no medium has a finite bath); put them before the sensors' so they draw underneath. */
export function bathTraces(result: Result, style: BathTraceStyle = {}): object[] {
  return bathsOf(result).map((b, i) => {
    const name = style.runLabel ? `${plotText(style.runLabel)}: ${bathLegendName(b)}` : bathLegendName(b);
    return {
      type: 'scatter',
      mode: 'lines',
      name,
      x: minutes(result.times_s),
      y: b.temp_c,
      // A second bath (a layer's) takes a dotted line so the two stay apart.
      line: { color: style.colour ?? BATH_COLOUR, dash: i === 0 ? 'dash' : 'dot', width: style.widthPx ?? 3 },
      // Drawn under the sensors (a far sensor may lie on it) but listed after them.
      legendrank: 1001 + i,
      hovertemplate: `${name}<br>%{x:.1f} min: %{y:.1f} °C<extra></extra>`,
    };
  });
}
