/** The editor's form: every section of a `cryo-scenario/1` file, in the order a user sets a scenario up. */
import { html, nothing, type TemplateResult } from 'lit';
import type { GeometryMode, PhaseSpec, ScenarioFile } from '../../../scenarios/schema.ts';
import { DEFAULT_FAR_FIELD, DEFAULT_OUTPUT, DEFAULT_SKIN, DEFAULT_SKIN_SOURCE } from '../../../scenarios/presets.ts';
import { switchGeometryMode } from '../../lib/geometry-switch.ts';
import { NEW_ITEM_DEFAULTS } from '../../ui-presets.ts';
import type { Mark } from './form-fields.ts';
import { MaterialFields } from './material-fields.ts';
import '../protocol-timeline/protocol-timeline.ts';

/** The placeholders of the convective skin and body-temperature far field: the presets' own values. */
const SKIN_PLACEHOLDER = DEFAULT_SKIN.boundary === 'convective' ? DEFAULT_SKIN : null;
const FAR_FIELD_PLACEHOLDER_C = DEFAULT_FAR_FIELD.boundary === 'temperature' ? DEFAULT_FAR_FIELD.temperature_c : undefined;

export class ScenarioForm extends MaterialFields {
  formGroups(s: ScenarioFile): TemplateResult {
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
              this.ctx.modeNotes = notes;
              this.ctx.emit(file);
            },
          )}
          ${this.ctx.modeNotes.length ? html`<div class="hint" role="status" id="mode-notes">${this.ctx.modeNotes.map((n) => html`<p>${n}</p>`)}</div>` : nothing}
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
            ? html`${this.num(['skin', 'ambient_c'], 'Ambient', '°C', { placeholder: SKIN_PLACEHOLDER?.ambient_c, mark: skinMark })}
              ${this.num(['skin', 'h_w_m2k'], 'Film coefficient h', 'W/m²/K', { placeholder: SKIN_PLACEHOLDER?.h_w_m2k, mark: skinMark })}`
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
          ${far.boundary === 'temperature' ? this.num(['far_field', 'temperature_c'], 'Temperature', '°C', { placeholder: FAR_FIELD_PLACEHOLDER_C }) : nothing}`,
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
              mark: { kind: 'literature', source: 'h = Nu·k/D, Nu ≈ 3.66 (docs/physics.md §5)' },
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
          ${this.field(
            ['output', 'isotherms_c'],
            'Isotherms',
            (id, invalid) => html`<input
                id=${id}
                type="text"
                aria-invalid=${invalid}
                data-path=${id}
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
          )}
          ${this.select(
            ['solver', 'integrator'],
            'Time stepping',
            [
              { value: '', label: 'auto (default)' },
              { value: 'explicit', label: 'explicit (reference)' },
              { value: 'implicit', label: 'implicit (f64)' },
            ],
            (v) => this.change(['solver', 'integrator'], v || undefined),
            s.solver?.integrator ?? '',
          )}
          <p class="hint">Auto takes implicit steps where they are predicted faster: long runs on fine grids, never in 3D. They follow the ice front with a local error control (isotherms typically within 0.1 mm of the explicit reference); pick explicit to reproduce the reference exactly.</p>`,
        { shared: true, prefix: ['output', 'solver'] },
      )}
    `;
    return groups;
  }
}
