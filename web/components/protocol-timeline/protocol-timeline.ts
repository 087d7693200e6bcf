/**
 * The freeze–thaw protocol as a timeline: phases are blocks whose width is their
 * duration. Phases can be added, removed, reordered and resized, with the mouse
 * (drag a block's right edge) or the keyboard (arrows resize, Alt+arrows move,
 * Delete removes), and edited exactly in the fields below.
 */
import { html, LitElement, nothing } from 'lit';
import type { PhaseSpec } from '../../../scenarios/schema.ts';
import { DEFAULT_ACTIVE_THAW_C, DEFAULT_POWER } from '../../../scenarios/presets.ts';
import { sharedStyles } from '../../lib/shared-styles.ts';
import { styleProps } from '../../lib/style-props.ts';
import { fmtDuration } from '../../lib/analysis.ts';
import { PHASE_LABEL } from '../../lib/palette.ts';
import { TIMELINE } from '../../ui-presets.ts';
import { styles } from './protocol-timeline.styles.ts';

const STEP_S = TIMELINE.step_s.value;
const BIG_STEP_S = TIMELINE.big_step_s.value;
const NEW_PHASE_S = TIMELINE.new_phase_s.value;

export class ProtocolTimeline extends LitElement {
  static override properties = {
    phases: { attribute: false },
    issues: { attribute: false },
    selected: { state: true },
  };
  static override styles = [sharedStyles, styles];

  phases: PhaseSpec[] = [];
  /** validator messages keyed by path relative to the protocol, e.g. "[1].duration_s" */
  issues: Record<string, string> = {};
  selected = 0;
  private drag: { index: number; startX: number; startS: number; pxPerS: number } | null = null;

  private emit(phases: PhaseSpec[]) {
    this.phases = phases;
    this.dispatchEvent(new CustomEvent('protocol-change', { detail: phases, bubbles: true, composed: true }));
  }

  private update1(i: number, patch: Partial<PhaseSpec>) {
    this.emit(this.phases.map((p, j) => (j === i ? ({ ...p, ...patch } as PhaseSpec) : p)));
  }

  private add(kind: PhaseSpec['phase']) {
    const p = newPhase(kind, NEW_PHASE_S);
    const at = Math.min(this.selected + 1, this.phases.length);
    const next = [...this.phases];
    next.splice(at, 0, p);
    this.selected = at;
    this.emit(next);
  }

  private removePhase(i: number) {
    if (i < 0 || i >= this.phases.length) return;
    this.emit(this.phases.filter((_, j) => j !== i));
    this.selected = Math.max(0, Math.min(i, this.phases.length - 1));
  }

  private move(i: number, by: number) {
    const j = i + by;
    if (j < 0 || j >= this.phases.length) return;
    const next = [...this.phases];
    [next[i], next[j]] = [next[j], next[i]];
    this.selected = j;
    this.emit(next);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`.phase[data-i="${j}"]`)?.focus());
  }

  private resize(i: number, duration_s: number) {
    this.update1(i, { duration_s: Math.max(STEP_S, Math.round(duration_s)) });
  }

  private onKey(e: KeyboardEvent, i: number) {
    const step = e.shiftKey ? BIG_STEP_S : STEP_S;
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      const dir = e.key === 'ArrowRight' ? 1 : -1;
      if (e.altKey) this.move(i, dir);
      else this.resize(i, this.phases[i].duration_s + dir * step);
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      this.removePhase(i);
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      this.focusPhase(e.key === 'Home' ? 0 : this.phases.length - 1);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      this.focusPhase(i + (e.key === 'ArrowDown' ? 1 : -1));
    }
  }

  private focusPhase(i: number) {
    if (i < 0 || i >= this.phases.length) return;
    this.selected = i;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`.phase[data-i="${i}"]`)?.focus());
  }

  private startDrag(e: PointerEvent, i: number) {
    e.preventDefault();
    e.stopPropagation();
    const track = this.renderRoot.querySelector<HTMLElement>('.track')!;
    const total = this.phases.reduce((s, p) => s + p.duration_s, 0) || 1;
    this.drag = { index: i, startX: e.clientX, startS: this.phases[i].duration_s, pxPerS: track.clientWidth / total };
    (e.target as HTMLElement).setPointerCapture(e.pointerId);
  }

  private onDrag(e: PointerEvent) {
    if (!this.drag) return;
    const d = this.drag;
    const s = d.startS + (e.clientX - d.startX) / d.pxPerS;
    this.resize(d.index, Math.round(s / STEP_S) * STEP_S);
  }

  private endDrag() {
    this.drag = null;
  }

  /** Pull-back distance or a new tip position: the validator needs exactly one of them. */
  private repositionFields(sel: Extract<PhaseSpec, { phase: 'reposition' }>) {
    const byTip = sel.tip_mm !== undefined;
    const set = (patch: Record<string, unknown>) => {
      const { pull_back_mm: _p, tip_mm: _t, ...rest } = sel;
      this.emit(this.phases.map((p, j) => (j === this.selected ? ({ ...rest, ...patch } as PhaseSpec) : p)));
    };
    return html`<label
        >Probe
        <input type="number" min="0" step="1" .value=${String(sel.probe ?? 0)} @change=${(e: Event) => set({ probe: Number((e.target as HTMLInputElement).value), ...(byTip ? { tip_mm: sel.tip_mm } : { pull_back_mm: sel.pull_back_mm }) })} /></label>
      <label
        >Move by
        <select
          @change=${(e: Event) =>
            (e.target as HTMLSelectElement).value === 'tip'
              ? set({ probe: sel.probe, tip_mm: [0, 0, 20] })
              : set({ probe: sel.probe, pull_back_mm: TIMELINE.pull_back_mm.value })}
        >
          <option value="pull" ?selected=${!byTip}>pulling back along the tract</option>
          <option value="tip" ?selected=${byTip}>moving the tip to…</option>
        </select></label
      >
      ${byTip
        ? html`<span role="group" aria-label="New tip position (mm)"
            >${[0, 1, 2].map(
              (i) => html`<input
                type="number"
                step="any"
                class="tip-input"
                aria-label="new tip ${'xyz'[i]} (mm)"
                .value=${String(sel.tip_mm![i])}
                @change=${(e: Event) => {
                  const tip = [...sel.tip_mm!] as [number, number, number];
                  tip[i] = Number((e.target as HTMLInputElement).value);
                  set({ probe: sel.probe, tip_mm: tip });
                }}
              />`,
            )}
            mm</span
          >`
        : html`<label
            >Pull back (mm)
            <input
              type="number"
              step="0.5"
              .value=${String(sel.pull_back_mm ?? '')}
              @change=${(e: Event) => set({ probe: sel.probe, pull_back_mm: Number((e.target as HTMLInputElement).value) })}
          /></label>`}`;
  }

  override render() {
    const total = this.phases.reduce((s, p) => s + p.duration_s, 0);
    const sel = this.phases[this.selected];
    const issue = (k: string) => this.issues[`[${this.selected}].${k}`];
    return html`<div
        class="track"
        role="listbox"
        aria-label="Protocol phases; arrows resize, Alt+arrows reorder, Delete removes"
        @pointermove=${this.onDrag}
        @pointerup=${this.endDrag}
        @pointercancel=${this.endDrag}
      >
        ${this.phases.map(
          (p, i) => html`<div
            class="phase ${p.phase}"
            data-i=${i}
            role="option"
            tabindex=${i === this.selected ? 0 : -1}
            aria-selected=${i === this.selected ? 'true' : 'false'}
            aria-label="${PHASE_LABEL[p.phase] ?? p.phase}, ${fmtDuration(p.duration_s)}"
            ${styleProps({ flex: `${Math.max(p.duration_s, 1)} 1 0` })}
            @click=${() => (this.selected = i)}
            @keydown=${(e: KeyboardEvent) => this.onKey(e, i)}
            title="${PHASE_LABEL[p.phase]} ${fmtDuration(p.duration_s)}"
          >
            ${PHASE_LABEL[p.phase] ?? p.phase}<br />${fmtDuration(p.duration_s)}
            <span class="grip" aria-hidden="true" @pointerdown=${(e: PointerEvent) => this.startDrag(e, i)}></span>
          </div>`,
        )}
      </div>
      <div class="row">
        <button @click=${() => this.add('freeze')}>+ Freeze</button>
        <button @click=${() => this.add('passive_thaw')}>+ Passive thaw</button>
        <button @click=${() => this.add('active_thaw')}>+ Active thaw</button>
        <button @click=${() => this.add('reposition')} title="Pull the probe back along its tract (or move its tip) before the next freeze">+ Reposition</button>
        <span class="total">total ${fmtDuration(total)}</span>
      </div>
      ${sel
        ? html`<div class="row" aria-label="Selected phase">
            <label
              >Phase ${this.selected + 1}
              <select
                @change=${(e: Event) => {
                  const phase = (e.target as HTMLSelectElement).value as PhaseSpec['phase'];
                  this.emit(this.phases.map((p, j) => (j === this.selected ? newPhase(phase, sel.duration_s) : p)));
                }}
              >
                ${(['freeze', 'passive_thaw', 'active_thaw', 'reposition'] as const).map(
                  (k) => html`<option value=${k} ?selected=${sel.phase === k}>${PHASE_LABEL[k]}</option>`,
                )}
              </select></label
            >
            <label
              >Duration (s)
              <input
                type="number"
                min="1"
                step="1"
                .value=${String(sel.duration_s)}
                aria-invalid=${issue('duration_s') ? 'true' : 'false'}
                @change=${(e: Event) => this.update1(this.selected, { duration_s: Number((e.target as HTMLInputElement).value) })}
            /></label>
            ${sel.phase === 'freeze'
              ? html`<label
                  >Power (0–1)
                  <input
                    type="number"
                    min="0"
                    max="1"
                    step="0.05"
                    .value=${String(sel.power ?? DEFAULT_POWER)}
                    @change=${(e: Event) => this.update1(this.selected, { power: Number((e.target as HTMLInputElement).value) } as Partial<PhaseSpec>)}
                /></label>`
              : nothing}
            ${sel.phase === 'active_thaw'
              ? html`<label
                  >Probe temperature (°C)
                  <input
                    type="number"
                    step="1"
                    .value=${String(sel.temperature_c ?? DEFAULT_ACTIVE_THAW_C.value)}
                    @change=${(e: Event) =>
                      this.update1(this.selected, { temperature_c: Number((e.target as HTMLInputElement).value) } as Partial<PhaseSpec>)}
                /></label>`
              : nothing}
            ${sel.phase === 'reposition' ? this.repositionFields(sel) : nothing}
            <button @click=${() => this.move(this.selected, -1)} ?disabled=${this.selected === 0} aria-label="Move phase earlier">◀</button>
            <button @click=${() => this.move(this.selected, 1)} ?disabled=${this.selected >= this.phases.length - 1} aria-label="Move phase later">▶</button>
            <button @click=${() => this.removePhase(this.selected)} aria-label="Remove phase">Remove</button>
          </div>
          ${Object.entries(this.issues)
            .filter(([k]) => k.startsWith(`[${this.selected}]`) || k === '')
            .map(([k, m]) => html`<p class="hint bad" role="alert">protocol${k}: ${m}</p>`)}`
        : html`<p class="hint">No phases: add a freeze to start.</p>`}
      <p class="hint">Drag a block's right edge, or focus it and use ←/→ (Shift for 1 min), Alt+←/→ to reorder.</p>`;
  }
}

/** A new phase of a kind with the defaults the presets give (power, thaw temperature, pull-back). */
function newPhase(kind: PhaseSpec['phase'], duration_s: number): PhaseSpec {
  switch (kind) {
    case 'freeze':
      return { phase: 'freeze', duration_s, power: DEFAULT_POWER };
    case 'active_thaw':
      return { phase: 'active_thaw', duration_s, temperature_c: DEFAULT_ACTIVE_THAW_C.value };
    case 'reposition':
      return { phase: 'reposition', duration_s: Math.min(duration_s, TIMELINE.reposition_s.value), probe: 0, pull_back_mm: TIMELINE.pull_back_mm.value };
    default:
      return { phase: 'passive_thaw', duration_s };
  }
}

customElements.define('protocol-timeline', ProtocolTimeline);

declare global {
  interface HTMLElementTagNameMap {
    'protocol-timeline': ProtocolTimeline;
  }
}
