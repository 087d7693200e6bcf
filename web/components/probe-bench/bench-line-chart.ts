/**
 * A plain line chart for the probe bench (growth curves, probe-surface
 * temperature): time in minutes across, one labelled quantity up, one line per
 * series with its own colour and dash so it reads in greyscale too.
 */
import { html } from 'lit';
import { PlotElement, type Figure } from '../../lib/plot-element.ts';
import { sharedStyles } from '../../lib/shared-styles.ts';
import { CHART_HEIGHT_PX } from '../../ui-presets.ts';
import { styles } from './probe-bench.styles.ts';

export interface LineSeries {
  name: string;
  times_s: number[];
  values: (number | null)[];
  colour: string;
  dash?: 'solid' | 'dash' | 'dot' | 'longdash';
  /** line width in px; 2 unless a series should stand back or out */
  widthPx?: number;
  /** legend position (Plotly's legendrank, default 1000) when it should differ from the drawing order */
  legendRank?: number;
  /** hover text unit, e.g. "mm" */
  unit: string;
}

export class BenchLineChart extends PlotElement {
  static override properties = {
    series: { attribute: false },
    yTitle: { attribute: 'y-title' },
    label: { attribute: 'label' },
  };
  static override styles = [sharedStyles, styles];

  series: LineSeries[] = [];
  yTitle = '';
  label = '';

  protected override figure(): Figure | null {
    if (!this.series.length) return null;
    return {
      data: this.series.map((s) => ({
        type: 'scatter',
        mode: 'lines',
        name: s.name,
        x: s.times_s.map((t) => t / 60),
        y: s.values,
        line: { color: s.colour, dash: s.dash ?? 'solid', width: s.widthPx ?? 2 },
        connectgaps: false,
        ...(s.legendRank !== undefined ? { legendrank: s.legendRank } : {}),
        hovertemplate: `%{x:.2f} min: <b>%{y:.1f} ${s.unit}</b><extra>${s.name}</extra>`,
      })),
      layout: {
        height: CHART_HEIGHT_PX.value,
        margin: { l: 60, r: 12, t: 12, b: 10 },
        xaxis: { title: { text: 'time (min)', standoff: 6 }, automargin: true, rangemode: 'tozero' },
        yaxis: { title: { text: this.yTitle }, automargin: true },
        showlegend: this.series.length > 1,
        legend: { orientation: 'h', y: -0.22, yanchor: 'top', x: 0 },
      },
    };
  }

  override render() {
    return html`<div class="plot" role="img" aria-label=${this.label}></div>`;
  }
}

customElements.define('bench-line-chart', BenchLineChart);

declare global {
  interface HTMLElementTagNameMap {
    'bench-line-chart': BenchLineChart;
  }
}
