/**
 * Checks and resolves tissue specs (a preset plus overrides) and depth layers into full
 * `TissueProps`. Bounds are physical plausibility, wide enough for phantoms and
 * exact-solution tests, narrow enough to catch unit slips (kJ vs J, °C vs K).
 */
import { at, fmt, has, Issues, knownKeys, list, num, oneOf, record, type NumOpts } from './checks.ts';
import { MAX_LAYERS, TISSUE_PRESET_IDS, tissuePresetValues } from './presets.ts';
import type { Layer, PerfusionAfterThaw, TissuePresetId, TissueProps } from './schema.ts';
import { checkFrozenModel } from './validate-frozen-model.ts';

const ABSOLUTE_ZERO_C = -273.15;

type ModelKey = 'k_frozen_model' | 'c_frozen_model';
type NumericKey = Exclude<keyof TissueProps, 'perfusion_after_thaw' | ModelKey>;

const NUMERIC_BOUNDS: Record<NumericKey, NumOpts> = {
  k_unfrozen_w_mk: { gt: 0, max: 1000 },
  k_frozen_w_mk: { gt: 0, max: 1000 },
  c_unfrozen_j_m3k: { gt: 0, max: 1e8, hint: 'volumetric heat capacity, e.g. 3.6e6 for soft tissue' },
  c_frozen_j_m3k: { gt: 0, max: 1e8, hint: 'volumetric heat capacity, e.g. 1.8e6 for frozen tissue' },
  latent_j_m3: { min: 0, max: 1e10, hint: 'per volume, e.g. 2.5e8 for soft tissue' },
  solidus_c: { gt: ABSOLUTE_ZERO_C, max: 100 },
  liquidus_c: { gt: ABSOLUTE_ZERO_C, max: 100 },
  perfusion_w_m3k: { min: 0, max: 1e6, hint: 'W = w_b × 1050 × 3617, e.g. 1900 for w_b = 5e-4 1/s' },
  metabolic_w_m3: { min: 0, max: 1e6 },
  arterial_c: { gt: ABSOLUTE_ZERO_C, max: 100 },
  initial_c: { gt: ABSOLUTE_ZERO_C, max: 100 },
  bath_exchange_w_m3k: { min: 0, max: 1e7, hint: 'a convecting liquid: h/L, e.g. 500 W/m²/K over 7 mm ≈ 7e4; 0 for none' },
  bath_c: { gt: ABSOLUTE_ZERO_C, max: 100 },
  bath_heat_capacity_j_k: {
    gt: 0,
    max: 1e9,
    hint: 'the well-mixed liquid\'s heat capacity: 4.18 J/K per ml of water (per metre of depth in planar mode); omit for a bath held at bath_c',
  },
  bath_room_w_k: { min: 0, max: 1e4, hint: 'h × A of the bath to the room, e.g. 10 W/m²/K over 20 cm² = 0.02 W/K; 0 for none' },
  bath_room_c: { gt: ABSOLUTE_ZERO_C, max: 100 },
};

/** The frozen-property models, with the unit and bound of the values their tables hold. */
const MODELS: Record<ModelKey, { unit: string; max: number }> = {
  k_frozen_model: { unit: 'W/m/K', max: NUMERIC_BOUNDS.k_frozen_w_mk.max! },
  c_frozen_model: { unit: 'J/m³/K', max: NUMERIC_BOUNDS.c_frozen_j_m3k.max! },
};
const MODEL_KEYS = Object.keys(MODELS) as ModelKey[];

const NUMERIC_KEYS = Object.keys(NUMERIC_BOUNDS) as NumericKey[];
const TISSUE_KEYS = ['preset', ...NUMERIC_KEYS, 'perfusion_after_thaw', ...MODEL_KEYS];
const AFTER_THAW: readonly PerfusionAfterThaw[] = ['resume', 'stasis'];

/**
 * `value` may be absent (→ `fallback`), or `{ preset?, ...overrides }`. Without a preset
 * the overrides apply to `fallback` (the scenario tissue for a layer, generic otherwise).
 */
export function checkTissue(
  iss: Issues,
  path: string,
  value: unknown,
  fallback: TissueProps | undefined,
): TissueProps | undefined {
  if (value === undefined) return fallback && { ...fallback };
  const spec = record(iss, path, value, '{"preset": "generic", ...overrides}');
  if (!spec) return undefined;
  knownKeys(iss, path, spec, TISSUE_KEYS, 'a tissue');

  let base = fallback;
  if (has(spec, 'preset')) {
    const id = oneOf<TissuePresetId>(iss, at(path, 'preset'), spec.preset, TISSUE_PRESET_IDS, 'the tissue preset');
    base = id ? tissuePresetValues(id) : undefined;
  }
  let ok = base !== undefined;
  const out = { ...(base ?? tissuePresetValues('generic')) };

  for (const key of NUMERIC_KEYS) {
    if (!has(spec, key)) continue;
    const v = num(iss, at(path, key), spec[key], NUMERIC_BOUNDS[key]);
    if (v === undefined) ok = false;
    else out[key] = v;
  }
  // A bath starts at the medium's starting temperature unless told otherwise.
  if (has(spec, 'initial_c') && !has(spec, 'bath_c') && out.initial_c !== undefined) out.bath_c = out.initial_c;
  if (has(spec, 'perfusion_after_thaw')) {
    const v = oneOf(iss, at(path, 'perfusion_after_thaw'), spec.perfusion_after_thaw, AFTER_THAW, 'perfusion_after_thaw');
    if (v === undefined) ok = false;
    else out.perfusion_after_thaw = v;
  }
  for (const key of MODEL_KEYS) {
    if (!has(spec, key)) continue;
    const v = checkFrozenModel(iss, at(path, key), spec[key], MODELS[key].unit, MODELS[key].max);
    if (v === undefined) ok = false;
    else out[key] = v;
  }
  if (!ok) return undefined;

  if (out.bath_exchange_w_m3k > 0 && out.perfusion_after_thaw === 'stasis') {
    iss.add(
      at(path, 'bath_exchange_w_m3k'),
      'a bath exchange resumes after thaw, but perfusion_after_thaw "stasis" would keep it off too; use "resume" for a medium with a bath',
    );
    return undefined;
  }

  if (!checkFiniteBath(iss, path, out)) return undefined;

  if (!(out.solidus_c < out.liquidus_c)) {
    const which = has(spec, 'liquidus_c') && !has(spec, 'solidus_c') ? 'liquidus_c' : 'solidus_c';
    iss.add(
      at(path, which),
      `solidus_c (${fmt(out.solidus_c)} °C) must be below liquidus_c (${fmt(out.liquidus_c)} °C); ` +
        'for a near-pure phase change use a narrow range such as −1 to 0 °C',
    );
    return undefined;
  }
  return out;
}

/** A finite bath needs an exchange to act through; room fields need a finite bath to warm. */
function checkFiniteBath(iss: Issues, path: string, out: TissueProps): boolean {
  if (out.bath_heat_capacity_j_k !== undefined && !(out.bath_exchange_w_m3k > 0)) {
    iss.add(
      at(path, 'bath_heat_capacity_j_k'),
      'a finite bath needs bath_exchange_w_m3k > 0 to exchange heat with the medium; set it or remove bath_heat_capacity_j_k',
    );
    return false;
  }
  for (const key of ['bath_room_w_k', 'bath_room_c'] as const) {
    if (out[key] !== undefined && out.bath_heat_capacity_j_k === undefined) {
      iss.add(
        at(path, key),
        'the room warms a finite bath only: give bath_heat_capacity_j_k (J/K) too, or remove it (a bath without one is held at bath_c)',
      );
      return false;
    }
  }
  return true;
}

const LAYER_KEYS = ['from_depth_mm', 'to_depth_mm', 'tissue'];

/** Layers override the scenario tissue between two depths; they must not overlap. */
export function checkLayers(
  iss: Issues,
  value: unknown,
  scenarioTissue: TissueProps | undefined,
  depth_mm: number | undefined,
): Layer<TissueProps>[] | undefined {
  if (value === undefined) return [];
  const items = list(iss, 'layers', value, 'of {"from_depth_mm", "to_depth_mm", "tissue"}', { max: MAX_LAYERS });
  if (!items) return undefined;
  const out: Layer<TissueProps>[] = [];
  let ok = true;
  items.forEach((item, i) => {
    const path = at('layers', i);
    const l = record(iss, path, item, '{"from_depth_mm": 0, "to_depth_mm": 2, "tissue": {"preset": "skin"}}');
    if (!l) return void (ok = false);
    knownKeys(iss, path, l, LAYER_KEYS, 'a layer');
    const from = num(iss, at(path, 'from_depth_mm'), l.from_depth_mm, { min: 0, max: depth_mm });
    const to = num(iss, at(path, 'to_depth_mm'), l.to_depth_mm, { gt: 0, max: depth_mm });
    if (from !== undefined && to !== undefined && !(from < to)) {
      iss.add(at(path, 'to_depth_mm'), `must be deeper than from_depth_mm (${fmt(from)} mm), got ${fmt(to)}`);
      return void (ok = false);
    }
    if (l.tissue === undefined) {
      iss.add(at(path, 'tissue'), 'missing: give the layer\'s tissue, e.g. {"preset": "fat"} or overrides');
      return void (ok = false);
    }
    const tissue = checkTissue(iss, at(path, 'tissue'), l.tissue, scenarioTissue);
    if (from === undefined || to === undefined || !tissue) return void (ok = false);
    out.push({ from_depth_mm: from, to_depth_mm: to, tissue });
  });
  if (!ok) return undefined;

  const order = out.map((l, i) => ({ l, i })).sort((a, b) => a.l.from_depth_mm - b.l.from_depth_mm);
  for (let k = 1; k < order.length; k++) {
    const prev = order[k - 1];
    const cur = order[k];
    if (cur.l.from_depth_mm < prev.l.to_depth_mm) {
      iss.add(
        at(at('layers', cur.i), 'from_depth_mm'),
        `layer overlaps layers[${prev.i}] (${fmt(prev.l.from_depth_mm)}–${fmt(prev.l.to_depth_mm)} mm); ` +
          'make the depth ranges disjoint',
      );
      ok = false;
    }
  }
  return ok ? out : undefined;
}
