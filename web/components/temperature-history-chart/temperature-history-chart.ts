/**
 * Temperature histories: at the centre of the nerve cross-section the verdict
 * scores (where the nerve passes closest to the probe), its edges nearest and
 * farthest from the probe, the skin above the probe, and the user's sensors.
 * Either every sensor of the selected protocol (with its finite well-mixed bath, if the medium
 * has one), or one sensor across protocols (each run's finite bath dashed in the run's colour, pins
 * included, so a measured bath thermometer can be held against every run at once).
 */
import { html } from 'lit';
import { PlotElement, type Figure } from '../../lib/plot-element.ts';
import { sharedStyles } from '../../lib/shared-styles.ts';
import { clip, plotText } from '../../lib/text.ts';
import { fmtC, type RunRecord } from '../../lib/analysis.ts';
import { minutes, phaseShapes } from '../../lib/time-chart.ts';
import { PROTOCOL_COLOURS } from '../../lib/palette.ts';
import { CHART_HEIGHT_PX, DERIVED_SENSOR_NAMES, STANDARD_ISOTHERMS_C } from '../../ui-presets.ts';
import { styles } from './temperature-history-chart.styles.ts';
import { chartCaption } from '../../lib/chart-export.ts';
import { selectedRun } from '../../lib/selected-run.ts';
import { bathsOf, bathTraces } from '../../lib/bath-traces.ts';
import { pinsBeneath, runLineStyle } from '../../lib/pins.ts';

const DASHES = ['solid', 'dash', 'dot', 'dashdot', 'longdash', 'longdashdot'];
/** Sensor names are the user's; a legend entry longer than this would crowd out the others. */
const SENSOR_NAME_CHARS = 60;

export class TemperatureHistoryChart extends PlotElement {
  static override properties = {
    runs: { attribute: false },
    selectedId: { type: String, attribute: 'selected-id' },
    view: { state: true },
    sensor: { state: true },
  };
  static override styles = [sharedStyles, styles];

  runs: RunRecord[] = [];
  selectedId = '';
  view: 'sensors' | 'protocols' = 'sensors';
  sensor: string = DERIVED_SENSOR_NAMES.nerve_centre;

  private get selected(): RunRecord | null {
    return selectedRun(this.runs, this.selectedId);
  }

  /** The exported image's caption: the protocol(s), which temperatures against time, grid, anatomy. */
  protected override caption(): string {
    const sel = this.selected;
    if (this.view === 'sensors') return sel ? chartCaption([sel], 'temperature against time at every sensor, whole protocol') : '';
    const withBath = this.runs.some((r) => r.result?.sensors[this.sensor] && bathsOf(r.result).length);
    return chartCaption(
      this.runs,
      `temperature against time at "${clip(this.sensor, SENSOR_NAME_CHARS)}" for each protocol${withBath ? ', with each finite well-mixed bath dashed' : ''}, whole protocol`,
    );
  }

  private get sensorNames(): string[] {
    const names = new Set<string>();
    for (const r of this.runs) for (const k of Object.keys(r.result?.sensors ?? {})) names.add(k);
    return [...names];
  }

  protected override figure(): Figure | null {
    const sel = this.selected;
    if (!sel?.result) return null;
    let data: object[];
    if (this.view === 'sensors') {
      data = [...bathTraces(sel.result), ...Object.entries(sel.result.sensors).map(([name, values], i) => ({
        type: 'scatter',
        mode: 'lines',
        name: plotText(clip(name, SENSOR_NAME_CHARS)),
        x: minutes(sel.result!.times_s),
        y: values,
        line: { color: PROTOCOL_COLOURS[i % PROTOCOL_COLOURS.length], dash: DASHES[i % DASHES.length], width: 2 },
        hovertemplate: `${plotText(clip(name, SENSOR_NAME_CHARS))}<br>%{x:.1f} min: %{y:.1f} °C<extra></extra>`,
      }))];
    } else {
      const shown = this.runs.filter((r) => r.result?.sensors[this.sensor]);
      // Each run's bath next to its sensor in the legend, but every bath drawn under every sensor line.
      const legendRank = (k: number) => 100 + 10 * k;
      const baths = shown.flatMap((r, k) =>
        bathTraces(r.result!, { colour: r.colour, runLabel: r.label, widthPx: r.id === sel.id ? 2.5 : 1.5 }).map((t, i) => ({ ...t, legendrank: legendRank(k) + 1 + i })),
      );
      data = [
        ...baths,
        ...pinsBeneath(shown, (r, k) => ({
          type: 'scatter',
          mode: 'lines',
          name: plotText(r.label),
          x: minutes(r.result!.times_s),
          y: r.result!.sensors[this.sensor],
          ...runLineStyle(r, r.id === sel.id),
          legendrank: legendRank(k),
          hovertemplate: `${plotText(r.label)}<br>%{x:.1f} min: %{y:.1f} °C<extra></extra>`,
        })),
      ];
    }
    const { shapes, annotations } = phaseShapes(sel.scenario?.protocol, { widthPx: (this.plotDiv?.clientWidth || 800) - 70, axisEnd_s: Math.max(0, ...this.runs.map((r) => r.result?.times_s.at(-1) ?? 0)) });
    for (const t of STANDARD_ISOTHERMS_C) {
      shapes.push({ type: 'line', xref: 'paper', x0: 0, x1: 1, y0: t, y1: t, line: { color: '#7b8794', width: 1, dash: 'dot' } });
      annotations.push({ xref: 'paper', x: 0, xanchor: 'left', y: t, yanchor: 'bottom', text: fmtC(t), showarrow: false, font: { size: 10, color: '#52606d' } });
    }
    return {
      data,
      layout: {
        height: CHART_HEIGHT_PX.value + 60,
        margin: { l: 55, r: 10, t: 22, b: 10 },
        xaxis: { title: { text: 'time (min)' } },
        yaxis: { title: { text: 'temperature (°C)' } },
        legend: { orientation: 'h', y: -0.3, yanchor: 'top' },
        shapes,
        annotations,
      },
    };
  }

  /** Says what the dashed lines are, only when a drawn run has a finite bath. */
  private bathNote() {
    if (this.view === 'sensors') {
      if (!this.selected?.result || !bathsOf(this.selected.result).length) return '';
      return html`<p data-role="bath-note">The dashed grey line is the well-mixed bath: the liquid the medium exchanges heat
        with (<code>bath_heat_capacity_j_k</code>), cooled by the heat the ice draws and warmed by the room — what a
        bath thermometer would read.</p>`;
    }
    if (!this.runs.some((r) => r.result?.sensors[this.sensor] && bathsOf(r.result).length)) return '';
    return html`<p data-role="bath-note">A dashed line in a protocol's colour is that run's well-mixed bath: the liquid its
      medium exchanges heat with (<code>bath_heat_capacity_j_k</code>), cooled by the ice and warmed by the room — what a bath
      thermometer would read. Runs without a finite bath have none.</p>`;
  }

  override render() {
    const has = !!this.selected;
    return html`<section class="card" aria-labelledby="hist-title">
      <div>
        <h2 id="hist-title">Temperature histories${this.view === 'sensors' && this.selected ? ` — ${this.selected.label}` : ''}</h2>
        <div class="controls">
          <label
            >Show
            <select @change=${(e: Event) => (this.view = (e.target as HTMLSelectElement).value as 'sensors' | 'protocols')}>
              <option value="sensors" ?selected=${this.view === 'sensors'}>every sensor of the selected protocol</option>
              <option value="protocols" ?selected=${this.view === 'protocols'}>one sensor across protocols</option>
            </select></label
          >
          ${this.view === 'protocols'
            ? html`<label
                >Sensor
                <select @change=${(e: Event) => (this.sensor = (e.target as HTMLSelectElement).value)}>
                  ${this.sensorNames.map((n) => html`<option ?selected=${n === this.sensor}>${n}</option>`)}
                </select></label
              >`
            : ''}
          <button @click=${() => this.downloadPng('temperature-histories')} ?disabled=${!has}>Save PNG</button>
          <button @click=${() => this.downloadSvg('temperature-histories')} ?disabled=${!has}>Save SVG</button>
        </div>
        ${has ? '' : html`<p class="empty">No results yet.</p>`}
        <div class="plot" role="img" aria-label="Temperature against time at the nerve, skin and sensors"></div>
      </div>
      <aside class="note">
        <h3>What this shows</h3>
        <p>Temperature over time at points that decide the outcome: the centre of the nerve's cross-section where it
          passes closest to the probe (the one the verdict scores) and its edges nearest and farthest from the probe, and
          the skin where the probe enters. Dotted lines mark 0, −20 and −40 °C.</p>
        <p>The far edge of the nerve is the last to freeze: the block is reliable only once it passes −20 °C. A slow
          stretch between about −1 and −8 °C is latent heat: tissue water freezing (or, in a thaw, melting) in that
          range takes up or gives off heat with little change in temperature.</p>
        ${this.bathNote()}
      </aside>
    </section>`;
  }
}

customElements.define('temperature-history-chart', TemperatureHistoryChart);

declare global {
  interface HTMLElementTagNameMap {
    'temperature-history-chart': TemperatureHistoryChart;
  }
}
