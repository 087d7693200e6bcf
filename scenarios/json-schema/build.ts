/**
 * Builds the JSON Schemas (draft 2020-12) of the public file formats — `cryo-scenario/1`,
 * `cryo-result/1` and `cryo-comparison/1` — from the same constants the validator uses
 * (preset ids, limits, defaults), so editors (VS Code and others) can offer completion and
 * hover help with units. `write.ts` writes them to the checked-in *.schema.json files; a test
 * checks the files are in sync and that schema and validator agree.
 *
 * The schema is a strictly looser check than `validateScenario`: it states each field's type,
 * unit, range and allowed keys, but not the rules that tie fields together (inside the domain,
 * solidus below liquidus, cell-count and run budgets, a preset filling a probe's missing
 * fields). Anything the validator accepts, the schema accepts.
 */
import { DEFAULT_ACTIVE_THAW_C, DEFAULT_BLOOD_C, DEFAULT_FAR_FIELD, DEFAULT_OUTPUT, DEFAULT_POWER, DEFAULT_SKIN, DEVICE_IDS, ENSEMBLE_DEFAULTS, ENSEMBLE_LIMITS, MAX_ISOTHERMS, MAX_LAYERS, MAX_PHASES, MAX_PROBES, MAX_PROPERTY_TABLE_ROWS, MAX_SENSORS, MAX_SIZE_MM, MAX_TOTAL_DURATION_S, MAX_TRACE_POINTS, MAX_VESSELS, TISSUE_PRESET_IDS } from '../presets.ts';
import { COMPARISON_SCHEMA, RESULT_SCHEMA, SCENARIO_SCHEMA } from '../schema.ts';

export type JsonSchema = Record<string, unknown>;

const DRAFT = 'https://json-schema.org/draft/2020-12/schema';
/** Where the files live in the repository; a scenario's `$schema` points here by relative path. */
export const SCHEMA_FILES = {
  scenario: 'cryo-scenario-1.schema.json',
  result: 'cryo-result-1.schema.json',
  comparison: 'cryo-comparison-1.schema.json',
} as const;
const idOf = (file: string) => `urn:cryo-workbench:json-schema:${file}`;

const ABS_ZERO_C = -273.15;

interface NumOpts {
  /** value ≥ min */
  min?: number;
  /** value > gt */
  gt?: number;
  max?: number;
  integer?: boolean;
  default?: unknown;
}

/** A number field: the description carries the unit (as the field name's suffix does). */
function num(description: string, o: NumOpts = {}): JsonSchema {
  const s: JsonSchema = { type: o.integer ? 'integer' : 'number', description };
  if (o.min !== undefined) s.minimum = o.min;
  if (o.gt !== undefined) s.exclusiveMinimum = o.gt;
  if (o.max !== undefined) s.maximum = o.max;
  if (o.default !== undefined) s.default = o.default;
  return s;
}

const tempC = (description: string, extra: NumOpts = {}) => num(`${description} (°C)`, { gt: ABS_ZERO_C, max: 100, ...extra });
const text = (description: string, nonEmpty = false): JsonSchema => ({ type: 'string', description, ...(nonEmpty ? { minLength: 1 } : {}) });
const obj = (description: string, properties: Record<string, JsonSchema>, required: string[] = [], title?: string): JsonSchema => ({
  type: 'object',
  ...(title ? { title } : {}),
  description,
  properties,
  ...(required.length ? { required } : {}),
  additionalProperties: false,
});
const ref = (name: string, description?: string): JsonSchema => ({ $ref: `#/$defs/${name}`, ...(description ? { description } : {}) });
/** A field where null means "not given". */
const orNull = (schema: JsonSchema, description: string): JsonSchema => ({ description: `${description}; null: the same as leaving it out`, anyOf: [schema, { type: 'null' }] });

/** [x, y, z]: the validator takes any finite number up to 1e9 in size. */
const VEC3_ITEMS = { type: 'number', minimum: -1e9, maximum: 1e9 };

function vec(description: string): JsonSchema {
  return {
    type: 'array',
    description,
    items: VEC3_ITEMS,
    minItems: 3,
    maxItems: 3,
  };
}

// ---------------------------------------------------------------------------------------
// Scenario sections (shared with the comparison set's anatomy)

function frozenModel(unit: string, max: number): JsonSchema {
  return {
    description:
      `How the frozen property varies below the solidus: "constant" (the *_frozen_* value), "ice_law" (pure ice's law scaled to the *_frozen_* value at the solidus) or {"table": [[temp_c, value in ${unit}], ...]} (piecewise linear, at least 2 rows, temperatures increasing)`,
    anyOf: [
      { enum: ['constant', 'ice_law'] },
      obj(`A user table of [temp_c, value in ${unit}] rows`, {
        table: {
          type: 'array',
          description: `[temp_c (°C), value (${unit})] rows, temperatures strictly increasing`,
          minItems: 2,
          maxItems: MAX_PROPERTY_TABLE_ROWS,
          items: {
            type: 'array',
            prefixItems: [tempC('temperature'), num(`value (${unit})`, { gt: 0, max })],
            items: false,
            minItems: 2,
            maxItems: 2,
          },
        },
      }, ['table']),
    ],
  };
}

function tissue(): JsonSchema {
  return obj(
    'A tissue or medium: a preset plus any overrides of its properties (without a preset, overrides apply to the scenario tissue, or "generic")',
    {
      preset: { enum: [...TISSUE_PRESET_IDS], description: 'tissue preset (generic, muscle, fat, skin, nerve, gel) or medium (water, saline, agar, gelma); `cryo list` shows the values' },
      k_unfrozen_w_mk: num('thermal conductivity of unfrozen tissue (W/m/K)', { gt: 0, max: 1000 }),
      k_frozen_w_mk: num('thermal conductivity of frozen tissue at the solidus (W/m/K)', { gt: 0, max: 1000 }),
      c_unfrozen_j_m3k: num('volumetric heat capacity of unfrozen tissue (J/m³/K), e.g. 3.6e6', { gt: 0, max: 1e8 }),
      c_frozen_j_m3k: num('volumetric heat capacity of frozen tissue (J/m³/K), e.g. 1.8e6', { gt: 0, max: 1e8 }),
      latent_j_m3: num('latent heat per volume (J/m³), e.g. 2.5e8 for soft tissue', { min: 0, max: 1e10 }),
      solidus_c: tempC('solidus: fully frozen below it; must be below liquidus_c'),
      liquidus_c: tempC('liquidus: fully unfrozen above it'),
      perfusion_w_m3k: num('blood perfusion ω·ρ_b·c_b (W/m³/K), e.g. 1900 for ω = 5e-4 1/s', { min: 0, max: 1e6 }),
      metabolic_w_m3: num('metabolic heat (W/m³)', { min: 0, max: 1e6 }),
      arterial_c: tempC('arterial blood temperature'),
      initial_c: tempC('starting temperature'),
      bath_exchange_w_m3k: num('extension: heat exchange of a liquid medium with a well-mixed bath (W/m³/K), h/L; 0 for none', { min: 0, max: 1e7 }),
      bath_c: tempC('extension: the bath temperature; follows initial_c unless given'),
      bath_heat_capacity_j_k: num('extension: heat capacity of a finite well-mixed bath (J/K; per metre in planar mode), 4.18 J/K per ml of water: its temperature then follows its heat balance from bath_c; absent: held at bath_c. Needs bath_exchange_w_m3k > 0', { gt: 0, max: 1e9 }),
      bath_room_w_k: num('extension: the finite bath\'s conductance to the room, h × A (W/K; per metre in planar mode); needs bath_heat_capacity_j_k', { min: 0, max: 1e4 }),
      bath_room_c: tempC('extension: the room temperature the finite bath exchanges with; default bath_c; needs bath_heat_capacity_j_k'),
      perfusion_after_thaw: { enum: ['resume', 'stasis'], description: 'extension: perfusion returns after thaw ("resume", default) or stays off where tissue froze ("stasis")' },
      k_frozen_model: frozenModel('W/m/K', 1000),
      c_frozen_model: frozenModel('J/m³/K', 1e8),
    },
    [],
    'Tissue',
  );
}

function geometry(): JsonSchema {
  const size = (n: number, what: string): JsonSchema => ({
    type: 'array',
    description: `${what} in mm`,
    items: num('extent (mm)', { gt: 0, max: MAX_SIZE_MM }),
    minItems: n,
    maxItems: n,
  });
  const variant = (mode: string, n: number, what: string): JsonSchema => ({
    properties: { mode: { const: mode }, size_mm: size(n, what) },
  });
  return {
    type: 'object',
    title: 'Geometry',
    description: 'The computational domain: mode, grid spacing and size',
    properties: {
      mode: { enum: ['axisymmetric', 'planar', '3d'], description: 'axisymmetric (one probe on the axis), planar (long parallel probes along y) or 3d' },
      spacing_mm: num('grid cell size (mm); 0.25 mm resolves a 17G probe, coarser is faster; at least 4 cells across each edge', { gt: 0, max: 10 }),
      size_mm: { type: 'array', description: 'axisymmetric [radius, depth], planar [width, depth], 3d [x, y, depth] (mm; x and y centred)', items: num('extent (mm)', { gt: 0, max: MAX_SIZE_MM }), minItems: 2, maxItems: 3 },
    },
    required: ['mode', 'spacing_mm', 'size_mm'],
    additionalProperties: false,
    oneOf: [
      variant('axisymmetric', 2, '[radius, depth]'),
      variant('planar', 2, '[width, depth]'),
      variant('3d', 3, '[x, y, depth]'),
    ],
  };
}

function layer(): JsonSchema {
  return obj('A tissue between two depths below the skin; layers must not overlap', {
    from_depth_mm: num('top of the layer, depth below the skin (mm)', { min: 0, max: MAX_SIZE_MM }),
    to_depth_mm: num('bottom of the layer, deeper than from_depth_mm (mm)', { gt: 0, max: MAX_SIZE_MM }),
    tissue: ref('tissue', "the layer's tissue: a preset and/or overrides"),
  }, ['from_depth_mm', 'to_depth_mm', 'tissue'], 'Layer');
}

/** One boundary condition; `kinds` says which of the three a face may take. */
function boundary(what: string, h: string): JsonSchema {
  const kind = (k: string, props: Record<string, JsonSchema>, req: string[]): JsonSchema =>
    obj(`${what}: ${k}`, { boundary: { const: k }, ...props }, ['boundary', ...req]);
  return {
    description: `${what}: convective {ambient_c, h_w_m2k}, fixed temperature {temperature_c} or insulated`,
    oneOf: [
      kind('convective', { ambient_c: tempC('ambient temperature'), h_w_m2k: num(`heat-transfer coefficient (W/m²/K); ${h}`, { gt: 0, max: 1e6 }) }, ['ambient_c', 'h_w_m2k']),
      kind('temperature', { temperature_c: tempC('the fixed temperature') }, ['temperature_c']),
      kind('insulated', {}, []),
    ],
  };
}

function farField(): JsonSchema {
  return {
    description: `The far field (sides and bottom): one condition for both, or {"sides": …, "bottom": …}; default ${JSON.stringify(DEFAULT_FAR_FIELD)}`,
    anyOf: [
      ref('farFieldSide'),
      obj('extension: separate conditions for the sides (outer radius / ±x / ±y) and the bottom', {
        sides: ref('farFieldSide', 'the sides'),
        bottom: ref('farFieldSide', 'the deepest face'),
      }, ['sides', 'bottom']),
    ],
  };
}

function surface(): JsonSchema {
  const temperatureProps = {
    temperature_c: tempC('surface set point during a freeze'),
    cooldown_s: num('time constant of the approach to temperature_c at the start of a freeze (s)', { min: 0, max: 3600, default: 0 }),
    warmup_s: num('extension: time constant of the approach to the active-thaw temperature (s)', { min: 0, max: 3600 }),
  };
  const convectiveProps = {
    gas_c: tempC('gas temperature: argon JT limit −186 °C, nitrous oxide −88 °C'),
    h_w_m2k: num('inner heat-transfer coefficient (W/m²/K)', { gt: 0, max: 1e6 }),
  };
  const lineSinkProps = { w_per_m: num('heat extracted per metre of active segment (W/m)', { gt: 0, max: 1e5 }) };
  const traceProps = {
    points: {
      type: 'array',
      description: 'measured [time_s (s), temperature_c (°C)] pairs, times ≥ 0 and strictly increasing',
      minItems: 2,
      maxItems: MAX_TRACE_POINTS,
      items: { type: 'array', prefixItems: [num('time (s)', { min: 0 }), tempC('surface temperature')], items: false, minItems: 2, maxItems: 2 },
    },
    offset_c: num('added to every point: thermocouple-to-surface gap (°C)', { min: -100, max: 100, default: 0 }),
    lag_s: num('extension: first-order lag of the surface behind the trace, τ dT/dt = trace − T (s); 0 for none', { min: 0, max: 3600, default: 0 }),
  };
  const model = (m: string, props: Record<string, JsonSchema>, req: string[] = []): JsonSchema =>
    obj(`a ${m} surface (fields the device preset has for the same model may be left out)`, { model: { const: m }, ...props }, ['model', ...req]);
  return {
    title: 'Probe surface',
    description: 'The cooling model of the active segment; with a device preset, fields may be left out (the same model merges field by field, another model replaces it)',
    anyOf: [
      model('temperature', temperatureProps),
      model('convective', convectiveProps),
      model('line_sink', lineSinkProps),
      model('trace', traceProps, ['points']),
      obj("overrides of the device preset's own surface model", { ...temperatureProps, ...convectiveProps, ...lineSinkProps }),
    ],
  };
}

function probe(): JsonSchema {
  return obj('A cryoprobe: a device preset and/or explicit fields', {
    device: { description: 'device preset id (`cryo list`); null for none', anyOf: [{ enum: [...DEVICE_IDS] }, { type: 'null' }] },
    diameter_mm: num('outer diameter (mm); 17G = 1.47 mm; 0 only for a line_sink', { min: 0, max: 50 }),
    active_length_mm: num('length of the cold segment ending at the tip (mm); ignored in planar mode', { min: 0, max: 1000 }),
    tip_mm: vec('tip position [x, y, z] (mm), z = depth below the skin; axisymmetric: [0, 0, depth]'),
    direction: vec('unit vector from entry toward the tip (normalised); default [0, 0, 1], planar [0, 1, 0]'),
    surface: ref('surface'),
  }, ['tip_mm'], 'Probe');
}

function phase(): JsonSchema {
  const duration = num(`phase length (s), total ≤ ${MAX_TOTAL_DURATION_S} s`, { gt: 0, max: MAX_TOTAL_DURATION_S });
  const kind = (p: string, description: string, props: Record<string, JsonSchema>): JsonSchema =>
    obj(description, { phase: { const: p }, duration_s: duration, ...props }, ['phase', 'duration_s']);
  return {
    title: 'Phase',
    description: 'One phase of the protocol',
    oneOf: [
      kind('freeze', 'freeze: the probe cools', { power: num('fraction of full power, 0.3 for 30 %', { gt: 0, max: 1, default: DEFAULT_POWER }) }),
      kind('passive_thaw', 'passive thaw: the probe is adiabatic', {}),
      kind('active_thaw', 'active thaw: the probe surface is driven warm', { temperature_c: num('warm probe surface (°C), typically +10 to +40', { gt: 0, max: 100, default: DEFAULT_ACTIVE_THAW_C.value }) }),
      {
        ...kind('reposition', 'extension: the probe is moved (pulled back along its tract, or to a new tip) and does not cool during the phase', {
          probe: num('index of the probe to move, 0 for the first', { min: 0, integer: true, default: 0 }),
          pull_back_mm: num('how far the probe is withdrawn along its tract (mm)', { gt: 0, max: 1000 }),
          tip_mm: vec('the new tip position [x, y, z] (mm)'),
        }),
        anyOf: [{ required: ['pull_back_mm'] }, { required: ['tip_mm'] }],
      },
    ],
  };
}

function nerve(): JsonSchema {
  return obj('The target nerve, a straight cylinder', {
    center_mm: vec('a point on the nerve axis [x, y, z] (mm)'),
    direction: vec('direction of the nerve axis (normalised); default [0, 1, 0]'),
    diameter_mm: num('nerve diameter (mm)', { gt: 0, max: 50 }),
  }, ['center_mm', 'diameter_mm'], 'Nerve');
}

function sensor(): JsonSchema {
  return obj('A virtual thermocouple', {
    name: text('unique sensor name, e.g. "TC1"', true),
    position_mm: vec('position [x, y, z] (mm)'),
  }, ['name', 'position_mm'], 'Sensor');
}

function output(): JsonSchema {
  return obj(`What a run records; default ${JSON.stringify(DEFAULT_OUTPUT)}`, {
    interval_s: num('time between output frames (s)', { gt: 0, max: MAX_TOTAL_DURATION_S, default: DEFAULT_OUTPUT.interval_s }),
    isotherms_c: {
      type: 'array',
      description: 'isotherms whose sizes are reported (°C), each once',
      items: tempC('isotherm'),
      minItems: 1,
      maxItems: MAX_ISOTHERMS,
      uniqueItems: true,
      default: DEFAULT_OUTPUT.isotherms_c,
    },
  });
}

/** The `$defs` a scenario and a comparison share. */
function sectionDefs(): Record<string, JsonSchema> {
  return {
    tissue: tissue(),
    geometry: geometry(),
    layer: layer(),
    skin: boundary(`The skin surface (default ${JSON.stringify(DEFAULT_SKIN)})`, 'still air ≈ 10'),
    farFieldSide: boundary('One far-field condition', 'a dish wall or stirred liquid ≈ 10–1000'),
    farField: farField(),
    surface: surface(),
    probe: probe(),
    phase: phase(),
    nerve: nerve(),
    sensor: sensor(),
    output: output(),
  };
}

const array = (description: string, items: JsonSchema, max?: number, min?: number): JsonSchema => ({
  type: 'array',
  description,
  items,
  ...(min !== undefined ? { minItems: min } : {}),
  ...(max !== undefined ? { maxItems: max } : {}),
});

function uncertainty(): JsonSchema {
  const spread = (d: string) => num(d, { min: 0 });
  const input = (dist: string, props: Record<string, JsonSchema>): JsonSchema =>
    obj(`a ${dist} input`, {
      path: text('the JSON path of the field, as `cryo sweep --vary` writes it, e.g. "tissue.perfusion_w_m3k"', true),
      distribution: { const: dist },
      bounds: obj('truncation: samples stay within [low, high] (field unit)', { low: num('lowest value'), high: num('highest value') }),
      ...props,
    }, ['path', 'distribution']);
  return obj('Extension (issue 13): what `cryo ensemble` samples; `cryo run` ignores it', {
    inputs: array('uncertain inputs', {
      oneOf: [
        input('normal', { mean: num("mean (field unit); default: the field's value"), sd: spread('standard deviation (field unit)') }),
        input('lognormal', { median: num("median (field unit) > 0; default: the field's value", { gt: 0 }), sigma_log: spread('standard deviation of ln x') }),
        input('uniform', { min: num('lowest value (field unit)'), max: num('highest value (field unit)') }),
        input('triangular', { min: num('lowest value (field unit)'), mode: num("most likely value (field unit); default: the field's value"), max: num('highest value (field unit)') }),
      ],
    }, ENSEMBLE_LIMITS.maxInputs),
    placement_error_mm: { type: 'array', description: 'standard deviation of the nerve–probe offset along x, y, depth (mm)', items: num('sd (mm)', { min: 0, max: ENSEMBLE_LIMITS.maxPlacementSdMm }), minItems: 3, maxItems: 3 },
    samples: num('ensemble members', { min: 1, max: ENSEMBLE_LIMITS.maxSamples, integer: true, default: ENSEMBLE_DEFAULTS.samples }),
    seed: num('random seed (whole number)', { min: 0, max: ENSEMBLE_LIMITS.maxSeed, integer: true, default: ENSEMBLE_DEFAULTS.seed }),
    design: { enum: ['lhs', 'random'], description: 'Latin hypercube ("lhs", default) or plain random sampling', default: ENSEMBLE_DEFAULTS.design },
  });
}

const SCHEMA_POINTER = text('the JSON Schema this file follows, for editors (e.g. "../json-schema/cryo-scenario-1.schema.json"); ignored by the workbench');

function scenarioJsonSchema(): JsonSchema {
  return {
    $schema: DRAFT,
    $id: idOf(SCHEMA_FILES.scenario),
    title: `Cryoablation scenario (${SCENARIO_SCHEMA})`,
    description:
      'A cryoablation simulation scenario for the cryo workbench (docs/scenario-format.md). Units are in the field names: _mm, _s, _c (°C), _w_mk, _j_m3k, _j_m3, _w_m3k, _w_m3, _w_m2k. Positions are [x, y, z] in mm, z = depth below the skin. Rules between fields (inside the domain, run budgets) are checked by `cryo validate`.',
    type: 'object',
    properties: {
      $schema: SCHEMA_POINTER,
      schema: { const: SCENARIO_SCHEMA, description: 'format tag' },
      name: text('a short title', true),
      source: text('free-text citation'),
      assumptions: array('values the source did not give, one per line', { type: 'string' }, 1000),
      geometry: ref('geometry'),
      tissue: ref('tissue', 'the tissue everywhere outside the layers (default: preset "generic")'),
      layers: array('tissues between depths (e.g. skin, fat)', ref('layer'), MAX_LAYERS),
      skin: ref('skin'),
      far_field: ref('farField'),
      probes: array('the probes; may be empty only with a fixed-temperature skin', ref('probe'), MAX_PROBES),
      protocol: array('the phases, in order', ref('phase'), MAX_PHASES, 1),
      nerve: { description: 'the target nerve (scored: minimum temperature, coverage); null or absent for none', anyOf: [ref('nerve'), { type: 'null' }] },
      vessels: array('large vessels (planar and 3d only)', ref('vessel'), MAX_VESSELS),
      sensors: array('virtual thermocouples', ref('sensor'), MAX_SENSORS),
      output: ref('output'),
      solver: obj('extension: numerical settings, all optional', {
        dt_s: num('fixed time step (s); must not exceed the stability limit; omit for automatic', { gt: 0, max: 60 }),
        precision: { enum: ['f32', 'f64'], description: 'f32: fast SIMD kernel (default); f64: reference kernel with full energy balance' },
      }),
      adjuncts: obj("extension: what of the patient side belongs to the procedure, in the paper's words", {
        skin: text("this file's skin boundary is the protocol's skin protection", true),
        placement: text("this file's probe-to-nerve placement is the protocol's", true),
        hydrodissection: obj('saline injected over a shallow nerve', {
          source: text('what the paper says', true),
          below_depth_mm: num('applies when the nerve centre is shallower than this (mm)', { gt: 0, max: 1000 }),
          fluid_mm: num('thickness of the saline layer under the skin (mm)', { gt: 0, max: 100 }),
        }, ['source', 'below_depth_mm', 'fluid_mm']),
      }),
      uncertainty: uncertainty(),
    },
    required: ['schema', 'name', 'geometry', 'probes', 'protocol'],
    additionalProperties: false,
    $defs: {
      ...sectionDefs(),
      vessel: obj('A large vessel, a straight cylinder (planar: along y)', {
        center_mm: vec('a point on the vessel axis [x, y, z] (mm)'),
        direction: vec('direction of the vessel axis; default [0, 1, 0]'),
        diameter_mm: num('vessel diameter (mm)', { gt: 0, max: 50 }),
        wall: { enum: ['convective', 'temperature'], description: 'wall model: convective film (default) or fixed at blood_c', default: 'convective' },
        h_w_m2k: num('wall film coefficient (W/m²/K); omitted: from diameter (and flow)', { gt: 0, max: 1e6 }),
        flow_m_s: num('extension: mean blood velocity (m/s); not with h_w_m2k', { gt: 0, max: 2 }),
        blood_c: num('blood temperature (°C)', { gt: 0, max: 100, default: DEFAULT_BLOOD_C }),
      }, ['center_mm', 'diameter_mm'], 'Vessel'),
    },
  };
}

function comparisonJsonSchema(): JsonSchema {
  const defs = sectionDefs();
  return {
    $schema: DRAFT,
    $id: idOf(SCHEMA_FILES.comparison),
    title: `Comparison set (${COMPARISON_SCHEMA})`,
    description: 'Several built-in protocols run on one anatomy (`cryo compare`, the workbench comparison view); docs/scenario-format.md.',
    type: 'object',
    properties: {
      $schema: SCHEMA_POINTER,
      schema: { const: COMPARISON_SCHEMA, description: 'format tag' },
      name: text('a short title', true),
      description: text('free text'),
      assumptions: array('assumptions about the shared anatomy', { type: 'string' }),
      anatomy: obj('the patient side every protocol runs on', {
        geometry: ref('geometry'),
        // The set's expansion treats null as "not given" for these (scenarios/comparison.ts).
        tissue: orNull(ref('tissue'), 'the tissue (default: preset "generic")'),
        layers: orNull(array('tissues between depths', ref('layer'), MAX_LAYERS), 'tissues between depths'),
        skin: orNull(ref('skin'), 'the skin boundary (default: room air)'),
        far_field: orNull(ref('farField'), 'the far field (default: 37 °C)'),
        // Under published placement the set's nerve position is replaced by each protocol's, and
        // the validator does not check the one written here; no bound, so the schema stays looser.
        nerve: orNull(
          obj('The target nerve, a straight cylinder', {
            center_mm: { type: 'array', description: 'a point on the nerve axis [x, y, z] (mm)', items: { type: 'number' }, minItems: 3, maxItems: 3 },
            direction: vec('direction of the nerve axis (normalised); default [0, 1, 0]'),
            diameter_mm: num('nerve diameter (mm)', { gt: 0, max: 50 }),
          }, ['center_mm', 'diameter_mm'], 'Nerve'),
          'the nerve every protocol is scored on',
        ),
        probe_tip_depth_mm: num("optional: every protocol's first probe tip at this depth (mm)", { gt: 0, max: 1000 }),
        sensors: orNull(array('virtual thermocouples', ref('sensor'), MAX_SENSORS), 'virtual thermocouples'),
      }, ['nerve']),
      protocols: array('built-in scenario ids (`cryo list`), each once', { type: 'string' }, 100, 1),
      adjuncts: obj("whether each protocol brings its published adjuncts or gets the anatomy's", {
        skin: { enum: ['published', 'anatomy'] },
        placement: { enum: ['published', 'anatomy'] },
        hydrodissection: { enum: ['published', 'anatomy'] },
      }),
      output: orNull(ref('output'), "what each run records (default: each protocol's own)"),
    },
    required: ['schema', 'name', 'anatomy', 'protocols'],
    additionalProperties: false,
    $defs: defs,
  };
}

// ---------------------------------------------------------------------------------------
// Result

const nullableNum = (description: string): JsonSchema => ({ type: ['number', 'null'], description });
const series = (description: string, item: JsonSchema = { type: 'number' }): JsonSchema => ({ type: 'array', description, items: item });

function isothermSeries(): JsonSchema {
  const s = (d: string) => series(`${d}, one per output time; null where the region is empty`, { type: ['number', 'null'] });
  return obj('sizes of the region at or below one isotherm, one value per output time', {
    radius_mm: s('largest radius from the probe axis (mm)'),
    mid_radius_mm: s('extension: radius at the middle of the first probe\'s active segment (mm)'),
    length_mm: s('extent along the probe (mm); null in planar mode'),
    top_depth_mm: s('shallowest depth (mm)'),
    bottom_depth_mm: s('deepest depth (mm)'),
    volume_ml: series('volume (mL)'),
    area_mm2: series('planar: area of the cross-section (mm²)'),
  }, ['radius_mm', 'length_mm', 'top_depth_mm', 'bottom_depth_mm']);
}

function resultJsonSchema(): JsonSchema {
  return {
    $schema: DRAFT,
    $id: idOf(SCHEMA_FILES.result),
    title: `Simulation result (${RESULT_SCHEMA})`,
    description: 'What `cryo run` writes (docs/scenario-format.md, "Result"; definitions of every figure: docs/method.md §5). Units are in the field names.',
    type: 'object',
    properties: {
      $schema: text('the JSON Schema this file follows'),
      schema: { const: RESULT_SCHEMA, description: 'format tag' },
      scenario: text('the scenario name'),
      solver: obj('how the run was computed', {
        mode: { enum: ['axisymmetric', 'planar', '3d'] },
        spacing_mm: num('grid spacing (mm)', { gt: 0 }),
        grid: { type: 'array', description: 'cells [nx, nz, 1] (2D) or [nx, ny, nz] (3D)', items: num('cells', { min: 1, integer: true }), minItems: 3, maxItems: 3 },
        dt_s: num('time step (s)', { gt: 0 }),
        steps: num('time steps taken', { min: 0, integer: true }),
        cell_updates: num('cell updates done', { min: 0 }),
        wall_s: num('wall-clock time (s)', { min: 0 }),
        mcells_per_s: num('cell updates per second / 1e6', { min: 0 }),
        precision: { enum: ['f32', 'f64'] },
        threads: num('extension: threads the run could split its grid over', { min: 1, integer: true }),
        integrator: { enum: ['explicit', 'implicit'], description: 'extension (issue 12): the time integrator the run used (present on implicit runs)' },
        mean_dt_s: num('extension: mean implicit step (s)', { min: 0 }),
        linear_iterations: num('extension: preconditioned CG iterations of the implicit run', { min: 0, integer: true }),
        newton_iterations: num('extension: Newton iterations of the implicit run', { min: 0, integer: true }),
        retried_steps: num('extension: implicit steps taken again shorter (error estimate above tolerance or Newton not converged)', { min: 0, integer: true }),
      }, ['mode', 'spacing_mm', 'grid', 'dt_s', 'steps', 'cell_updates', 'wall_s', 'mcells_per_s', 'precision']),
      times_s: series('output times (s)'),
      phase: series('the phase that produced each output', { type: 'string' }),
      isotherms: { type: 'object', description: 'keyed by the isotherm as written, e.g. "-40" (°C)', additionalProperties: isothermSeries() },
      sensors: { type: 'object', description: 'temperature at each sensor, one per output time (°C)', additionalProperties: series('temperature (°C)') },
      probes: array('per probe', obj('one probe', { surface_c: series('surface temperature, one per output time (°C)') }, ['surface_c'])),
      nerve: {
        description: 'nerve scoring; null without a nerve',
        anyOf: [
          { type: 'null' },
          obj('nerve scoring', {
            min_c: num('coldest temperature reached in the nerve (°C)'),
            coverage: {
              type: 'object',
              description: 'keyed by isotherm (°C): share of the nerve cross-section that reached it',
              additionalProperties: obj('coverage of one isotherm', {
                fraction: num('share of the cross-section at or below the isotherm at any time (0–1)', { min: 0, max: 1 }),
                first_full_s: nullableNum('first time the whole cross-section was at or below it (s); null if never'),
              }, ['fraction', 'first_full_s']),
            },
            section: obj('extension: the scored cross-section as a grid of coldest temperatures', {
              centre_mm: vec('centre (mm)'),
              away: vec('unit vector away from the probe axis'),
              across: vec('unit vector across (deeper)'),
              radius_mm: num('scored radius (mm)', { min: 0 }),
              spacing_mm: num('cell spacing (mm)', { gt: 0 }),
              cells: num('cells per side', { min: 1, integer: true }),
              coldest_c: series('coldest temperature per cell, row-major (°C)'),
            }, ['centre_mm', 'away', 'across', 'radius_mm', 'spacing_mm', 'cells', 'coldest_c']),
            block_probability: num('extension: expected blocked share of the cross-section (0–1)', { min: 0, max: 1 }),
          }, ['min_c', 'coverage']),
        ],
      },
      skin: obj('skin safety', {
        min_c: num('coldest skin temperature (°C)'),
        min_ice_gap_mm: nullableNum('smallest distance from ice (0 °C) to the skin (mm); null if no ice formed'),
        frozen: { type: 'boolean', description: 'whether the skin froze' },
      }, ['min_c', 'min_ice_gap_mm', 'frozen']),
      envelope: {
        type: 'object',
        description: 'extension: per isotherm, the region at or below it at any time of the run',
        additionalProperties: obj('one isotherm\'s envelope', {
          radius_mm: nullableNum('radius (mm)'),
          mid_radius_mm: nullableNum('radius at the middle of the active segment (mm)'),
          length_mm: nullableNum('length (mm)'),
          top_depth_mm: nullableNum('shallowest depth (mm)'),
          bottom_depth_mm: nullableNum('deepest depth (mm)'),
          volume_ml: num('volume (mL)'),
          area_mm2: num('planar: area (mm²)'),
        }),
      },
      warnings: array('extension: results that need care', obj('one warning', {
        code: { enum: ['ice_near_boundary', 'cold_segment_at_skin', 'trace_ends_early', 'implicit_fell_back'], description: 'stable code for programs' },
        message: text('for people'),
      }, ['code', 'message'])),
      energy: obj('extension: energy bookkeeping (J, or J/m in planar mode)', {
        enthalpy_change_j: num('change of stored enthalpy (J)'),
        boundary_j: num('heat through the boundaries (J)'),
        sources_j: num('heat from sources: perfusion, metabolism, probes (J)'),
        reposition_j: num('enthalpy change from probe repositions (J)'),
        relative_error: num('energy balance error relative to the largest term'),
      }, ['enthalpy_change_j', 'boundary_j', 'sources_j', 'relative_error']),
      bath: array('extension: each finite well-mixed bath (a medium with bath_heat_capacity_j_k); absent when none', obj('one bath', {
        medium: text('the scenario path of the medium the bath serves: "tissue" or "layers[i].tissue"', true),
        temp_c: series('the bath\'s temperature, one per output time (°C)'),
      }, ['medium', 'temp_c'])),
    },
    required: ['schema', 'scenario', 'solver', 'times_s', 'phase', 'isotherms', 'sensors', 'probes', 'nerve', 'skin'],
    additionalProperties: false,
  };
}

/** Every schema file, by file name, as written to scenarios/json-schema/. */
export function allJsonSchemas(): Record<string, JsonSchema> {
  return {
    [SCHEMA_FILES.scenario]: scenarioJsonSchema(),
    [SCHEMA_FILES.result]: resultJsonSchema(),
    [SCHEMA_FILES.comparison]: comparisonJsonSchema(),
  };
}

/** The exact text of a schema file (stable key order, two-space indent, final newline). */
export function schemaFileText(schema: JsonSchema): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
