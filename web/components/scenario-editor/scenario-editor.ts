/**
 * The scenario editor: every field of a `cryo-scenario/1` file, grouped, with
 * units, presets, the validator's messages beside the field they concern, and a
 * mark on each physical value telling whether it comes from the literature, is an
 * estimate, or was set in this scenario. A JSON view edits the file directly.
 *
 * The editor never validates on its own terms: the shell runs the same
 * validateScenario as the CLI and passes the issues in. A scenario whose shape
 * the form cannot show (a file where a list should be holds a number, say) opens
 * in the JSON view with the reason, instead of failing to render.
 */
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { switchGeometryMode } from '../../lib/geometry-switch.ts';
import type { GeometryMode, Issue, PhaseSpec, ScenarioFile, TissuePresetId } from '../../../scenarios/schema.ts';
import {
  DEFAULT_FAR_FIELD,
  DEFAULT_OUTPUT,
  DEFAULT_SKIN,
  DEFAULT_SKIN_SOURCE,
  DEVICE_IDS,
  DEVICE_PRESETS,
  TISSUE_PRESET_IDS,
  TISSUE_PRESETS,
} from '../../../scenarios/presets.ts';
import { sharedStyles } from '../../lib/shared-styles.ts';
import { NEW_ITEM_DEFAULTS } from '../../ui-presets.ts';
import { getIn, issuesFor, pathString, setIn, type Path } from '../../lib/paths.ts';
import '../protocol-timeline/protocol-timeline.ts';
import './trace-surface-editor.ts';
import { styles } from './scenario-editor.styles.ts';

type Mark = { kind: 'literature' | 'estimate' | 'set'; source: string } | null;

/** Plain words first, the physics term after (a glossary in place), so a student can read the form. */
const TISSUE_FIELDS: { key: string; label: string; unit: string }[] = [
  { key: 'k_unfrozen_w_mk', label: 'heat conduction, unfrozen (k)', unit: 'W/m/K' },
  { key: 'k_frozen_w_mk', label: 'heat conduction, frozen (k)', unit: 'W/m/K' },
  { key: 'c_unfrozen_j_m3k', label: 'heat capacity, unfrozen (ρc)', unit: 'J/m³/K' },
  { key: 'c_frozen_j_m3k', label: 'heat capacity, frozen (ρc)', unit: 'J/m³/K' },
  { key: 'latent_j_m3', label: 'heat released on freezing (latent)', unit: 'J/m³' },
  { key: 'solidus_c', label: 'fully frozen below (solidus)', unit: '°C' },
  { key: 'liquidus_c', label: 'starts to freeze at (liquidus)', unit: '°C' },
  { key: 'perfusion_w_m3k', label: 'blood flow warming (perfusion ω·ρc)', unit: 'W/m³/K' },
  { key: 'metabolic_w_m3', label: 'metabolic heat', unit: 'W/m³' },
  { key: 'arterial_c', label: 'arterial blood', unit: '°C' },
  { key: 'initial_c', label: 'starting temperature', unit: '°C' },
];

export class ScenarioEditor extends LitElement {
  static override properties = {
    scenario: { attribute: false },
    issues: { attribute: false },
    sharedNote: { type: String, attribute: 'shared-note' },
    jsonText: { state: true },
    jsonError: { state: true },
    view: { state: true },
  };
  static override styles = [sharedStyles, styles];

  scenario: ScenarioFile | null = null;
  issues: Issue[] = [];
  /** shown on anatomy groups: edits there apply to every protocol in the comparison */
  sharedNote = '';
  view: 'form' | 'json' = 'form';
  jsonText = '';
  jsonError = '';
  private claimed = new Set<string>();
  /** why the form cannot show the current scenario, or '' */
  private formProblem = '';

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (!changed.has('scenario')) return;
    this.formProblem = this.scenario ? formShapeProblem(this.scenario) : '';
    if (this.formProblem) {
      this.jsonText = JSON.stringify(this.scenario, null, 2);
      this.jsonError = '';
      this.view = 'json';
    }
  }

  private change(path: Path, value: unknown) {
    if (!this.scenario) return;
    this.emit(setIn(this.scenario, path, value));
  }

  private emit(next: ScenarioFile) {
    this.scenario = next;
    this.dispatchEvent(new CustomEvent('scenario-change', { detail: next, bubbles: true, composed: true }));
  }

  // ----- field renderers ------------------------------------------------------------

  private msgs(path: Path): string[] {
    const p = pathString(path);
    this.claimed.add(p);
    return issuesFor(this.issues, p);
  }

  private markBadge(mark: Mark) {
    if (!mark) return nothing;
    const text = mark.kind === 'literature' ? 'lit.' : mark.kind === 'estimate' ? 'est.' : 'set';
    const what = mark.kind === 'literature' ? 'Literature value' : mark.kind === 'estimate' ? 'Estimate' : 'Set in this scenario';
    return html`<span class="mark ${mark.kind}" title="${what}: ${mark.source}" aria-label="${what}: ${mark.source}" tabindex="0"
      >${text}</span
    >`;
  }

  private row(id: string, label: string, control: TemplateResult, msgs: string[]) {
    return html`<div class="row">
      <label for=${id}>${label}</label>
      <div class="input">${control}</div>
      ${msgs.map((m) => html`<div class="msg" role="alert" data-issue-for=${id}>${m}</div>`)}
    </div>`;
  }

  private num(path: Path, label: string, unit: string, opts: { placeholder?: number; mark?: Mark; optional?: boolean } = {}) {
    const id = pathString(path);
    const v = getIn(this.scenario, path);
    const msgs = this.msgs(path);
    return this.row(
      id,
      label,
      html`<input
          id=${id}
          type="number"
          step="any"
          .value=${typeof v === 'number' ? String(v) : ''}
          placeholder=${opts.placeholder !== undefined ? compact(opts.placeholder) : ''}
          aria-invalid=${msgs.length ? 'true' : 'false'}
          data-path=${id}
          @change=${(e: Event) => {
            const raw = (e.target as HTMLInputElement).value;
            // An empty optional field falls back to its preset; an empty required one is left for the validator.
            this.change(path, raw.trim() === '' ? (opts.optional ? undefined : null) : Number(raw));
          }}
        /><span class="unit">${unit}</span>${this.markBadge(v !== undefined && opts.mark?.kind !== 'set' && opts.optional ? { kind: 'set', source: 'this scenario overrides the preset' } : (opts.mark ?? null))}`,
      msgs,
    );
  }

  private text(path: Path, label: string, placeholder = '') {
    const id = pathString(path);
    const v = getIn(this.scenario, path);
    const msgs = this.msgs(path);
    return this.row(
      id,
      label,
      html`<input
        id=${id}
        type="text"
        class="wide"
        .value=${typeof v === 'string' ? v : ''}
        placeholder=${placeholder}
        aria-invalid=${msgs.length ? 'true' : 'false'}
        data-path=${id}
        @change=${(e: Event) => this.change(path, (e.target as HTMLInputElement).value)}
      />`,
      msgs,
    );
  }

  private select(path: Path, label: string, options: { value: string; label: string }[], onPick?: (v: string) => void, current?: string) {
    const id = pathString(path);
    const v = current ?? (getIn(this.scenario, path) as string | undefined) ?? '';
    const msgs = this.msgs(path);
    return this.row(
      id,
      label,
      html`<select
        id=${id}
        data-path=${id}
        aria-invalid=${msgs.length ? 'true' : 'false'}
        @change=${(e: Event) => {
          const val = (e.target as HTMLSelectElement).value;
          if (onPick) onPick(val);
          else this.change(path, val);
        }}
      >
        ${options.map((o) => html`<option value=${o.value} ?selected=${o.value === v}>${o.label}</option>`)}
      </select>`,
      msgs,
    );
  }

  private vec(path: Path, label: string, unit: string, size = 3, placeholder?: number[]) {
    const id = pathString(path);
    const v = (getIn(this.scenario, path) as number[] | undefined) ?? [];
    const msgs = this.msgs(path);
    const names = size === 3 ? ['x', 'y', 'z'] : ['a', 'b'];
    return this.row(
      id,
      label,
      html`<span class="vec" role="group" aria-label=${label}>
          ${Array.from({ length: size }, (_, i) => html`<input
            id=${i === 0 ? id : `${id}[${i}]`}
            type="number"
            step="any"
            aria-label="${label} ${names[i] ?? i}"
            placeholder=${placeholder?.[i] !== undefined ? String(placeholder[i]) : ''}
            aria-invalid=${msgs.length ? 'true' : 'false'}
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
      msgs,
    );
  }

  /** What the last geometry-mode switch changed (web/lib/geometry-switch.ts). */
  private modeNotes: string[] = [];

  /** Open state of each section as the user left it (by title), kept across edits and re-renders. */
  private openGroups = new Map<string, boolean>();

  private group(title: string, body: TemplateResult | TemplateResult[], opts: { open?: boolean; shared?: boolean; prefix?: string[] } = {}) {
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

  // ----- groups -----------------------------------------------------------------------

  private tissueMark(presetId: TissuePresetId | undefined, key: string): Mark {
    const preset = TISSUE_PRESETS[presetId ?? 'generic'];
    const p = preset?.props[key as keyof typeof preset.props];
    if (!p) return null;
    return { kind: p.estimate ? 'estimate' : 'literature', source: `${preset.label} preset: ${p.source}` };
  }

  private tissueFields(base: Path) {
    const t = (getIn(this.scenario, base) as Record<string, unknown>) ?? {};
    const presetId = (t.preset as TissuePresetId | undefined) ?? 'generic';
    const values = TISSUE_PRESETS[presetId]?.props;
    return html`${this.select(
        [...base, 'preset'],
        'Preset',
        TISSUE_PRESET_IDS.map((id) => ({ value: id, label: TISSUE_PRESETS[id].label })),
        (id) => this.change(base, { preset: id }),
        presetId,
      )}
      <p class="hint">Empty fields use the preset; choosing a preset clears overrides.</p>
      ${TISSUE_FIELDS.map((f) =>
        this.num([...base, f.key], f.label, f.unit, {
          optional: true,
          placeholder: values?.[f.key as keyof typeof values]?.value as number,
          mark: this.tissueMark(presetId, f.key),
        }),
      )}
      ${this.select(
        [...base, 'perfusion_after_thaw'],
        'After thaw',
        [
          { value: '', label: `preset (${values?.perfusion_after_thaw.value ?? 'resume'})` },
          { value: 'resume', label: 'perfusion resumes' },
          { value: 'stasis', label: 'stasis (no perfusion)' },
        ],
        (v) => this.change([...base, 'perfusion_after_thaw'], v || undefined),
      )}`;
  }

  private probeGroup() {
    const probes = this.scenario!.probes ?? [];
    return html`${probes.map((p, i) => {
        const dev = p.device ? DEVICE_PRESETS[p.device] : undefined;
        const devMark = (field: string): Mark =>
          dev ? { kind: dev.estimates.includes(field) ? 'estimate' : 'literature', source: `${dev.label}: ${dev.source}` } : null;
        const base: Path = ['probes', i];
        const surface = p.surface ?? dev?.surface;
        const model = surface?.model ?? 'temperature';
        const sp: Path = [...base, 'surface'];
        const surfVal = (k: string) => (surface as Record<string, number> | undefined)?.[k];
        const surfaceSet = p.surface !== undefined;
        const surfMark = (k: string): Mark => (surfaceSet ? { kind: 'set', source: 'set in this scenario' } : devMark(`surface.${k}`));
        const setSurface = (k: string, v: number) => this.change(sp, { ...(surface ?? { model }), [k]: v });
        const surfNum = (k: string, label: string, unit: string) => {
          const id = pathString([...sp, k]);
          const msgs = this.msgs([...sp, k]);
          return this.row(
            id,
            label,
            html`<input
                id=${id}
                type="number"
                step="any"
                data-path=${id}
                aria-invalid=${msgs.length ? 'true' : 'false'}
                .value=${surfVal(k) !== undefined ? String(surfVal(k)) : ''}
                @change=${(e: Event) => setSurface(k, Number((e.target as HTMLInputElement).value))}
              /><span class="unit">${unit}</span>${this.markBadge(surfMark(k))}`,
            msgs,
          );
        };
        return html`<div class="item">
          <div class="item-head">
            Probe ${i + 1}
            <button @click=${() => this.change(base, undefined)} aria-label="Remove probe ${i + 1}">Remove</button>
          </div>
          ${this.select(
            [...base, 'device'],
            'Device',
            [{ value: '', label: '— custom —' }, ...DEVICE_IDS.map((id) => ({ value: id, label: DEVICE_PRESETS[id].label }))],
            (id) => {
              // A new device brings its own size and surface model; position stays.
              const next: Record<string, unknown> = { tip_mm: p.tip_mm, direction: p.direction };
              if (id) next.device = id;
              else Object.assign(next, NEW_ITEM_DEFAULTS.customProbe({ diameter_mm: dev?.diameter_mm, active_length_mm: dev?.active_length_mm, surface }));
              this.change(base, next);
            },
            p.device ?? '',
          )}
          ${this.num([...base, 'diameter_mm'], 'Diameter', 'mm', { optional: !!dev, placeholder: dev?.diameter_mm, mark: devMark('diameter_mm') })}
          ${this.num([...base, 'active_length_mm'], 'Active length', 'mm', {
            optional: !!dev,
            placeholder: dev?.active_length_mm,
            mark: devMark('active_length_mm'),
          })}
          ${this.vec([...base, 'tip_mm'], 'Tip position', 'mm')} ${this.vec([...base, 'direction'], 'Direction', 'unit', 3, [0, 0, 1])}
          ${this.select(
            [...sp, 'model'],
            'Surface model',
            [
              { value: 'temperature', label: 'prescribed temperature' },
              { value: 'convective', label: 'convective (gas + h)' },
              { value: 'line_sink', label: 'line heat sink' },
              { value: 'trace', label: 'measured trace (time, °C)' },
            ],
            (m) =>
              this.change(
                sp,
                NEW_ITEM_DEFAULTS.surface[m as keyof typeof NEW_ITEM_DEFAULTS.surface](),
              ),
            model,
          )}
          ${model === 'trace'
            ? this.traceEditor(sp, surface)
            : model === 'temperature'
            ? html`${surfNum('temperature_c', 'Surface temperature', '°C')} ${surfNum('cooldown_s', 'Cool-down time', 's')}`
            : model === 'convective'
              ? html`${surfNum('gas_c', 'Gas temperature', '°C')} ${surfNum('h_w_m2k', 'Film coefficient h', 'W/m²/K')}`
              : surfNum('w_per_m', 'Heat extraction', 'W/m')}
        </div>`;
      })}
      <button
        @click=${() =>
          this.change(['probes', probes.length], NEW_ITEM_DEFAULTS.probe())}
      >
        + Add probe
      </button>`;
  }

  /** A measured surface trace: its own editor; the validator's messages about it, relative to the surface. */
  private traceEditor(sp: Path, surface: unknown) {
    const id = pathString(sp);
    const msgs = this.issues
      .filter((i) => i.path.startsWith(`${id}.points`) || i.path === `${id}.offset_c`)
      .map((i) => `${i.path.slice(id.length + 1)}: ${i.message}`);
    this.claimed.add(`${id}.points`);
    this.claimed.add(`${id}.offset_c`);
    return html`<trace-surface-editor
      field-id=${id}
      .surface=${surface as object}
      .messages=${msgs}
      @surface-change=${(e: CustomEvent) => this.change(sp, e.detail)}
    ></trace-surface-editor>`;
  }

  private listGroup<T>(key: 'layers' | 'vessels' | 'sensors', items: T[], make: () => T, body: (i: number) => TemplateResult, name: string) {
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

  // ----- render -----------------------------------------------------------------------

  override render() {
    const s = this.scenario;
    if (!s) return html`<p class="empty">Select a protocol to edit it.</p>`;
    this.claimed = new Set();
    let groups: TemplateResult | null = null;
    if (!this.formProblem && this.view === 'form') {
      try {
        groups = this.formGroups(s);
      } catch (e) {
        // A shape formShapeProblem does not foresee: say so rather than leave the panel blank.
        groups = html`<p class="msg" role="alert">The form cannot show this scenario (${(e as Error).message}); use the JSON view.</p>`;
      }
    }
    return this.frame(s, groups);
  }

  private formGroups(s: ScenarioFile): TemplateResult {
    const mode = s.geometry?.mode ?? 'axisymmetric';
    const skin = s.skin ?? DEFAULT_SKIN;
    const far = s.far_field ?? DEFAULT_FAR_FIELD;
    const skinMark: Mark = s.skin ? { kind: 'set', source: 'set in this scenario' } : { kind: 'estimate', source: DEFAULT_SKIN_SOURCE.source };
    const groups = html`
      ${this.group(
        'Scenario',
        html`${this.text(['name'], 'Name')} ${this.text(['source'], 'Source', 'paper, year, journal')}
          <div class="row">
            <label for="assumptions">Assumptions</label>
            <textarea
              id="assumptions"
              rows="3"
              .value=${(s.assumptions ?? []).join('\n')}
              @change=${(e: Event) =>
                this.change(
                  ['assumptions'],
                  (e.target as HTMLTextAreaElement).value.split('\n').map((l) => l.trim()).filter(Boolean),
                )}
            ></textarea>
          </div>
          <p class="hint">One assumption per line: every value the source does not report.</p>`,
        { prefix: ['name', 'source', 'assumptions', 'schema'] },
      )}
      ${this.group(
        'Geometry and grid',
        html`${this.select(
            ['geometry', 'mode'],
            'Mode',
            [
              { value: 'axisymmetric', label: 'axisymmetric (one probe on axis)' },
              { value: 'planar', label: 'planar cross-section' },
              { value: '3d', label: '3D' },
            ],
            (m) => {
              if (!this.scenario) return;
              const { file, notes } = switchGeometryMode(this.scenario, m as GeometryMode);
              this.modeNotes = notes;
              this.emit(file);
            },
          )}
          ${this.modeNotes.length ? html`<div class="hint" role="status" id="mode-notes">${this.modeNotes.map((n) => html`<p>${n}</p>`)}</div>` : nothing}
          ${this.num(['geometry', 'spacing_mm'], 'Grid spacing', 'mm')}
          ${this.vec(['geometry', 'size_mm'], mode === 'axisymmetric' ? 'Size [radius, depth]' : mode === 'planar' ? 'Size [width, depth]' : 'Size [x, y, depth]', 'mm', mode === '3d' ? 3 : 2)}`,
        { shared: true, prefix: ['geometry'] },
      )}
      ${this.group('Tissue (bulk)', this.tissueFields(['tissue']), { shared: true, prefix: ['tissue'] })}
      ${this.group(
        'Tissue layers by depth',
        this.listGroup(
          'layers',
          s.layers ?? [],
          () => NEW_ITEM_DEFAULTS.layer(),
          (i) => html`${this.num(['layers', i, 'from_depth_mm'], 'From depth', 'mm')} ${this.num(['layers', i, 'to_depth_mm'], 'To depth', 'mm')}
            ${this.tissueFields(['layers', i, 'tissue'])}`,
          'Layer',
        ),
        { shared: true, prefix: ['layers'] },
      )}
      ${this.group(
        'Skin surface',
        html`${this.select(
            ['skin', 'boundary'],
            'Boundary',
            [
              { value: 'convective', label: 'convective (air, gel)' },
              { value: 'temperature', label: 'fixed temperature' },
              { value: 'insulated', label: 'insulated' },
            ],
            (b) =>
              this.change(
                ['skin'],
                b === 'convective' ? { ...DEFAULT_SKIN } : b === 'temperature' ? NEW_ITEM_DEFAULTS.skinTemperature() : { boundary: b },
              ),
            skin.boundary,
          )}
          ${skin.boundary === 'convective'
            ? html`${this.num(['skin', 'ambient_c'], 'Ambient', '°C', { placeholder: 22, mark: skinMark })}
              ${this.num(['skin', 'h_w_m2k'], 'Film coefficient h', 'W/m²/K', { placeholder: 10, mark: skinMark })}`
            : skin.boundary === 'temperature'
              ? this.num(['skin', 'temperature_c'], 'Skin temperature', '°C', { mark: skinMark })
              : nothing}`,
        { shared: true, prefix: ['skin'] },
      )}
      ${this.group(
        'Far field',
        html`${this.select(
            ['far_field', 'boundary'],
            'Boundary',
            [
              { value: 'temperature', label: 'body temperature' },
              { value: 'insulated', label: 'insulated' },
            ],
            (b) => this.change(['far_field'], b === 'temperature' ? { ...DEFAULT_FAR_FIELD } : { boundary: b }),
            far.boundary,
          )}
          ${far.boundary === 'temperature' ? this.num(['far_field', 'temperature_c'], 'Temperature', '°C', { placeholder: 37 }) : nothing}`,
        { shared: true, prefix: ['far_field'] },
      )}
      ${this.group('Probes', this.probeGroup(), { prefix: ['probes'], open: true })}
      ${this.group(
        'Protocol (freeze / thaw)',
        html`<protocol-timeline
          .phases=${s.protocol ?? []}
          .issues=${Object.fromEntries(
            this.issues.filter((i) => i.path.startsWith('protocol')).map((i) => {
              this.claimed.add(i.path);
              return [i.path.slice('protocol'.length), i.message];
            }),
          )}
          @protocol-change=${(e: CustomEvent<PhaseSpec[]>) => {
            e.stopPropagation();
            this.change(['protocol'], e.detail);
          }}
        ></protocol-timeline>`,
        { prefix: ['protocol'], open: true },
      )}
      ${this.group(
        'Nerve',
        s.nerve
          ? html`${this.vec(['nerve', 'center_mm'], 'Centre', 'mm')} ${this.vec(['nerve', 'direction'], 'Direction', 'unit')}
              ${this.num(['nerve', 'diameter_mm'], 'Diameter', 'mm')}
              <button @click=${() => this.change(['nerve'], undefined)}>Remove nerve</button>`
          : html`<button @click=${() => this.change(['nerve'], NEW_ITEM_DEFAULTS.nerve())}>
              + Add nerve
            </button>`,
        { shared: true, prefix: ['nerve'] },
      )}
      ${this.group(
        'Blood vessels',
        html`${mode === 'axisymmetric' ? html`<p class="hint">Vessels need planar or 3D mode (they are not axisymmetric).</p>` : nothing}
        ${this.listGroup(
          'vessels',
          s.vessels ?? [],
          () => NEW_ITEM_DEFAULTS.vessel(),
          (i) => html`${this.vec(['vessels', i, 'center_mm'], 'Centre', 'mm')} ${this.vec(['vessels', i, 'direction'], 'Direction', 'unit')}
            ${this.num(['vessels', i, 'diameter_mm'], 'Diameter', 'mm')}
            ${this.select(['vessels', i, 'wall'], 'Wall', [
              { value: 'convective', label: 'convective (blood flow)' },
              { value: 'temperature', label: 'fixed at blood temperature' },
            ])}
            ${this.num(['vessels', i, 'h_w_m2k'], 'Wall h', 'W/m²/K', {
              optional: true,
              mark: { kind: 'literature', source: 'h = Nu·k/D, Nu ≈ 3.66 (physics §5)' },
            })}
            ${this.num(['vessels', i, 'blood_c'], 'Blood', '°C')}`,
          'Vessel',
        )}`,
        { shared: true, prefix: ['vessels'] },
      )}
      ${this.group(
        'Sensors',
        html`<p class="hint">The workbench adds nerve-centre, nerve-edge and skin sensors itself when it runs.</p>
          ${this.listGroup(
            'sensors',
            s.sensors ?? [],
            () => NEW_ITEM_DEFAULTS.sensor((s.sensors?.length ?? 0) + 1),
            (i) => html`${this.text(['sensors', i, 'name'], 'Name')} ${this.vec(['sensors', i, 'position_mm'], 'Position', 'mm')}`,
            'Sensor',
          )}`,
        { shared: true, prefix: ['sensors'] },
      )}
      ${this.group(
        'Output and solver',
        html`${this.num(['output', 'interval_s'], 'Output interval', 's', { optional: true, placeholder: DEFAULT_OUTPUT.interval_s })}
          ${this.row(
            'output.isotherms_c',
            'Isotherms',
            html`<input
                id="output.isotherms_c"
                type="text"
                data-path="output.isotherms_c"
                .value=${(s.output?.isotherms_c ?? DEFAULT_OUTPUT.isotherms_c).join(', ')}
                @change=${(e: Event) =>
                  this.change(
                    ['output', 'isotherms_c'],
                    (e.target as HTMLInputElement).value
                      .split(/[,;\s]+/)
                      .filter(Boolean)
                      .map((x) => Number(x.replace('−', '-'))),
                  )}
              /><span class="unit">°C</span>`,
            this.msgs(['output', 'isotherms_c']),
          )}
          ${this.num(['solver', 'dt_s'], 'Time step', 's', { optional: true, placeholder: undefined })}
          <p class="hint">Leave the time step empty to use the largest stable one.</p>
          ${this.select(
            ['solver', 'precision'],
            'Precision',
            [
              { value: '', label: 'default' },
              { value: 'f64', label: 'f64 (slower, for checks)' },
            ],
            (v) => this.change(['solver', 'precision'], v || undefined),
            s.solver?.precision ?? '',
          )}`,
        { shared: true, prefix: ['output', 'solver'] },
      )}
    `;
    return groups;
  }

  /** Tabs, problems, assumptions, then the form or the JSON view. */
  private frame(s: ScenarioFile, groups: TemplateResult | null) {
    // Messages no field claimed (e.g. cross-field rules) go to the top, so none is hidden.
    const orphan = this.issues.filter((i) => ![...this.claimed].some((p) => i.path === p || i.path.startsWith(p + '[') || i.path.startsWith(p + '.')));
    return html`
      <div class="controls" role="tablist" aria-label="Editor view">
        <button
          role="tab"
          aria-selected=${this.view === 'form'}
          class=${this.view === 'form' ? 'primary' : ''}
          ?disabled=${!!this.formProblem}
          title=${this.formProblem ? `The form cannot show this scenario: ${this.formProblem}` : ''}
          @click=${() => (this.view = 'form')}
        >
          Form
        </button>
        <button
          role="tab"
          aria-selected=${this.view === 'json'}
          class=${this.view === 'json' ? 'primary' : ''}
          @click=${() => {
            this.jsonText = JSON.stringify(this.scenario, null, 2);
            this.jsonError = '';
            this.view = 'json';
          }}
        >
          JSON
        </button>
      </div>
      ${this.issues.length
        ? html`<div class="problems" role="alert" aria-live="polite">
            <strong>${this.issues.length} problem${this.issues.length > 1 ? 's' : ''} — fix before running.</strong>
            ${orphan.length ? html`<ul>${orphan.map((i) => html`<li><code>${i.path || '(scenario)'}</code>: ${i.message}</li>`)}</ul>` : nothing}
          </div>`
        : nothing}
      ${this.formProblem
        ? html`<p class="msg" role="alert" id="form-problem">The form cannot show this scenario: ${this.formProblem}. Fix it here in JSON.</p>`
        : nothing}
      ${Array.isArray(s.assumptions) && s.assumptions.length
        ? html`<details class="assumptions">
            <summary>${s.assumptions.length} assumption${s.assumptions.length > 1 ? 's' : ''} in this scenario (values the sources do not report)</summary>
            <ul>
              ${s.assumptions.map((a) => html`<li>${String(a)}</li>`)}
            </ul>
          </details>`
        : nothing}
      ${this.view === 'json'
        ? html`<label class="sr-only" for="json">Scenario JSON</label>
            <textarea id="json" class="json" spellcheck="false" .value=${this.jsonText} @input=${(e: Event) => (this.jsonText = (e.target as HTMLTextAreaElement).value)}></textarea>
            ${this.jsonError ? html`<p class="msg" role="alert">${this.jsonError}</p>` : nothing}
            <button
              class="primary"
              @click=${() => {
                try {
                  const parsed = JSON.parse(this.jsonText);
                  this.jsonError = '';
                  this.emit(parsed);
                } catch (e) {
                  this.jsonError = `Not valid JSON: ${(e as Error).message}`;
                }
              }}
            >
              Apply JSON
            </button>`
        : html`<p class="legend">
              Marks: ${this.markBadge({ kind: 'literature', source: 'a published measurement' })} literature
              ${this.markBadge({ kind: 'estimate', source: 'no measured source; calibrate' })} estimate
              ${this.markBadge({ kind: 'set', source: 'chosen in this scenario' })} set in scenario. Hover a mark for its source.
            </p>
            ${groups}`}
    `;
  }
}

/**
 * Why the form cannot show `s`, or '' when it can: the form walks lists and
 * objects field by field, so each must be what the format says it is. The
 * validator explains the details; this only decides form or JSON.
 */
export function formShapeProblem(s: ScenarioFile): string {
  const file = s as unknown as Record<string, unknown>;
  const isObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
  for (const key of ['geometry', 'tissue', 'skin', 'far_field', 'nerve', 'output', 'solver']) {
    if (file[key] !== undefined && !isObject(file[key])) return `"${key}" is not an object`;
  }
  for (const key of ['probes', 'protocol', 'layers', 'vessels', 'sensors']) {
    const v = file[key];
    if (v === undefined) continue;
    if (!Array.isArray(v)) return `"${key}" is not a list`;
    const bad = v.findIndex((item) => !isObject(item));
    if (bad >= 0) return `${key}[${bad}] is not an object`;
  }
  if (file.assumptions !== undefined && !Array.isArray(file.assumptions)) return '"assumptions" is not a list';
  return '';
}

/** Large preset values (J/m³) as 2.5e8 so they fit the field. */
function compact(v: number): string {
  return Math.abs(v) >= 1e5 ? v.toExponential().replace('e+', 'e') : String(Math.round(v * 1e6) / 1e6);
}

customElements.define('scenario-editor', ScenarioEditor);

declare global {
  interface HTMLElementTagNameMap {
    'scenario-editor': ScenarioEditor;
  }
}
