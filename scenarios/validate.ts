/**
 * `validateScenario` turns untrusted input (parsed JSON, or any JS value) into the fully
 * resolved `Scenario` the engine consumes, or into the complete list of problems, each
 * with its JSON path and a fix. It never throws. Presets and defaults are resolved here
 * (tissue, layers, devices, power, thaw temperature, skin, far field, output, solver);
 * the section checks live in validate-*.ts, and the resource budget of the whole run
 * (memory, time steps, result size) in validate-budget.ts.
 */
import { at, describe, Issues, isRecord, knownKeys, list, num, oneOf, printable, record, str, withoutSchemaPointer } from './checks.ts';
import { DEFAULT_SKIN, tissuePresetValues } from './presets.ts';
import { SCENARIO_SCHEMA, type Issue, type Scenario, type SkinBoundary } from './schema.ts';
import { checkBudget } from './validate-budget.ts';
import { checkNerve, checkProbes, checkSensors, checkVessels, resolveRepositions } from './validate-bodies.ts';
import { checkFarField } from './validate-far-field.ts';
import { checkGeometry } from './validate-geometry.ts';
import { checkOutput, checkProtocol, checkSolver } from './validate-protocol.ts';
import { checkLayers, checkTissue } from './validate-tissue.ts';
import { checkUncertainty } from './validate-uncertainty.ts';

export type ValidationResult =
  | { ok: true; scenario: Scenario; issues: [] }
  | { ok: false; issues: Issue[] };

const TOP_KEYS = [
  'schema',
  'name',
  'source',
  'assumptions',
  'geometry',
  'tissue',
  'layers',
  'skin',
  'far_field',
  'probes',
  'protocol',
  'nerve',
  'vessels',
  'sensors',
  'output',
  'solver',
  'adjuncts',
  'uncertainty',
];
const ADJUNCT_KEYS = ['skin', 'placement', 'hydrodissection'];

export function validateScenario(input: unknown): ValidationResult {
  const iss = new Issues();
  let scenario: Scenario | undefined;
  try {
    scenario = resolve(iss, input);
  } catch (err) {
    // Only reachable for exotic JS values (throwing getters, proxies); JSON input cannot get here.
    let why = 'unknown error';
    try {
      why = err instanceof Error ? err.message : String(err);
    } catch {
      /* keep the generic reason */
    }
    iss.add('', `the input could not be read (${why}); a scenario must be plain JSON data`);
  }
  if (iss.count === 0 && scenario) return { ok: true, scenario, issues: [] };
  if (iss.count === 0) iss.add('', 'the scenario is invalid');
  return { ok: false, issues: iss.list };
}

/**
 * One `path: message` line per issue, for terminals and logs. Paths and messages can quote the
 * input (and a JSON parser's message quotes raw file text), so control characters are escaped:
 * a hostile file can neither split a line nor send escape sequences to the user's terminal.
 */
export function formatIssues(issues: readonly Issue[]): string {
  return issues.map((i) => `${printable(i.path || '(scenario)')}: ${printable(i.message)}`).join('\n');
}

/** Published adjuncts: which of this file's patient-side fields belong to the procedure, in the paper's words. */
function checkAdjuncts(iss: Issues, value: unknown): void {
  if (value === undefined) return;
  const a = record(iss, 'adjuncts', value, '{"skin": "warm gel cushions on the skin (von Falck 2022)", "placement": "..."}');
  if (!a) return;
  knownKeys(iss, 'adjuncts', a, ADJUNCT_KEYS, 'the adjuncts');
  for (const k of ['skin', 'placement']) {
    if (a[k] !== undefined) str(iss, at('adjuncts', k), a[k], `what the paper says about this ${k === 'skin' ? 'skin protection' : 'probe-to-nerve placement'}`, { nonEmpty: true });
  }
  if (a.hydrodissection === undefined) return;
  const h = record(iss, 'adjuncts.hydrodissection', a.hydrodissection, '{"source": "...", "below_depth_mm": 20, "fluid_mm": 10}');
  if (!h) return;
  knownKeys(iss, 'adjuncts.hydrodissection', h, ['source', 'below_depth_mm', 'fluid_mm'], 'the hydrodissection');
  str(iss, 'adjuncts.hydrodissection.source', h.source, 'what the paper says about the hydrodissection', { nonEmpty: true });
  num(iss, 'adjuncts.hydrodissection.below_depth_mm', h.below_depth_mm, { gt: 0, max: 1000 });
  num(iss, 'adjuncts.hydrodissection.fluid_mm', h.fluid_mm, { gt: 0, max: 100 });
}

function resolve(iss: Issues, input: unknown): Scenario | undefined {
  if (!isRecord(input)) {
    iss.add('', `a scenario must be a JSON object {"schema": "${SCENARIO_SCHEMA}", ...}, got ${describe(input)}`);
    return undefined;
  }
  const s = input;
  knownKeys(iss, '', withoutSchemaPointer(iss, s), TOP_KEYS, 'the scenario');

  if (s.schema !== SCENARIO_SCHEMA) {
    iss.add(
      'schema',
      s.schema === undefined
        ? `missing: add "schema": "${SCENARIO_SCHEMA}"`
        : `must be "${SCENARIO_SCHEMA}", got ${describe(s.schema)}`,
    );
  }
  const name = str(iss, 'name', s.name, 'a short title for the scenario', { nonEmpty: true });
  const source = s.source === undefined ? '' : str(iss, 'source', s.source, 'free-text citation');
  const assumptions = checkAssumptions(iss, s.assumptions);
  checkAdjuncts(iss, s.adjuncts);

  const geo = checkGeometry(iss, s.geometry);
  const place = { mode: geo.mode, domain: geo.domain };
  const tissue = checkTissue(iss, 'tissue', s.tissue, tissuePresetValues('generic'));
  const layers = checkLayers(iss, s.layers, tissue, geo.domain?.depth_mm);
  const skin = checkSkin(iss, s.skin);
  const far_field = checkFarField(iss, s.far_field);
  const probes = checkProbes(iss, s.probes, place, skin);
  const protocol = checkProtocol(iss, s.protocol);
  const nerve = checkNerve(iss, s.nerve, place);
  const vessels = checkVessels(iss, s.vessels, place);
  const sensors = checkSensors(iss, s.sensors, place);
  const output = checkOutput(iss, s.output, protocol.total_s);
  const solver = checkSolver(iss, s.solver);
  const phases = probes && protocol.phases ? resolveRepositions(iss, protocol.phases, probes, place) : undefined;

  if (
    iss.count > 0 ||
    name === undefined ||
    source === undefined ||
    !assumptions ||
    !geo.geometry ||
    !tissue ||
    !layers ||
    !skin ||
    !far_field ||
    !probes ||
    !phases ||
    nerve === undefined ||
    !vessels ||
    !sensors ||
    !output ||
    !solver
  ) {
    return undefined;
  }
  const scenario: Scenario = {
    schema: SCENARIO_SCHEMA,
    name,
    source,
    assumptions,
    geometry: geo.geometry,
    tissue,
    layers,
    skin,
    far_field,
    probes,
    protocol: phases,
    nerve,
    vessels,
    sensors,
    output,
    solver,
  };
  // Each input is within its own cap; what they cost together is only known now.
  if (!checkBudget(iss, scenario)) return undefined;
  if (s.uncertainty === undefined) return scenario;
  // Checked last: its paths are tried on copies of this (valid) file.
  const uncertainty = checkUncertainty(iss, s.uncertainty, s, scenario, validateScenario);
  return uncertainty ? { ...scenario, uncertainty } : undefined;
}

function checkAssumptions(iss: Issues, value: unknown): string[] | undefined {
  if (value === undefined) return [];
  const items = list(iss, 'assumptions', value, 'of strings', { max: 1000 });
  if (!items) return undefined;
  const out = items.map((v, i) => str(iss, at('assumptions', i), v, 'one assumption as text'));
  return out.every((v) => v !== undefined) ? (out as string[]) : undefined;
}

const SKIN_KEYS: Record<SkinBoundary['boundary'], string[]> = {
  convective: ['boundary', 'ambient_c', 'h_w_m2k'],
  temperature: ['boundary', 'temperature_c'],
  insulated: ['boundary'],
};

function checkSkin(iss: Issues, value: unknown): SkinBoundary | undefined {
  if (value === undefined) return { ...DEFAULT_SKIN };
  const b = record(iss, 'skin', value, '{"boundary": "convective", "ambient_c": 22, "h_w_m2k": 10}');
  if (!b) return undefined;
  const kind = oneOf(iss, 'skin.boundary', b.boundary, ['convective', 'temperature', 'insulated'] as const, 'the skin boundary');
  if (!kind) return undefined;
  knownKeys(iss, 'skin', b, SKIN_KEYS[kind], `a ${kind} skin boundary`);
  if (kind === 'insulated') return { boundary: kind };
  if (kind === 'temperature') {
    const temperature_c = num(iss, 'skin.temperature_c', b.temperature_c, { gt: -273.15, max: 100 });
    return temperature_c === undefined ? undefined : { boundary: kind, temperature_c };
  }
  const ambient_c = num(iss, 'skin.ambient_c', b.ambient_c, { gt: -273.15, max: 100 });
  const h_w_m2k = num(iss, 'skin.h_w_m2k', b.h_w_m2k, {
    gt: 0,
    max: 1e6,
    hint: 'still air ≈ 10; use "boundary": "insulated" for no exchange',
  });
  return ambient_c === undefined || h_w_m2k === undefined ? undefined : { boundary: kind, ambient_c, h_w_m2k };
}
