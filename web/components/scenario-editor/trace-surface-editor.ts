/**
 * A probe surface that follows a measured temperature (`"model": "trace"`): paste or upload a
 * two-column CSV (time_s, temperature_c — or a logger export with a header, choosing the
 * column), see how many points it gave and any problem with its line, set the offset, and
 * check the trace on a small chart (the surface the solver will impose, offset included).
 * The validator's messages about the points come in from the scenario editor.
 */
import { css, html, type TemplateResult } from 'lit';
import { PlotElement, type Figure } from '../../lib/plot-element.ts';
import { sharedStyles } from '../../lib/shared-styles.ts';
import { traceFromCsv, type TraceCsvProblem } from '../../../scenarios/trace-csv.ts';
import type { TraceSurface } from '../../../scenarios/schema.ts';

/** What the empty box shows: the two columns it expects. */
const PLACEHOLDER = 'time_s,temperature_c\n0,27.1\n1,20.4\n2,5.0';

export class TraceSurfaceEditor extends PlotElement {
  static override properties = {
    surface: { attribute: false },
    messages: { attribute: false },
    fieldId: { type: String, attribute: 'field-id' },
    csvText: { state: true },
    column: { state: true },
    problems: { state: true },
    columns: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      :host { display: block; margin: 4px 0 6px; }
      textarea { width: 100%; box-sizing: border-box; min-height: 4.5em; font: 12px/1.3 ui-monospace, monospace; }
      .bar { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin: 3px 0; }
      .summary { color: var(--muted); }
      .msg { color: var(--bad); font-size: 12px; }
      .hint { color: var(--muted); font-size: 12px; margin: 2px 0; }
      .plot { width: 100%; height: 160px; }
      input[type='number'] { width: 6em; }
    `,
  ];

  /** the current surface (points may be missing or invalid while the user edits) */
  surface: Partial<TraceSurface> | null = null;
  /** the validator's messages about this surface, each prefixed with its path below the surface */
  messages: string[] = [];
  fieldId = 'trace';
  csvText = '';
  column = '';
  problems: TraceCsvProblem[] = [];
  /** header names of the last pasted text when it has more than two columns */
  columns: string[] = [];

  private get points(): [number, number][] {
    const p = this.surface?.points;
    return Array.isArray(p) ? p.filter((x): x is [number, number] => Array.isArray(x) && typeof x[0] === 'number' && typeof x[1] === 'number') : [];
  }

  private offset(): number {
    const o = this.surface?.offset_c;
    return typeof o === 'number' && Number.isFinite(o) ? o : 0;
  }

  private emit(next: Partial<TraceSurface>) {
    this.dispatchEvent(new CustomEvent('surface-change', { detail: { model: 'trace', ...this.surface, ...next }, bubbles: true, composed: true }));
  }

  /** Parses the pasted or uploaded text; good points replace the trace, problems stay beside the box. */
  private apply(text: string) {
    this.csvText = text;
    const firstLine = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
    const sep = firstLine.includes('\t') ? '\t' : firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
    const head = firstLine.split(sep).map((s) => s.trim().replace(/^"|"$/g, ''));
    this.columns = head.length > 2 && head.some((h) => Number.isNaN(Number(h))) ? head.slice(1) : [];
    if (this.columns.length && !this.columns.includes(this.column)) this.column = this.columns[0];
    const r = traceFromCsv(text, this.columns.length ? { column: this.column } : {});
    this.problems = r.problems ?? [];
    if (r.points) this.emit({ points: r.points });
  }

  private async upload(e: Event) {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (file) this.apply(await file.text());
  }

  protected override figure(): Figure | null {
    const pts = this.points;
    if (pts.length < 2) return null;
    const off = this.offset();
    return {
      data: [{
        type: 'scatter', mode: pts.length > 400 ? 'lines' : 'lines+markers', marker: { size: 3 },
        x: pts.map((p) => p[0] / 60), y: pts.map((p) => p[1] + off), line: { color: '#0072b2', width: 1.6 },
        hovertemplate: '%{x:.2f} min: %{y:.1f} °C<extra></extra>', name: 'surface',
      }],
      layout: {
        height: 160, margin: { l: 48, r: 8, t: 6, b: 32 }, showlegend: false,
        xaxis: { title: { text: 'time (min)', standoff: 4 } }, yaxis: { title: { text: off ? 'trace + offset (°C)' : 'surface (°C)' } },
      },
    };
  }

  private summary(): TemplateResult | string {
    const pts = this.points;
    if (pts.length === 0) return 'no points yet: paste or upload a CSV';
    let lo = Infinity;
    let hi = -Infinity;
    for (const [, v] of pts) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
    const off = this.offset();
    const f = (x: number) => (Math.round(x * 10) / 10).toString().replace('-', '−');
    return html`<span data-count=${pts.length}>${pts.length} points</span>, ${f(pts[0][0])}–${f(pts[pts.length - 1][0])} s,
      ${f(lo + off)} … ${f(hi + off)} °C at the surface`;
  }

  override render() {
    const id = this.fieldId;
    return html`
      <div class="bar">
        <label for="${id}-file">Measured trace</label>
        <input id="${id}-file" type="file" accept=".csv,.txt,.tsv,text/csv,text/plain" @change=${this.upload} aria-label="Upload a trace CSV" />
        ${this.columns.length
          ? html`<label>column
              <select data-role="column" @change=${(e: Event) => ((this.column = (e.target as HTMLSelectElement).value), this.apply(this.csvText))}>
                ${this.columns.map((c) => html`<option ?selected=${c === this.column}>${c}</option>`)}
              </select></label>`
          : ''}
      </div>
      <textarea
        id="${id}-csv"
        data-role="csv"
        spellcheck="false"
        placeholder=${PLACEHOLDER}
        aria-label="Paste time_s, temperature_c rows"
        .value=${this.csvText}
        @change=${(e: Event) => this.apply((e.target as HTMLTextAreaElement).value)}
      ></textarea>
      ${this.problems.map((p) => html`<div class="msg" role="alert" data-role="problem">${p.line === null ? '' : `line ${p.line}: `}${p.message}</div>`)}
      <div class="bar">
        <span class="summary" data-role="summary">${this.summary()}</span>
        <label>offset
          <input type="number" step="any" data-path="${id}.offset_c" .value=${String(this.offset())}
            @change=${(e: Event) => {
              const raw = (e.target as HTMLInputElement).value;
              this.emit({ offset_c: raw.trim() === '' ? 0 : Number(raw) });
            }} /> °C</label>
      </div>
      ${this.messages.map((m) => html`<div class="msg" role="alert" data-role="issue">${m}</div>`)}
      <p class="hint">The surface follows the trace in every phase (a log holds its own freezes and thaws); the
        protocol's phases still set the run's length and any probe repositions.</p>
      <div class="plot" role="img" aria-label="The probe surface temperature the trace imposes, against time"></div>
    `;
  }
}

customElements.define('trace-surface-editor', TraceSurfaceEditor);

declare global {
  interface HTMLElementTagNameMap {
    'trace-surface-editor': TraceSurfaceEditor;
  }
}
