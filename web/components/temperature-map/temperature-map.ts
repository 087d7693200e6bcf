/**
 * Temperature map of one protocol at one moment: the field as a cividis heat map,
 * isotherm contours (0, −20, −40 °C and the user's), and the probe, nerve, vessels,
 * sensors and skin drawn in. A time slider and a play button step through the
 * snapshots the worker recorded.
 */
import { html, nothing } from 'lit';
import { PlotElement, type Figure } from '../../lib/plot-element.ts';
import { sharedStyles } from '../../lib/shared-styles.ts';
import { clip, plotText } from '../../lib/text.ts';
import { fmtC, fmtDuration, indexAtTime, lastFreezeEnd_s, probeTipsAt, type RunRecord } from '../../lib/analysis.ts';

export { probeTipsAt };
import { contourStyle, NERVE_COLOUR, PROBE_COLOUR, SKIN_COLOUR, VESSEL_COLOUR } from '../../lib/palette.ts';
import { CHART_HEIGHT_PX, MAP_MAX_DISPLAY_CELLS, MAP_PLAY_FPS, MAP_PLAY_SPEEDS, MAP_RANGE_C, STANDARD_ISOTHERMS_C } from '../../ui-presets.ts';
import type { FieldFrames } from '../../../workers/engine/run-types.ts';
import type { Scenario } from '../../../scenarios/schema.ts';
import { styles } from './temperature-map.styles.ts';
import { chartCaption, timeShown } from '../../lib/chart-export.ts';
import { cylinderInSlice, type Domain } from '../../lib/slice-outline.ts';
import { contourValues } from './contour-values.ts';
import { isoline } from './isolines.ts';

export class TemperatureMap extends PlotElement {
  static override properties = {
    run: { attribute: false },
    frameIndex: { type: Number, attribute: 'frame-index' },
    extraLevelsText: { state: true },
    playing: { state: true },
    speed: { state: true },
  };
  static override styles = [sharedStyles, styles];

  run: RunRecord | null = null;
  frameIndex = -1;
  extraLevelsText = '';
  playing = false;
  /** multiple of MAP_PLAY_FPS */
  speed = 1;
  private timer: ReturnType<typeof setInterval> | null = null;
  private lastRun: RunRecord | null = null;

  get levels(): number[] {
    const extra = this.parseLevels(this.extraLevelsText).values;
    return [...new Set([...STANDARD_ISOTHERMS_C, ...extra])].sort((a, b) => a - b);
  }

  private parseLevels(text: string): { values: number[]; error: string | null } {
    const parts = text.split(/[,\s;]+/).filter(Boolean);
    const values: number[] = [];
    for (const p of parts) {
      const v = Number(p.replace('−', '-'));
      if (!Number.isFinite(v) || v < -200 || v > 40) return { values, error: `"${p}" is not a temperature between −200 and 40 °C` };
      values.push(v);
    }
    return { values, error: null };
  }

  private get frames(): FieldFrames | null {
    return this.run?.frames ?? null;
  }

  /** Until the user moves the slider: the end of the last freeze, when the ice is largest. */
  private get index(): number {
    const f = this.frames;
    const n = f?.temperatures_c.length ?? 0;
    if (!n) return 0;
    if (this.frameIndex >= 0 && this.frameIndex < n) return this.frameIndex;
    const end = this.run?.scenario ? lastFreezeEnd_s(this.run.scenario) : null;
    return end === null ? n - 1 : indexAtTime(f!.times_s, end);
  }

  protected override willUpdate(): void {
    if (this.run !== this.lastRun) {
      this.lastRun = this.run;
      this.frameIndex = -1;
      this.stop();
    }
  }

  /** The exported image's caption: this protocol, the snapshot's time and phase (and 3D slice), grid, anatomy. */
  protected override caption(): string {
    const f = this.frames;
    if (!this.run || !f?.times_s.length) return '';
    const t = f.times_s[this.index];
    const r = this.run.result;
    const phase = r ? r.phase[indexAtTime(r.times_s, t)] : undefined;
    const slice = f.slice_y_mm !== undefined ? `, x–z slice through the probe tip at y = ${f.slice_y_mm} mm` : '';
    return chartCaption([this.run], `temperature field at ${timeShown(t, phase)}${slice}`);
  }

  protected override figure(): Figure | null {
    const f = this.frames;
    const s = this.run?.scenario;
    if (!f || !s || !f.temperatures_c.length) return null;
    const grid = buildGrid(f, s.geometry.mode === 'axisymmetric');
    const snapshot = f.temperatures_c[this.index];
    const ghosts = f.ghosts?.[this.index];
    const z = grid.rows(snapshot);
    const rowsFor = (values: Float32Array) => (values === snapshot ? z : grid.rows(values));
    const data: object[] = [
      {
        type: 'heatmap',
        x: grid.x,
        y: grid.y,
        z,
        zmin: MAP_RANGE_C.value.min,
        zmax: MAP_RANGE_C.value.max,
        colorscale: 'Cividis',
        colorbar: { title: { text: '°C' }, thickness: 12, len: 0.9 },
        hovertemplate: 'lateral %{x:.1f} mm<br>depth %{y:.1f} mm<br><b>%{z:.1f} °C</b><extra></extra>',
        // The browser smooths the cell-sized image as it scales it; 'best' interpolated every pixel in script.
        zsmooth: 'fast',
      },
    ];
    const labels: object[] = [];
    for (const level of this.levels) {
      const st = contourStyle(level);
      const line = isoline(grid.x, grid.y, rowsFor(contourValues(snapshot, ghosts, level)), level);
      data.push({
        type: 'scatter',
        mode: 'lines',
        x: line.x,
        y: line.y,
        name: fmtC(level),
        meta: { isotherm_c: level },
        hoverinfo: 'skip',
        showlegend: false,
        line: { color: st.color, dash: st.dash, width: st.width },
      });
      // Under the line's deepest point, as Plotly's contour labels sat on it.
      if (line.label) labels.push({ x: line.label.x, y: line.label.y, text: labelText(level), showarrow: false, yanchor: 'top', font: { color: st.color, size: 11 } });
    }
    const sensors = s.sensors;
    if (sensors.length) {
      const axi = s.geometry.mode === 'axisymmetric';
      data.push({
        type: 'scatter',
        mode: 'markers',
        name: 'sensors',
        x: sensors.map((p) => (axi ? Math.hypot(p.position_mm[0], p.position_mm[1]) : p.position_mm[0])),
        y: sensors.map((p) => p.position_mm[2]),
        text: sensors.map((p) => plotText(clip(p.name, 60))),
        marker: { symbol: 'x-thin', size: 9, line: { color: '#ffffff', width: 2 } },
        hovertemplate: '%{text}<extra></extra>',
        showlegend: false,
      });
    }
    const xMax = grid.x[grid.x.length - 1];
    const view = regionOfInterest(this.run!, grid.mirrored, grid.x, grid.y);
    return {
      data,
      layout: {
        height: CHART_HEIGHT_PX.value + 40,
        margin: { l: 55, r: 10, t: 10, b: 45 },
        xaxis: { title: { text: grid.mirrored ? 'distance from probe axis (mm, mirrored)' : 'lateral position (mm)' }, range: view.x, constrain: 'range' },
        yaxis: { title: { text: 'depth below skin (mm)' }, range: view.z, scaleanchor: 'x', scaleratio: 1, constrain: 'domain' },
        annotations: labels,
        shapes: overlayShapes(s, grid.mirrored, xMax, f.times_s[this.index] ?? 0, { sliceYMm: f.slice_y_mm, domain: mapDomain(grid.x, grid.y) }),
        showlegend: false,
      },
    };
  }

  private async setFrame(i: number) {
    this.frameIndex = i;
  }

  private toggle() {
    if (this.playing) return this.stop();
    const n = this.frames?.temperatures_c.length ?? 0;
    if (n < 2) return;
    // From the start unless the user moved the slider somewhere before the end: the
    // default view (end of the last freeze) is near the end and would play for a second.
    if (this.frameIndex < 0 || this.index >= n - 1) this.frameIndex = 0;
    this.playing = true;
    this.startTimer();
  }

  private startTimer() {
    const n = this.frames?.temperatures_c.length ?? 0;
    if (this.timer) clearInterval(this.timer);
    this.timer = setInterval(() => {
      const next = this.index + 1;
      if (next >= n) this.stop();
      else this.frameIndex = next;
    }, this.playIntervalMs);
  }

  /** Milliseconds between frames at the chosen speed (the browser may be slower on a large grid). */
  get playIntervalMs(): number {
    return 1000 / (MAP_PLAY_FPS.value * this.speed);
  }

  private setSpeed(speed: number) {
    this.speed = speed;
    if (this.playing) this.startTimer();
  }

  private stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.playing = false;
  }

  override disconnectedCallback(): void {
    this.stop();
    super.disconnectedCallback();
  }

  override render() {
    const f = this.frames;
    const n = f?.temperatures_c.length ?? 0;
    const i = this.index;
    const t = f?.times_s[i] ?? 0;
    const phase = this.run?.result?.phase[this.run.result.times_s.indexOf(t)] ?? '';
    const levelErr = this.parseLevels(this.extraLevelsText).error;
    return html`<section class="card" aria-labelledby="map-title">
      <div>
        <h2 id="map-title">Temperature map${this.run ? html` — ${this.run.label}` : nothing}</h2>
        <div class="controls">
          <button id="play" @click=${this.toggle} ?disabled=${n < 2} aria-pressed=${this.playing ? 'true' : 'false'}>
            ${this.playing ? 'Pause' : 'Play'}
          </button>
          <label
            >Speed
            <select id="speed" @change=${(e: Event) => this.setSpeed(Number((e.target as HTMLSelectElement).value))} aria-label="Play speed">
              ${MAP_PLAY_SPEEDS.value.map((v) => html`<option value=${v} ?selected=${v === this.speed}>${v}×</option>`)}
            </select></label
          >
          <label
            >Time
            <input
              type="range"
              min="0"
              max=${Math.max(0, n - 1)}
              .value=${String(i)}
              ?disabled=${n < 2}
              @input=${(e: Event) => this.setFrame(Number((e.target as HTMLInputElement).value))}
              aria-label="Snapshot time"
              aria-valuetext=${fmtDuration(t)}
          /></label>
          <output aria-live="off">${fmtDuration(t)}${phase ? ` · ${phase.replace('_', ' ')}` : ''}</output>
          <label
            >Extra isotherms (°C)
            <input
              class="levels"
              type="text"
              placeholder="e.g. -10, -60"
              .value=${this.extraLevelsText}
              @change=${(e: Event) => (this.extraLevelsText = (e.target as HTMLInputElement).value)}
              aria-invalid=${levelErr ? 'true' : 'false'}
          /></label>
          <button @click=${() => this.downloadPng(`temperature-map-${this.run?.id ?? 'run'}`)} ?disabled=${!n}>Save PNG</button>
          <button @click=${() => this.downloadSvg(`temperature-map-${this.run?.id ?? 'run'}`)} ?disabled=${!n}>Save SVG</button>
        </div>
        ${levelErr ? html`<p class="err" role="alert">${levelErr}</p>` : nothing}
        ${!this.run
          ? html`<p class="empty">Select a protocol with results to see its temperature field.</p>`
          : !n
            ? html`<p class="empty">
                ${this.run.result
                  ? 'Field snapshots are not stored for this result (they are kept only for runs of this session and those saved with them). Run it again to see the map.'
                  : 'No result for this protocol yet.'}
              </p>`
            : nothing}
        <div class="plot" role="img" aria-label="Temperature field with isotherm contours"></div>
      </div>
      <aside class="note">
        <h3>What this shows</h3>
        <p>The temperature around the probe at the chosen moment. Lines mark 0 °C (black, the ice edge), −20 °C (white
          dashed) and −40 °C (white). The orange circle is the nerve; grey is the probe; the brown line is the skin.</p>
        <p>Press Play to watch the ice grow during freezes and shrink during thaws. A blood vessel (pink) near the ice
          pulls the isotherms back on its side: flowing blood carries heat in. In 3D the map is one slice: a vessel
          cut at a slant is an oval, one lying in the slice a band, and a dotted outline is a vessel beside the slice.</p>
      </aside>
    </section>`;
  }
}

/**
 * The part of the domain worth looking at: the largest ice over the run plus a
 * border, the probe and the nerve. The far field is mostly 37 °C and would
 * shrink the ice ball to a dot. Double-click the map to see the whole domain.
 */
function regionOfInterest(run: RunRecord, mirrored: boolean, xs: number[], zs: number[]) {
  const r = run.result;
  const s = run.scenario;
  const ice = r ? r.isotherms[Object.keys(r.isotherms).find((k) => Number(k) === 0) ?? ''] : undefined;
  const maxOf = (a: (number | null)[] | undefined) => Math.max(0, ...(a ?? []).filter((v): v is number => v !== null && Number.isFinite(v)));
  const nerve = s?.nerve;
  const nerveLateral = nerve ? (mirrored ? Math.hypot(nerve.center_mm[0], nerve.center_mm[1]) : Math.abs(nerve.center_mm[0])) + nerve.diameter_mm : 0;
  const tip = Math.max(0, ...(s?.probes ?? []).map((p) => p.tip_mm[2]));
  const centre = mirrored ? 0 : (s?.probes[0]?.tip_mm[0] ?? 0);
  // The heat sinks in view too, so the student sees why the ice is pulled back on one side.
  const vessels = s?.vessels ?? [];
  const vesselLateral = Math.max(0, ...vessels.map((v) => Math.abs(v.center_mm[0] - centre) + v.diameter_mm));
  const vesselBottom = Math.max(0, ...vessels.map((v) => v.center_mm[2] + v.diameter_mm));
  const half = Math.max(12, maxOf(ice?.radius_mm) + 6, nerveLateral + 4, vesselLateral + 2);
  const bottom = Math.max(tip + 8, maxOf(ice?.bottom_depth_mm) + 6, nerve ? nerve.center_mm[2] + nerve.diameter_mm + 4 : 0, vesselBottom + 2);
  const xLo = xs[0];
  const xHi = xs[xs.length - 1];
  return {
    x: [Math.max(xLo, centre - half), Math.min(xHi, centre + half)],
    z: [Math.min(zs[zs.length - 1] + zs[0], bottom), -0.5],
  };
}

/**
 * Coordinates of the heat map; axisymmetric fields are mirrored about the axis
 * to look like the real ice ball. Fine grids are thinned for display (never for
 * the numbers) so dragging the time slider stays smooth.
 */
export function buildGrid(f: FieldFrames, mirror: boolean, maxCells = MAP_MAX_DISPLAY_CELLS.value) {
  const stride = Math.max(1, Math.ceil(Math.max(((mirror ? 2 : 1) * f.nx) / maxCells, f.nz / maxCells)));
  const is = Array.from({ length: Math.ceil(f.nx / stride) }, (_, j) => j * stride);
  const ks = Array.from({ length: Math.ceil(f.nz / stride) }, (_, j) => j * stride);
  const xs = is.map((i) => f.x0_mm + i * f.spacing_mm);
  const x = mirror ? [...xs.map((v) => -v).reverse(), ...xs] : xs;
  const y = ks.map((k) => f.z0_mm + k * f.spacing_mm);
  const rows = (field: Float32Array) =>
    ks.map((k) => {
      const row = is.map((i) => field[i + f.nx * k]);
      return mirror ? [...row.slice().reverse(), ...row] : row;
    });
  return { x, y, rows, mirrored: mirror, stride };
}

/** An isotherm's label on the map: the level alone, as the line's colour and dash say which it is. */
function labelText(levelC: number): string {
  return levelC < 0 ? `−${Math.abs(levelC)}` : String(levelC);
}

function circle(cx: number, cz: number, d: number, colour: string, fill = 'rgba(0,0,0,0)') {
  return { type: 'circle', x0: cx - d / 2, x1: cx + d / 2, y0: cz - d / 2, y1: cz + d / 2, line: { color: colour, width: 2 }, fillcolor: fill };
}

/** The field's extent (mm), to the outer cells' edges: outlines stop where the heat map does. */
function mapDomain(xs: number[], zs: number[]): Domain {
  const half = xs.length > 1 ? (xs[1] - xs[0]) / 2 : 0;
  return { x0: xs[0] - half, x1: xs[xs.length - 1] + half, z0: Math.min(0, zs[0] - half), z1: zs[zs.length - 1] + half };
}

/**
 * A vessel or nerve (an infinite cylinder) where it cuts the map: in planar mode it runs along y
 * (a circle); in 3D the map is the x–z slice at sliceYMm, so a slanted one is an ellipse, one
 * lying in the slice a band, and one beside the slice its dashed outline (it does not cut it).
 */
function cylinderShapes(
  body: { center_mm: number[]; direction: number[]; diameter_mm: number },
  sliceYMm: number | undefined,
  domain: Domain,
  colour: string,
  fill: string,
): object[] {
  const y = sliceYMm ?? body.center_mm[1];
  const cut = cylinderInSlice(body.center_mm, body.direction, body.diameter_mm, y, domain);
  if (cut) return [{ type: 'path', path: cut.path, line: { color: colour, width: 2 }, fillcolor: fill }];
  const beside = cylinderInSlice(body.center_mm, body.direction, body.diameter_mm, body.center_mm[1], domain);
  return beside ? [{ type: 'path', path: beside.path, line: { color: colour, width: 1.5, dash: 'dot' }, fillcolor: 'rgba(0,0,0,0)' }] : [];
}

function overlayShapes(s: Scenario, mirrored: boolean, xMax: number, t: number, slice: { sliceYMm?: number; domain: Domain }): object[] {
  const shapes: object[] = [
    { type: 'line', x0: mirrored ? -xMax : -1e4, x1: 1e4, y0: 0, y1: 0, line: { color: SKIN_COLOUR, width: 3 } },
  ];
  const mode = s.geometry.mode;
  const tips = probeTipsAt(s, t);
  for (const [n, probe] of s.probes.entries()) {
    const p = { ...probe, tip_mm: tips[n] };
    const r = p.diameter_mm / 2;
    if (mode === 'planar') shapes.push(circle(p.tip_mm[0], p.tip_mm[2], p.diameter_mm, '#ffffff', PROBE_COLOUR));
    else {
      const [dx, , dz] = p.direction;
      const tipX = p.tip_mm[0];
      const tipZ = p.tip_mm[2];
      const t = dz !== 0 ? tipZ / dz : 0;
      const entryX = tipX - dx * t;
      const activeStartX = tipX - dx * p.active_length_mm;
      const activeStartZ = tipZ - dz * p.active_length_mm;
      if (Math.abs(dx) < 1e-9) {
        shapes.push({ type: 'rect', x0: tipX - r, x1: tipX + r, y0: 0, y1: Math.max(0, activeStartZ), fillcolor: '#bfc5cc', line: { color: PROBE_COLOUR, width: 1 } });
        shapes.push({ type: 'rect', x0: tipX - r, x1: tipX + r, y0: Math.max(0, activeStartZ), y1: tipZ, fillcolor: PROBE_COLOUR, line: { color: '#ffffff', width: 1 } });
      } else {
        shapes.push({ type: 'line', x0: entryX, y0: 0, x1: tipX, y1: tipZ, line: { color: '#bfc5cc', width: 4 } });
        shapes.push({ type: 'line', x0: activeStartX, y0: activeStartZ, x1: tipX, y1: tipZ, line: { color: PROBE_COLOUR, width: 4 } });
      }
    }
  }
  if (s.nerve) {
    const c = s.nerve.center_mm;
    if (mode === 'axisymmetric') shapes.push(circle(Math.hypot(c[0], c[1]), c[2], s.nerve.diameter_mm, NERVE_COLOUR, 'rgba(230,159,0,0.15)'));
    else shapes.push(...cylinderShapes(s.nerve, slice.sliceYMm, slice.domain, NERVE_COLOUR, 'rgba(230,159,0,0.15)'));
  }
  for (const v of s.vessels) shapes.push(...cylinderShapes(v, slice.sliceYMm, slice.domain, VESSEL_COLOUR, 'rgba(204,121,167,0.25)'));
  return shapes;
}

customElements.define('temperature-map', TemperatureMap);

declare global {
  interface HTMLElementTagNameMap {
    'temperature-map': TemperatureMap;
  }
}
