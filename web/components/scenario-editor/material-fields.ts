/** The editor's tissue fields (preset, then each property with its source) and probe items (device, size, surface model). */
import { html, nothing } from 'lit';
import type { TissuePresetId } from '../../../scenarios/schema.ts';
import { DEVICE_IDS, DEVICE_PRESETS, TISSUE_PRESET_IDS, TISSUE_PRESETS } from '../../../scenarios/presets.ts';
import { getIn, pathString, type Path } from '../../lib/paths.ts';
import { BATH_EXAMPLES, NEW_ITEM_DEFAULTS } from '../../ui-presets.ts';
import { FormFields, type Mark } from './form-fields.ts';
import './trace-surface-editor.ts';

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

const BATH_KEYS = ['bath_exchange_w_m3k', 'bath_c', 'bath_heat_capacity_j_k', 'bath_room_w_k', 'bath_room_c'];

export class MaterialFields extends FormFields {
  tissueMark(presetId: TissuePresetId | undefined, key: string): Mark {
    const preset = TISSUE_PRESETS[presetId ?? 'generic'];
    const p = preset?.props[key as keyof typeof preset.props];
    if (!p) return null;
    return { kind: p.estimate ? 'estimate' : 'literature', source: `${preset.label} preset: ${p.source}` };
  }

  tissueFields(base: Path) {
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
      )}
      ${this.bathFields(base, t, presetId)}`;
  }

  /**
   * A liquid medium's exchange with its well-mixed bulk: held at a temperature, or a finite well
   * the freeze cools. Offered for the liquid presets (whose bath exchange is an estimate to fit)
   * and wherever a bath field is already set; tissue has perfusion instead.
   */
  bathFields(base: Path, t: Record<string, unknown>, presetId: TissuePresetId) {
    const props = TISSUE_PRESETS[presetId]?.props;
    const liquid = props?.bath_exchange_w_m3k.estimate === true;
    if (!liquid && !BATH_KEYS.some((k) => t[k] !== undefined)) {
      return html`<p class="hint">A liquid bath (stirred or convecting liquid benches) is offered with the saline and water presets.</p>`;
    }
    const num = (k: string, label: string, unit: string, placeholder: number | string | undefined, hint: string) =>
      html`${this.num([...base, k], label, unit, { optional: true, placeholder, mark: this.tissueMark(presetId, k) })}
        <p class="hint">${hint}</p>`;
    const startC = (t.bath_c ?? t.initial_c ?? props?.bath_c.value) as number | undefined;
    const finite = t.bath_heat_capacity_j_k !== undefined;
    const perMl = BATH_EXAMPLES.heat_capacity_j_k_per_ml.value;
    return html`<div class="item" role="group" aria-label="Liquid bath" data-role="bath">
      <div class="item-head">Liquid bath (liquid benches)</div>
      <p class="hint">A liquid around the probe keeps mixing: its well-mixed bulk (the bath) gives heat back to every unfrozen
        cell. Use it for saline or water benches; in tissue, blood flow (perfusion) plays this part.</p>
      ${num('bath_exchange_w_m3k', 'heat exchange with the bath', 'W/m³/K', props?.bath_exchange_w_m3k.value,
        '0 = no bath. A film coefficient h over a mixing length L gives h/L (500 W/m²/K over 7 mm ≈ 7e4); fit it to a temperature log.')}
      ${num('bath_c', 'bath temperature at the start', '°C', startC, 'Empty: the medium\'s starting temperature.')}
      ${num('bath_heat_capacity_j_k', 'bath heat capacity (a finite bath)', 'J/K', 'empty: held',
        `Empty: an endless bath held at its temperature. A number: a real well that the freeze cools — ${perMl} J/K per ml of water (per metre of depth in planar mode)${
          typeof t.bath_heat_capacity_j_k === 'number' && t.bath_heat_capacity_j_k > 0 ? `; this one ≈ ${Math.round(t.bath_heat_capacity_j_k / perMl)} ml of water` : ''}.`)}
      ${finite || t.bath_room_w_k !== undefined || t.bath_room_c !== undefined
        ? html`${num('bath_room_w_k', 'bath warming by the room (h × A)', 'W/K', 0,
            `Empty: 0, no room. The room rewarms the finite bath, e.g. ${BATH_EXAMPLES.room_w_k.value} W/K = 10 W/m²/K over 20 cm² (estimate).`)}
          ${num('bath_room_c', 'room temperature', '°C', startC, 'Empty: the bath\'s starting temperature.')}`
        : nothing}
    </div>`;
  }

  probeGroup() {
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
        const surfNum = (k: string, label: string, unit: string) =>
          this.numberField([...sp, k], label, unit, surfVal(k), (raw) => setSurface(k, Number(raw)), surfMark(k));
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
            ? html`${this.traceEditor(sp, surface)}
                ${this.num([...sp, 'lag_s'], 'Surface lag behind the trace', 's', { optional: true, placeholder: 0 })}
                <p class="hint">The probe surface follows the probe thermocouple with a delay (first-order time constant); 0 or
                  empty for none. ${BATH_EXAMPLES.lag_s.value} s was fitted on the saline IceSphere bench.</p>`
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
  traceEditor(sp: Path, surface: unknown) {
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
}
