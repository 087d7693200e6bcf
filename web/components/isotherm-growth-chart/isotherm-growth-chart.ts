/**
 * Isotherm growth over time for every protocol: radius from the probe axis, or
 * deepest / shallowest depth, of one isotherm. The selected protocol is drawn
 * thicker and its phases are shaded, so freeze and thaw read against the curve.
 */
import { html } from 'lit';
import { PlotElement, type Figure } from '../../lib/plot-element.ts';
import { pinsBeneath, runLineStyle } from '../../lib/pins.ts';
import { sharedStyles } from '../../lib/shared-styles.ts';
import { plotText } from '../../lib/text.ts';
import { fmtC, isothermKey, type RunRecord } from '../../lib/analysis.ts';
import { minutes, phaseShapes } from '../../lib/time-chart.ts';
import { CHART_HEIGHT_PX, STANDARD_ISOTHERMS_C } from '../../ui-presets.ts';
import type { IsothermSeries } from '../../../scenarios/schema.ts';
import { styles } from './isotherm-growth-chart.styles.ts';
import { chartCaption } from '../../lib/chart-export.ts';
import { selectedRun } from '../../lib/selected-run.ts';
import { THRESHOLDS_C } from '../../../scenarios/presets.ts';
import { timeBandTraces, type BandSource } from '../../lib/ensemble-bands.ts';

type Metric = 'radius_mm' | 'mid_radius_mm' | 'bottom_depth_mm' | 'top_depth_mm' | 'length_mm';
const METRICS: { id: Metric; label: string; axis: string }[] = [
  { id: 'radius_mm', label: 'radius from probe axis (largest, any depth)', axis: 'radius (mm)' },
  { id: 'mid_radius_mm', label: 'mid-probe radius (at the middle of the cold segment)', axis: 'mid-probe radius (mm)' },
  { id: 'bottom_depth_mm', label: 'deepest depth', axis: 'deepest depth (mm)' },
  { id: 'top_depth_mm', label: 'shallowest depth (toward skin)', axis: 'shallowest depth (mm)' },
  { id: 'length_mm', label: 'length along probe', axis: 'length (mm)' },
];

export class IsothermGrowthChart extends PlotElement {
  static override properties = {
    runs: { attribute: false },
    bands: { attribute: false },
    selectedId: { type: String, attribute: 'selected-id' },
    threshold: { state: true },
    metric: { state: true },
  };
  static override styles = [sharedStyles, styles];

  runs: RunRecord[] = [];
  /** ensemble members' series: p10–p90 bands drawn beneath the runs (ensemble panel) */
  bands: BandSource[] | null = null;
  selectedId = '';
  /** the lethal isotherm first: the one the verdict and the literature lead with */
  threshold = THRESHOLDS_C.lethal.value;
  metric: Metric = 'radius_mm';

  /** The exported image's caption: the protocols, the isotherm and measure against time, grid, anatomy. */
  protected override caption(): string {
    const metric = METRICS.find((m) => m.id === this.metric)?.label ?? this.metric;
    return chartCaption(this.runs, `${fmtC(this.threshold)} isotherm, ${metric}, against time over the whole protocol`);
  }

  private get thresholds(): number[] {
    const all = new Set<number>(STANDARD_ISOTHERMS_C);
    for (const r of this.runs) for (const k of Object.keys(r.result?.isotherms ?? {})) all.add(Number(k));
    return [...all].sort((a, b) => a - b);
  }

  protected override figure(): Figure | null {
    const runs = this.runs.filter((r) => r.result);
    const selected = selectedRun(this.runs, this.selectedId);
    const bandTraces = timeBandTraces(this.bands, this.threshold, this.metric);
    if (!runs.length && !bandTraces.length) return null;
    const metric = METRICS.find((m) => m.id === this.metric)!;
    const lines = pinsBeneath(runs, (r) => {
      const res = r.result!;
      const key = isothermKey(res.isotherms, this.threshold);
      const series: IsothermSeries | null = key ? res.isotherms[key] : null;
      return {
        type: 'scatter',
        mode: 'lines',
        name: plotText(r.label),
        x: minutes(res.times_s),
        // Results saved before mid_radius_mm existed have no such series: an empty curve, not an error.
        y: series ? series[this.metric] ?? [] : [],
        ...runLineStyle(r, r === selected),
        hovertemplate: `${plotText(r.label)}<br>%{x:.1f} min: %{y:.1f} mm<extra></extra>`,
      };
    });
    const data = [...bandTraces, ...lines];
    const { shapes, annotations } = phaseShapes(selected?.scenario?.protocol, { widthPx: (this.plotDiv?.clientWidth || 800) - 70, axisEnd_s: Math.max(0, ...this.runs.map((r) => r.result?.times_s.at(-1) ?? 0)) });
    const depthMetric = this.metric.includes('depth');
    return {
      data,
      layout: {
        height: CHART_HEIGHT_PX.value + 60,
        // Room below the plot for the tick labels and the axis title (they overlapped at b = 10).
        margin: { l: 55, r: 10, t: 22, b: 48 },
        xaxis: { title: { text: 'time (min)', standoff: 6 }, automargin: true },
        yaxis: { title: { text: `${fmtC(this.threshold)} ${metric.axis}` }, rangemode: 'tozero', autorange: depthMetric ? 'reversed' : true },
        legend: { orientation: 'h', y: -0.3, yanchor: 'top' },
        shapes,
        annotations,
      },
    };
  }

  override render() {
    return html`<section class="card" aria-labelledby="growth-title">
      <div>
        <h2 id="growth-title">Isotherm growth over time</h2>
        <div class="controls">
          <label
            >Isotherm
            <select @change=${(e: Event) => (this.threshold = Number((e.target as HTMLSelectElement).value))}>
              ${this.thresholds.map((t) => html`<option value=${t} ?selected=${t === this.threshold}>${fmtC(t)}</option>`)}
            </select></label
          >
          <label
            >Measure
            <select @change=${(e: Event) => (this.metric = (e.target as HTMLSelectElement).value as Metric)}>
              ${METRICS.map((m) => html`<option value=${m.id} ?selected=${m.id === this.metric}>${m.label}</option>`)}
            </select></label
          >
          <button @click=${() => this.downloadPng('isotherm-growth')} ?disabled=${!this.runs.some((r) => r.result) && !this.bands?.length}>Save PNG</button>
          <button @click=${() => this.downloadSvg('isotherm-growth')} ?disabled=${!this.runs.some((r) => r.result) && !this.bands?.length}>Save SVG</button>
        </div>
        ${this.runs.some((r) => r.result) || this.bands?.length ? '' : html`<p class="empty">No results yet.</p>`}
        <div class="plot" role="img" aria-label="Isotherm size against time for each protocol"></div>
      </div>
      <aside class="note">
        <h3>What this shows</h3>
        <p>How far the chosen isotherm reaches as the protocol runs. The mid-probe radius is measured at the middle of
          the probe's cold segment — what a row of thermocouples there, or a manufacturer's width chart, sees; the
          radius from the probe axis is the largest at any depth. Shading marks the selected protocol's phases: blue
          freeze, amber thaw.</p>
        <p>Ice grows fast at first, then slows as blood flow and the ice's own insulation balance the probe. A second
          freeze starts from already-cold tissue, so it reaches further: that is why protocols repeat cycles. Colder
          cryogen (argon) and wider probes grow larger zones; strong perfusion or a nearby vessel holds them back.</p>
      </aside>
    </section>`;
  }
}

customElements.define('isotherm-growth-chart', IsothermGrowthChart);

declare global {
  interface HTMLElementTagNameMap {
    'isotherm-growth-chart': IsothermGrowthChart;
  }
}
