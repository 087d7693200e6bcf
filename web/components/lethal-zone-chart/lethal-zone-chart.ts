/**
 * The headline chart. Top: for each protocol the zones where the nerve is — its
 * scored cross-section coloured by the coldest zone each point reached during the
 * run, with the nerve drawn in (what the verdict's coverage counts, point for
 * point). Bottom: along the probe axis, the depth range reached by ≤ −40, ≤ −20
 * and ≤ 0 °C at a chosen time against the skin and its safety margin (the ice
 * near the skin); the nerve is beside the probe, so these bars do not say
 * whether it is covered.
 */
import { html, nothing } from 'lit';
import { PlotElement, type Figure } from '../../lib/plot-element.ts';
import { sharedStyles } from '../../lib/shared-styles.ts';
import { styleProps } from '../../lib/style-props.ts';
import { clip, plotText } from '../../lib/text.ts';
import { fmtC, fmtDuration, fmtNum, sectionView, SECTION_ZONES_C, zoneColumns, type RunRecord, type TimeSelection } from '../../lib/analysis.ts';
import { nerveSectionTile, zoneFill, type ShaftInSection } from './nerve-section.ts';
import { isothermColour, MARGIN_COLOUR, NERVE_COLOUR, PROBE_COLOUR, SKIN_COLOUR } from '../../lib/palette.ts';
import { CHART_HEIGHT_PX, DRAFT_SPACING_MM, STANDARD_ISOTHERMS_C, VERDICT_DEFAULTS } from '../../ui-presets.ts';
import { styles } from './lethal-zone-chart.styles.ts';
import { chartCaption, timeShown } from '../../lib/chart-export.ts';
import { depthBandTraces, type BandSource } from '../../lib/ensemble-bands.ts';

const BAR_WIDTH: Record<number, number> = { 0: 0.72, [-20]: 0.5, [-40]: 0.28 };
/** The ice edge (°C) whose nearest approach to the skin the ensemble band shows. */
const THRESHOLDS_ICE_C = 0;
const ZONE_NAME: Record<number, string> = { 0: '≤ 0 °C ice', [-20]: '≤ −20 °C block', [-40]: '≤ −40 °C lethal' };

export class LethalZoneChart extends PlotElement {
  static override properties = {
    runs: { attribute: false },
    bands: { attribute: false },
    marginMm: { type: Number, attribute: 'margin-mm' },
    selection: { state: true },
  };
  static override styles = [sharedStyles, styles];

  runs: RunRecord[] = [];
  /** ensemble members' series: p10–p90 of how near the ice comes to the skin and how deep the block zone reaches */
  bands: BandSource[] | null = null;
  marginMm = VERDICT_DEFAULTS.skin_margin_mm.value;
  /**
   * Starts at the end of the last freeze: most protocols end with a thaw, and at
   * the very end the lethal zones have already shrunk away ("end of protocol" is
   * one click away in the time control).
   */
  selection: TimeSelection = { mode: 'last-freeze' };

  private get maxTime_s(): number {
    return Math.max(0, ...this.runs.map((r) => r.result?.times_s.at(-1) ?? 0));
  }

  /** Numbers behind the chart, exposed for tests and for the table of hover values. */
  get columns() {
    return zoneColumns(this.runs, this.selection);
  }

  protected override figure(): Figure | null {
    const cols = this.columns;
    if (!cols.length) return null;
    // Category axis on the (unique) column labels, so one hover box lists every zone of a protocol.
    // Labels wrap to the width each column gets; too narrow for words (a phone), they stand on end.
    const colPx = ((this.plotDiv?.clientWidth || 800) - 80) / cols.length;
    const lineChars = Math.floor(colPx / LABEL_CHAR_PX);
    const upright = lineChars >= MIN_WRAP_CHARS;
    const x = uniqueLabels(cols.map((c) => (upright ? wrap(c.label, lineChars) : plotText(clip(c.label, ROTATED_LABEL_CHARS)))));
    const nerve = this.runs.find((r) => r.scenario?.nerve)?.scenario?.nerve ?? null;
    const data: object[] = [];
    for (const t of [...STANDARD_ISOTHERMS_C].sort((a, b) => b - a)) {
      const spans = cols.map((c) => c.zones.find((z) => z.threshold_c === t)!);
      data.push({
        type: 'bar',
        name: ZONE_NAME[t] ?? `≤ ${fmtC(t)}`,
        x,
        base: spans.map((s) => s.top_mm),
        y: spans.map((s) => (s.top_mm !== null && s.bottom_mm !== null ? Math.max(s.bottom_mm - s.top_mm, 0.05) : null)),
        width: BAR_WIDTH[t] ?? 0.4,
        marker: { color: isothermColour(t), line: { color: '#08306B', width: t === 0 ? 1 : 0 } },
        customdata: spans.map((s, i) => [s.top_mm, s.bottom_mm, s.radius_mm, cols[i].label, s.time_s]),
        hovertemplate: 'depth %{customdata[0]:.1f} – %{customdata[1]:.1f} mm, radius %{customdata[2]:.1f} mm',
      });
    }
    // Ensemble spread of the edges that decide safety and reach: ice nearest the skin, block zone deepest.
    const at = (t: number) => cols.map((c, i) => ({ id: c.id, x: x[i], time_s: c.zones.find((z) => z.threshold_c === t)?.time_s ?? null }));
    const ice = THRESHOLDS_ICE_C;
    data.push(...depthBandTraces(this.bands, at(ice), ice, 'top_depth_mm', ZONE_NAME[ice], (BAR_WIDTH[ice] ?? 0.4) + 0.1, MARGIN_COLOUR));
    data.push(...depthBandTraces(this.bands, at(-20), -20, 'bottom_depth_mm', ZONE_NAME[-20], (BAR_WIDTH[-20] ?? 0.4) + 0.1, NERVE_COLOUR));
    const tips = cols.map((c) => c.probe_tip_mm);
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: 'probe tip',
      x,
      y: tips,
      marker: { symbol: 'triangle-down', size: 11, color: PROBE_COLOUR, line: { color: '#fff', width: 1 } },
      hovertemplate: 'probe tip at %{y:.1f} mm<extra></extra>',
    });
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: 'protocol colour',
      showlegend: false,
      x,
      y: cols.map(() => -1.6),
      marker: { symbol: 'square', size: 12, color: cols.map((c) => c.colour) },
      hoverinfo: 'skip',
    });
    const deepest = Math.max(
      10,
      ...cols.flatMap((c) => c.zones.map((z) => z.bottom_mm ?? 0)),
      ...tips.map((t) => t ?? 0),
      nerve ? nerve.center_mm[2] + nerve.diameter_mm : 0,
    );
    const shapes: object[] = [
      { type: 'rect', xref: 'paper', x0: 0, x1: 1, y0: 0, y1: this.marginMm, fillcolor: MARGIN_COLOUR, opacity: 0.1, line: { width: 0 }, layer: 'below' },
      { type: 'line', xref: 'paper', x0: 0, x1: 1, y0: this.marginMm, y1: this.marginMm, line: { color: MARGIN_COLOUR, width: 1.5, dash: 'dash' } },
      { type: 'line', xref: 'paper', x0: 0, x1: 1, y0: 0, y1: 0, line: { color: SKIN_COLOUR, width: 3 } },
    ];
    const annotations: object[] = [
      { xref: 'paper', x: 1, xanchor: 'right', y: 0, yanchor: 'bottom', text: 'skin', showarrow: false, font: { color: SKIN_COLOUR } },
      {
        xref: 'paper', x: 1, xanchor: 'right', y: this.marginMm, yanchor: 'bottom',
        text: `skin margin ${this.marginMm} mm`, showarrow: false, font: { color: MARGIN_COLOUR, size: 11 },
      },
    ];
    if (nerve) {
      const top = nerve.center_mm[2] - nerve.diameter_mm / 2;
      const bottom = nerve.center_mm[2] + nerve.diameter_mm / 2;
      // Fill behind the bars, edges in front: the nerve stays visible without muddying the zone colours.
      shapes.push({ type: 'rect', xref: 'paper', x0: 0, x1: 1, y0: top, y1: bottom, fillcolor: NERVE_COLOUR, opacity: 0.35, line: { width: 0 }, layer: 'below' });
      for (const y of [top, bottom]) {
        shapes.push({ type: 'line', xref: 'paper', x0: 0, x1: 1, y0: y, y1: y, line: { color: NERVE_COLOUR, width: 2 }, layer: 'above' });
      }
      const lateral = Math.hypot(nerve.center_mm[0], nerve.center_mm[1]);
      data.push({
        type: 'scatter',
        mode: 'markers',
        x: [null],
        y: [null],
        name: `nerve depth (${fmtNum(lateral)} mm beside the probe axis${this.runs.some((r) => r.scenario?.nerve && Math.hypot(r.scenario.nerve.center_mm[0], r.scenario.nerve.center_mm[1]) !== lateral) ? ' or as each protocol places it' : ''}: see the cross-sections)`,
        marker: { symbol: 'square', size: 12, color: NERVE_COLOUR, opacity: 0.6, line: { color: NERVE_COLOUR, width: 2 } },
        hoverinfo: 'skip',
      });
    }
    return {
      data,
      layout: {
        height: CHART_HEIGHT_PX.value + 60,
        barmode: 'overlay',
        bargap: 0,
        showlegend: true,
        legend: { orientation: 'h', y: 1.02, yanchor: 'bottom', x: 0 },
        margin: { l: 60, r: 16, t: 40, b: 20 },
        xaxis: {
          type: 'category',
          tickangle: upright ? 0 : -90,
          tickfont: { size: 11 },
          range: [-0.6, cols.length - 0.4],
          fixedrange: true,
          automargin: true,
        },
        yaxis: { title: { text: 'depth below skin (mm)' }, range: [deepest + 2, -3], zeroline: false },
        shapes,
        annotations,
        hovermode: 'x unified',
      },
    };
  }

  /** Says how the numbers were computed, so a coarse draft is never mistaken for a converged answer. */
  /** The exported image's caption: the protocols, the time the zones are taken at, grid, anatomy. */
  protected override caption(): string {
    const sel = this.selection;
    const when = sel.mode === 'end' ? 'at the end of the protocol' : sel.mode === 'last-freeze' ? 'at the end of the last freeze' : sel.mode === 'max' ? 'largest extent during the run' : `at ${timeShown(sel.time_s)}`;
    return chartCaption(this.runs, `ice (0 °C), nerve-block (−20 °C) and lethal (−40 °C) zones along the probe axis, ${when}`);
  }

  private gridCaption() {
    const solvers = this.runs.map((r) => r.result?.solver).filter((s) => !!s);
    if (!solvers.length) return nothing;
    const spacings = [...new Set(solvers.map((s) => s!.spacing_mm))];
    const precisions = [...new Set(solvers.map((s) => s!.precision))];
    const wall = solvers.reduce((t, s) => t + s!.wall_s, 0);
    const coarse = Math.max(...spacings) >= DRAFT_SPACING_MM.value;
    // Which runs took implicit steps matters when two runs of a comparison disagree by a fraction of a millimetre.
    const implicit = solvers.filter((s) => s!.integrator === 'implicit').length;
    const stepping = implicit === 0 ? '' : implicit === solvers.length ? ' · implicit steps' : ` · implicit steps in ${implicit} of ${solvers.length} runs`;
    return html`<p class="caption ${coarse ? 'draft' : ''}">
      Grid ${spacings.join(', ')} mm · ${precisions.map((p) => (p === 'f32' ? 'single precision' : p === 'f64' ? 'double precision' : p)).join(', ')}${stepping} · ${solvers.length} run${solvers.length > 1 ? 's' : ''}, ${fmtNum(wall)} s of
      solver time.${coarse ? ' Draft grid: expect millimetre-level differences from a finer grid.' : ''}
    </p>`;
  }

  private onMode(e: Event) {
    const mode = (e.target as HTMLSelectElement).value as TimeSelection['mode'];
    this.selection = mode === 'time' ? { mode, time_s: this.maxTime_s } : ({ mode } as TimeSelection);
  }

  private onTime(e: Event) {
    this.selection = { mode: 'time', time_s: Number((e.target as HTMLInputElement).value) };
  }

  /** Each run's picture of the nerve cross-section, with the numbers the verdict uses. */
  get sections() {
    return this.runs.filter((r) => r.result).map((r) => ({ run: r, view: sectionView(r.result) }));
  }

  private renderSections() {
    const tiles = this.sections;
    if (!tiles.length) return nothing;
    const zoneName = ['≤ 0 °C (ice)', '≤ −20 °C (nerve block)', '≤ −40 °C (lethal)'];
    return html`<div class="sections-legend" aria-hidden="true">
        <span><span class="key" ${styleProps({ background: zoneFill(-1) })}></span>above 0 °C</span>
        ${SECTION_ZONES_C.map((_, k) => html`<span><span class="key" ${styleProps({ background: zoneFill(k) })}></span>${zoneName[k]}</span>`)}
        <span><span class="key ring"></span>nerve (the cross-section the verdict scores)</span>
        <span><span class="key shaft"></span>probe</span>
        <span>✔ the whole nerve reached that zone</span>
      </div>
      <div class="sections" role="list">
        ${tiles.map(({ run, view }) =>
          html`<div role="listitem" data-id=${run.id}>
            ${view ? nerveSectionTile(view, run.label, run.colour, !!run.previous, shaftOf(run)) : html`<p class="empty">${run.label}: this result has no nerve cross-section (run it again).</p>`}
          </div>`,
        )}
      </div>`;
  }

  override render() {
    const max = this.maxTime_s;
    const sel = this.selection;
    return html`<section class="card" aria-labelledby="lz-title">
      <div>
        <h2 id="lz-title">Lethal zone at the nerve</h2>
        <p class="caption">Coldest temperature each point of the nerve's cross-section reached during the whole run, where the nerve passes closest to the probe.</p>
        ${this.columns.length
          ? nothing
          : html`<p class="empty">Run a comparison to see, for each protocol, whether the −20 and −40 °C zones cover the nerve.</p>`}
        ${this.renderSections()}
        <h3 class="sub">Ice and lethal zones along the probe</h3>
        <div class="controls">
          <label>
            When
            <select @change=${this.onMode} aria-label="Time at which the zones are shown">
              <option value="end" ?selected=${sel.mode === 'end'}>end of protocol</option>
              <option value="last-freeze" ?selected=${sel.mode === 'last-freeze'}>end of freezing (last freeze)</option>
              <option value="max" ?selected=${sel.mode === 'max'}>largest extent during the run</option>
              <option value="time" ?selected=${sel.mode === 'time'}>at a chosen time…</option>
            </select>
          </label>
          ${sel.mode === 'time'
            ? html`<label
                >Time
                <input type="range" min="0" max=${max} step="10" .value=${String(sel.time_s)} @input=${this.onTime} aria-label="Time (s)" />
                <output>${fmtDuration(sel.time_s)}</output></label
              >`
            : nothing}
          <button @click=${() => this.downloadPng('ice-zones-along-probe')} ?disabled=${!this.runs.length}>Save PNG</button>
          <button @click=${() => this.downloadSvg('ice-zones-along-probe')} ?disabled=${!this.runs.length}>Save SVG</button>
        </div>
        <div class="plot" role="img" aria-label="Depth ranges of the lethal, nerve-block and ice zones along each protocol's probe axis"></div>
        ${this.gridCaption()}
      </div>
      <aside class="note">
        <h3>What this shows</h3>
        <p>Top: each square is the nerve's cross-section (orange circle) where it passes closest to the probe, coloured by the
          coldest temperature each point reached during the run: darkest ≤ −40 °C (cells die), middle ≤ −20 °C (reliable
          nerve block), pale ≤ 0 °C (ice). The verdict counts exactly these points: a protocol blocks the nerve when the
          whole circle is at least the middle blue, and kills it when it is all darkest blue.</p>
        <p>Bottom: how deep each zone reaches along the probe axis at the chosen time, against the skin and the dashed
          skin-margin line: whether the ice stays away from the skin. The nerve lies beside the probe, so a bar crossing its
          depth does not mean the nerve is covered; the squares above say whether it is.</p>
        <p>Differences come from the cryogen (argon near −186 °C vs nitrous oxide near −88 °C), how long and how many
          times the probe freezes, the probe's size and active length, where it sits relative to the nerve, and the blood
          flow that warms tissue back.</p>
      </aside>
    </section>`;
  }
}

/** The first probe's shaft as the section sees it (axisymmetric runs): deepest tip over the protocol. */
function shaftOf(run: RunRecord): ShaftInSection | null {
  const s = run.scenario;
  const sec = run.result?.nerve?.section;
  if (!s || !sec || s.geometry.mode !== 'axisymmetric' || !s.probes[0]) return null;
  const tips = [s.probes[0].tip_mm[2], ...s.protocol.flatMap((ph) => (ph.phase === 'reposition' && ph.probe === 0 ? [ph.tip_mm[2]] : []))];
  return { radius_mm: s.probes[0].diameter_mm / 2, tip_below_centre_mm: Math.max(...tips) - sec.centre_mm[2] };
}

function uniqueLabels(labels: string[]): string[] {
  const seen = new Map<string, number>();
  return labels.map((l) => {
    const n = (seen.get(l) ?? 0) + 1;
    seen.set(l, n);
    return n > 1 ? `${l} (${n})` : l;
  });
}

/**
 * A tick label of at most four short lines. The label is the user's text, so each
 * line is made literal for Plotly (text.ts) after wrapping, and an overlong word is
 * clipped rather than allowed to widen the column.
 */
/** Average width of an 11-px tick-label character (px), measured on system-ui. */
const LABEL_CHAR_PX = 6.6;
/** Narrower columns than this many characters get rotated single-line labels. */
const MIN_WRAP_CHARS = 9;
const ROTATED_LABEL_CHARS = 30;

function wrap(label: string, lineChars = 12): string {
  const words = label.split(/\s+/).filter(Boolean).map((w) => clip(w, Math.max(lineChars, 16)));
  const lines: string[] = [];
  let cur = '';
  for (const w of words) {
    if ((cur + ' ' + w).trim().length > lineChars && cur) {
      lines.push(cur);
      cur = w;
    } else cur = (cur + ' ' + w).trim();
  }
  if (cur) lines.push(cur);
  return lines.slice(0, 4).map(plotText).join('<br>');
}

customElements.define('lethal-zone-chart', LethalZoneChart);

declare global {
  interface HTMLElementTagNameMap {
    'lethal-zone-chart': LethalZoneChart;
  }
}
