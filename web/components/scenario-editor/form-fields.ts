/**
 * The editor's field renderers: a labelled input per scenario path with its unit,
 * its source mark and the validator's messages for that path, plus foldable
 * sections and item lists. They read and write through the editor (FormContext).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Issue, ScenarioFile } from '../../../scenarios/schema.ts';
import { getIn, issuesFor, pathString, type Path } from '../../lib/paths.ts';

/** Where a value comes from: a published measurement, an estimate, or this scenario. */
export type Mark = { kind: 'literature' | 'estimate' | 'set'; source: string } | null;

/** What the fields need from the editor that shows them. */
export interface FormContext {
  scenario: ScenarioFile | null;
  issues: Issue[];
  /** shown on anatomy groups: edits there apply to every protocol in the comparison */
  sharedNote: string;
  /** paths some field showed the messages of; the rest go to the top */
  claimed: Set<string>;
  /** open state of each section as the user left it (by title), kept across edits and re-renders */
  openGroups: Map<string, boolean>;
  /** what the last geometry-mode switch changed (web/lib/geometry-switch.ts) */
  modeNotes: string[];
  change(path: Path, value: unknown): void;
  emit(next: ScenarioFile): void;
}

export class FormFields {
  constructor(protected ctx: FormContext) {}

  get scenario() {
    return this.ctx.scenario;
  }
  get issues() {
    return this.ctx.issues;
  }
  get claimed() {
    return this.ctx.claimed;
  }
  get sharedNote() {
    return this.ctx.sharedNote;
  }
  get openGroups() {
    return this.ctx.openGroups;
  }
  change(path: Path, value: unknown) {
    this.ctx.change(path, value);
  }

  msgs(path: Path): string[] {
    const p = pathString(path);
    this.claimed.add(p);
    return issuesFor(this.issues, p);
  }

  markBadge(mark: Mark) {
    if (!mark) return nothing;
    const text = mark.kind === 'literature' ? 'lit.' : mark.kind === 'estimate' ? 'est.' : 'set';
    const what = mark.kind === 'literature' ? 'Literature value' : mark.kind === 'estimate' ? 'Estimate' : 'Set in this scenario';
    return html`<span class="mark ${mark.kind}" title="${what}: ${mark.source}" aria-label="${what}: ${mark.source}" tabindex="0"
      >${text}</span
    >`;
  }

  row(id: string, label: string, control: TemplateResult, msgs: string[]) {
    return html`<div class="row">
      <label for=${id}>${label}</label>
      <div class="input">${control}</div>
      ${msgs.map((m) => html`<div class="msg" role="alert" data-issue-for=${id}>${m}</div>`)}
    </div>`;
  }

  /** The labelled row of the field at `path`: `control(id, invalid)` draws its input, the validator's messages for the path follow. */
  field(path: Path, label: string, control: (id: string, invalid: 'true' | 'false') => TemplateResult) {
    const id = pathString(path);
    const msgs = this.msgs(path);
    return this.row(id, label, control(id, msgs.length ? 'true' : 'false'), msgs);
  }

  /** A text or number input at `path` showing `shown`; `onText` gets the typed text on change; `after` follows it (unit, mark). */
  private inputField(path: Path, label: string, type: 'number' | 'text', shown: string, onText: (raw: string) => void, placeholder: string, after: unknown = nothing) {
    return this.field(
      path,
      label,
      (id, invalid) => html`<input
          id=${id}
          type=${type}
          class=${type === 'text' ? 'wide' : nothing}
          step=${type === 'number' ? 'any' : nothing}
          .value=${shown}
          placeholder=${placeholder}
          aria-invalid=${invalid}
          data-path=${id}
          @change=${(e: Event) => onText((e.target as HTMLInputElement).value)}
        />${after}`,
    );
  }

  /** A number input at `path` showing `value`, with its unit and mark; `onText` gets the typed text on change. */
  numberField(path: Path, label: string, unit: string, value: unknown, onText: (raw: string) => void, mark: Mark, placeholder = '') {
    const after = html`<span class="unit">${unit}</span>${this.markBadge(mark)}`;
    return this.inputField(path, label, 'number', typeof value === 'number' ? String(value) : '', onText, placeholder, after);
  }

  num(path: Path, label: string, unit: string, opts: { placeholder?: number | string; mark?: Mark; optional?: boolean } = {}) {
    const v = getIn(this.scenario, path);
    return this.numberField(
      path,
      label,
      unit,
      v,
      // An empty optional field falls back to its preset; an empty required one is left for the validator.
      (raw) => this.change(path, raw.trim() === '' ? (opts.optional ? undefined : null) : Number(raw)),
      v !== undefined && opts.mark?.kind !== 'set' && opts.optional ? { kind: 'set', source: 'this scenario overrides the preset' } : (opts.mark ?? null),
      typeof opts.placeholder === 'number' ? compact(opts.placeholder) : (opts.placeholder ?? ''),
    );
  }

  text(path: Path, label: string, placeholder = '') {
    const v = getIn(this.scenario, path);
    return this.inputField(path, label, 'text', typeof v === 'string' ? v : '', (raw) => this.change(path, raw), placeholder);
  }

  select(path: Path, label: string, options: { value: string; label: string }[], onPick?: (v: string) => void, current?: string) {
    const v = current ?? (getIn(this.scenario, path) as string | undefined) ?? '';
    return this.field(
      path,
      label,
      (id, invalid) => html`<select
        id=${id}
        data-path=${id}
        aria-invalid=${invalid}
        @change=${(e: Event) => {
          const val = (e.target as HTMLSelectElement).value;
          if (onPick) onPick(val);
          else this.change(path, val);
        }}
      >
        ${options.map((o) => html`<option value=${o.value} ?selected=${o.value === v}>${o.label}</option>`)}
      </select>`,
    );
  }

  vec(path: Path, label: string, unit: string, size = 3, placeholder?: number[]) {
    const v = (getIn(this.scenario, path) as number[] | undefined) ?? [];
    const names = size === 3 ? ['x', 'y', 'z'] : ['a', 'b'];
    return this.field(
      path,
      label,
      (id, invalid) => html`<span class="vec" role="group" aria-label=${label}>
          ${Array.from({ length: size }, (_, i) => html`<input
            id=${i === 0 ? id : `${id}[${i}]`}
            type="number"
            step="any"
            aria-label="${label} ${names[i] ?? i}"
            placeholder=${placeholder?.[i] !== undefined ? String(placeholder[i]) : ''}
            aria-invalid=${invalid}
            data-path="${id}[${i}]"
            .value=${v[i] !== undefined && v[i] !== null ? String(v[i]) : ''}
            @change=${(e: Event) => {
              const next = [...v];
              while (next.length < size) next.push(0);
              next[i] = Number((e.target as HTMLInputElement).value);
              this.change(path, next);
            }}
          />`)}</span
        ><span class="unit">${unit}</span>`,
    );
  }

  group(title: string, body: TemplateResult | TemplateResult[], opts: { open?: boolean; shared?: boolean; prefix?: string[] } = {}) {
    const count = opts.prefix ? this.issues.filter((i) => opts.prefix!.some((p) => i.path === p || i.path.startsWith(p + '.') || i.path.startsWith(p + '['))).length : 0;
    // A section with problems opens; once open (by a problem or by hand) it stays as the user
    // left it, so fixing the last problem does not fold it away mid-edit.
    const open = count > 0 || (this.openGroups.get(title) ?? !!opts.open);
    return html`<details .open=${live(open)} @toggle=${(e: Event) => this.openGroups.set(title, (e.target as HTMLDetailsElement).open)}>
      <summary
        @click=${(e: Event) => {
          // Recorded at the click, not only at the (later, queued) toggle event: a re-render in
          // between would otherwise fold the section straight back.
          const details = (e.currentTarget as HTMLElement).parentElement as HTMLDetailsElement;
          this.openGroups.set(title, !details.open);
        }}
      >
        ${title}${count ? html`<span class="count">${count} problem${count > 1 ? 's' : ''}</span>` : nothing}
        ${opts.shared && this.sharedNote ? html`<span class="shared">${this.sharedNote}</span>` : nothing}
      </summary>
      <div class="body">${body}</div>
    </details>`;
  }

  listGroup<T>(key: 'layers' | 'vessels' | 'sensors', items: T[], make: () => T, body: (i: number) => TemplateResult, name: string) {
    return html`${items.map(
        (_, i) => html`<div class="item">
          <div class="item-head">
            ${name} ${i + 1}
            <button @click=${() => this.change([key, i], undefined)} aria-label="Remove ${name.toLowerCase()} ${i + 1}">Remove</button>
          </div>
          ${body(i)}
        </div>`,
      )}
      <button @click=${() => this.change([key, items.length], make())}>+ Add ${name.toLowerCase()}</button>`;
  }

}

/** Large preset values (J/m³) as 2.5e8 so they fit the field. */
function compact(v: number): string {
  return Math.abs(v) >= 1e5 ? v.toExponential().replace('e+', 'e') : String(Math.round(v * 1e6) / 1e6);
}
