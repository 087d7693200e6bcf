/**
 * Comparison sets (`cryo-comparison/1`): several protocols run on one anatomy. Expansion
 * takes each listed scenario's probes, phases, source and protocol-side assumptions, and
 * the set's anatomy, and places the protocol there with scenarios/placement.ts: each
 * protocol keeps its published placement relative to the nerve and its published adjuncts
 * (skin protection, probe-to-nerve distance) unless the set's `adjuncts` says "anatomy"
 * (or the old `anatomy.probe_tip_depth_mm` puts every first tip at one depth). Built-in
 * assumptions are prefixed by what they are about (`anatomy:`, `skin:`, `probe:`,
 * `protocol:`, `model:`); only the protocol-side ones travel to a new anatomy, and the
 * protocol's `skin:` ones travel with its skin adjunct.
 */
import { at, describe, Issues, isRecord, knownKeys, list, nestingDepth, num, oneOf, record, str, withoutSchemaPointer } from './checks.ts';
import {
  COMPARISON_SCHEMA,
  SCENARIO_SCHEMA,
  type ComparisonFile,
  type Issue,
  type Scenario,
  type ScenarioFile,
} from './schema.ts';
import { MAX_NESTING } from './presets.ts';
import { adjunctAssumptions, COMPARISON_ANATOMY_KEYS, placeProtocol, publishedOf, type AdjunctChoice } from './placement.ts';
import { validateScenario } from './validate.ts';

/** Assumption prefixes that describe the protocol or device, not the original patient. */
const PROTOCOL_SIDE = ['probe:', 'protocol:', 'model:'];

const SET_KEYS = ['schema', 'name', 'description', 'assumptions', 'anatomy', 'protocols', 'adjuncts', 'output'];
const ANATOMY_KEYS: readonly string[] = COMPARISON_ANATOMY_KEYS;
const ADJUNCT_KINDS = ['skin', 'placement', 'hydrodissection'] as const;

export interface ExpandedRun {
  id: string;
  scenario: ScenarioFile;
}

/** The adjuncts a set applies: published unless it says otherwise; a fixed tip depth means the anatomy's placement. */
export function adjunctChoice(set: Pick<ComparisonFile, 'adjuncts' | 'anatomy'>): AdjunctChoice {
  return {
    skin: set.adjuncts?.skin ?? 'published',
    placement: set.adjuncts?.placement ?? (set.anatomy.probe_tip_depth_mm !== undefined ? 'anatomy' : 'published'),
    hydrodissection: set.adjuncts?.hydrodissection ?? 'published',
  };
}

/** One scenario file per listed protocol, in order; unknown ids are skipped (validate first). */
export function expandComparisonWith(set: ComparisonFile, library: Record<string, ScenarioFile>): ExpandedRun[] {
  const anatomy = set.anatomy;
  const choice = adjunctChoice(set);
  const runs: ExpandedRun[] = [];
  for (const id of set.protocols) {
    if (!Object.prototype.hasOwnProperty.call(library, id)) continue;
    const base = library[id];
    const placed = placeProtocol(publishedOf(base), anatomy, choice);
    if (anatomy.probe_tip_depth_mm !== undefined) fixTipDepth(placed, anatomy.probe_tip_depth_mm);
    const ownSkin = !!placed.applied?.skin;
    const kept = (base.assumptions ?? []).filter((a) => PROTOCOL_SIDE.some((prefix) => a.startsWith(prefix)) || (ownSkin && a.startsWith('skin:')));
    const shared = (set.assumptions ?? []).filter((a) => !(ownSkin && a.startsWith('skin:')));
    const scenario: ScenarioFile = {
      schema: SCENARIO_SCHEMA,
      name: `${base.name} [${set.name}]`,
      source: base.source ?? '',
      assumptions: [...shared, ...kept, ...adjunctAssumptions(placed.applied)],
      ...(placed.applied ? { adjuncts: placed.applied } : {}),
      geometry: structuredClone(anatomy.geometry),
      tissue: structuredClone(anatomy.tissue ?? { preset: 'generic' }),
      probes: placed.probes,
      protocol: placed.protocol,
      nerve: placed.nerve ?? structuredClone(anatomy.nerve),
    };
    if (anatomy.layers) scenario.layers = structuredClone(anatomy.layers);
    if (placed.skin) scenario.skin = placed.skin;
    if (anatomy.far_field) scenario.far_field = structuredClone(anatomy.far_field);
    if (anatomy.sensors) scenario.sensors = structuredClone(anatomy.sensors);
    Object.assign(scenario, placed.lifted);
    const output = set.output ?? base.output;
    if (output) scenario.output = structuredClone(output);
    runs.push({ id, scenario });
  }
  return runs;
}

/** The old fixed-depth placement: every probe and absolute reposition target moves so the first tip sits at `depth`. */
function fixTipDepth(placed: { probes: ScenarioFile['probes']; protocol: ScenarioFile['protocol'] }, depth: number): void {
  const first = placed.probes[0]?.tip_mm;
  if (!first) return;
  const dz = depth - first[2];
  for (const p of placed.probes) p.tip_mm = [p.tip_mm[0], p.tip_mm[1], p.tip_mm[2] + dz];
  placed.protocol = placed.protocol.map((ph) =>
    ph.phase === 'reposition' && ph.tip_mm ? { ...ph, tip_mm: [ph.tip_mm[0], ph.tip_mm[1], ph.tip_mm[2] + dz] } : ph,
  );
}

export type ComparisonValidation =
  | { ok: true; runs: { id: string; scenario: Scenario }[]; issues: [] }
  | { ok: false; issues: Issue[] };

/**
 * Checks a comparison set's own fields, then validates every expanded scenario. Problems
 * in the shared anatomy are reported once, under `anatomy.…`; problems of one protocol
 * on this anatomy under `protocols[i]`.
 */
export function validateComparisonWith(input: unknown, library: Record<string, ScenarioFile>): ComparisonValidation {
  const iss = new Issues();
  try {
    const set = checkSet(iss, input, library);
    if (set && iss.count === 0) {
      const runs: { id: string; scenario: Scenario }[] = [];
      const seen = new Set<string>();
      expandComparisonWith(set, library).forEach(({ id, scenario }) => {
        const r = validateScenario(scenario);
        if (r.ok) return void runs.push({ id, scenario: r.scenario });
        const index = set.protocols.indexOf(id);
        for (const issue of r.issues) {
          const shared = ANATOMY_KEYS.some((k) => issue.path === k || issue.path.startsWith(`${k}.`) || issue.path.startsWith(`${k}[`));
          const path = shared ? `anatomy.${issue.path}` : at('protocols', index);
          const message = shared ? issue.message : `${id} on this anatomy: ${issue.path}: ${issue.message}`;
          const key = `${path}\n${message}`;
          if (!seen.has(key)) iss.add(path, message);
          seen.add(key);
        }
      });
      if (iss.count === 0) return { ok: true, runs, issues: [] };
    }
  } catch {
    iss.add('', 'the input could not be read; a comparison set must be plain JSON data');
  }
  if (iss.count === 0) iss.add('', 'the comparison set is invalid');
  return { ok: false, issues: iss.list };
}

function checkSet(iss: Issues, input: unknown, library: Record<string, ScenarioFile>): ComparisonFile | undefined {
  if (!isRecord(input)) {
    iss.add('', `a comparison set must be a JSON object {"schema": "${COMPARISON_SCHEMA}", ...}, got ${describe(input)}`);
    return undefined;
  }
  knownKeys(iss, '', withoutSchemaPointer(iss, input), SET_KEYS, 'the comparison set');
  if (input.schema !== COMPARISON_SCHEMA) {
    iss.add('schema', `must be "${COMPARISON_SCHEMA}", got ${describe(input.schema)}`);
  }
  str(iss, 'name', input.name, 'a short title for the comparison', { nonEmpty: true });
  if (input.description !== undefined) str(iss, 'description', input.description, 'free text');
  if (input.assumptions !== undefined) {
    const items = list(iss, 'assumptions', input.assumptions, 'of strings');
    items?.forEach((a, i) => str(iss, at('assumptions', i), a, 'one assumption as text'));
  }
  const anatomy = record(iss, 'anatomy', input.anatomy, '{"geometry", "nerve", "probe_tip_depth_mm", ...}');
  if (anatomy) {
    knownKeys(iss, 'anatomy', anatomy, [...ANATOMY_KEYS], 'the anatomy');
    // Expansion copies the anatomy into every scenario; a pathologically deep field would overflow that copy.
    for (const key of ANATOMY_KEYS) {
      if (nestingDepth(anatomy[key], MAX_NESTING) > MAX_NESTING) {
        iss.add(`anatomy.${key}`, `nested more than ${MAX_NESTING} levels deep; an anatomy field is a few levels deep at most`);
      }
    }
    if (anatomy.probe_tip_depth_mm !== undefined) num(iss, 'anatomy.probe_tip_depth_mm', anatomy.probe_tip_depth_mm, { gt: 0, max: 1000 });
    if (anatomy.nerve === undefined) iss.add('anatomy.nerve', 'missing: a comparison compares the protocols on one nerve');
  }
  if (input.adjuncts !== undefined) {
    const adj = record(iss, 'adjuncts', input.adjuncts, '{"skin": "published" | "anatomy", "placement": "published" | "anatomy"}');
    if (adj) {
      knownKeys(iss, 'adjuncts', adj, [...ADJUNCT_KINDS], 'the adjuncts');
      for (const k of ADJUNCT_KINDS) {
        if (adj[k] !== undefined) oneOf(iss, at('adjuncts', k), adj[k], ['published', 'anatomy'] as const, `where the ${k} comes from`);
      }
    }
  }
  const ids = list(iss, 'protocols', input.protocols, 'of built-in scenario ids', { nonEmpty: true, max: 100 });
  const valid = Object.keys(library);
  ids?.forEach((id, i) => {
    if (typeof id !== 'string' || !valid.includes(id)) {
      iss.add(at('protocols', i), `unknown protocol ${describe(id)}; valid ids: ${valid.join(', ')}`);
    } else if (ids.indexOf(id) !== i) {
      iss.add(at('protocols', i), `"${id}" is listed twice; list each protocol once`);
    }
  });
  return iss.count === 0 ? (input as unknown as ComparisonFile) : undefined;
}
