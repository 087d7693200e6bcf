/**
 * Decides whether a file or a share link holds a scenario the workbench can
 * open, before anything in the workspace changes. People paste files from
 * colleagues and open links from e-mail: a file that is corrupt, is some other
 * JSON, is another cryo format, or was written for a newer version is refused
 * with the reason, and the workspace stays exactly as it was.
 *
 * "Older" scenario files are migrated, not refused. The format has been
 * `cryo-scenario/1` since the first release and has only gained optional parts
 * (`solver.precision`, `reposition` phases), so a file written before those is
 * already a valid file and is read as it is. What does change is the `schema`
 * tag: hand-written and early files often lack it. A file without `schema`
 * whose fields are scenario fields (at least one of geometry, probes, protocol,
 * and nothing else unknown) is read as `cryo-scenario/1`, and the user is told.
 * A scenario with problems is still a scenario: it opens so the editor can show
 * and fix them.
 */
import { ANATOMY_KEYS, PROCEDURE_KEYS } from '../../scenarios/placement.ts';
import { COMPARISON_SCHEMA, RESULT_SCHEMA, SCENARIO_SCHEMA, type ScenarioFile } from '../../scenarios/schema.ts';
import { COMPARISON_RESULTS_SCHEMA } from './export.ts';
import { clip } from './text.ts';

/** A scenario is a few kilobytes (the largest allowed, 500 sensors and 1000 phases, well under 1 MB). */
export const MAX_SCENARIO_BYTES = 2 * 2 ** 20;

export type ImportOutcome =
  | { ok: true; file: ScenarioFile; /** what was migrated, for the user */ notes: string[] }
  | { ok: false; /** why nothing was loaded, ready to show after the file's name */ reason: string };

const SCENARIO_KEYS: readonly string[] = ['schema', ...ANATOMY_KEYS, ...PROCEDURE_KEYS];
/** Fields only a scenario has: one of them must be present to call a schema-less file a scenario. */
const DEFINING_KEYS = ['geometry', 'probes', 'protocol'];

const SCHEMA_VERSION = /^cryo-scenario\/(\d+)$/;
const CURRENT_VERSION = Number(SCHEMA_VERSION.exec(SCENARIO_SCHEMA)![1]);

/** Why a file of `bytes` is not even read, or null. Checked before reading: a file is read into memory whole. */
export function sizeProblem(bytes: number): string | null {
  return bytes > MAX_SCENARIO_BYTES
    ? `is ${(bytes / 2 ** 20).toFixed(1)} MB, too large to be a scenario file (they are a few kB; the limit is ${MAX_SCENARIO_BYTES / 2 ** 20} MB)`
    : null;
}

/** Parses file text and classifies it. */
export function readScenarioText(text: string, bytes = text.length): ImportOutcome {
  const tooLarge = sizeProblem(bytes);
  if (tooLarge) return { ok: false, reason: tooLarge };
  // Editors on Windows write a byte-order mark that JSON.parse refuses.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (!body.trim()) return { ok: false, reason: 'is empty' };
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    return { ok: false, reason: `is not valid JSON (${printable((e as Error).message)}); it may be damaged or not a scenario file` };
  }
  return readScenarioValue(value);
}

/** Classifies an already parsed value (a file's contents or a share link's scenario). */
export function readScenarioValue(value: unknown): ImportOutcome {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, reason: `holds ${Array.isArray(value) ? 'a JSON array' : value === null ? 'null' : `a ${typeof value}`}, not a scenario (a JSON object with "schema": "${SCENARIO_SCHEMA}")` };
  }
  const obj = value as Record<string, unknown>;
  const schema = obj.schema;
  if (schema === SCENARIO_SCHEMA) return { ok: true, file: obj as unknown as ScenarioFile, notes: [] };
  if (schema !== undefined) return { ok: false, reason: refusal(schema) };

  const keys = Object.keys(obj);
  const foreign = keys.filter((k) => !SCENARIO_KEYS.includes(k));
  if (!keys.some((k) => DEFINING_KEYS.includes(k)) || foreign.length) {
    const shown = foreign.slice(0, 5).map((k) => JSON.stringify(k.length > 40 ? `${k.slice(0, 39)}…` : k)).join(', ');
    return {
      ok: false,
      reason: `is JSON but not a scenario: it has no "schema"${foreign.length ? ` and fields a scenario does not have (${shown}${foreign.length > 5 ? ', …' : ''})` : ', and none of "geometry", "probes", "protocol"'}`,
    };
  }
  return {
    ok: true,
    file: { schema: SCENARIO_SCHEMA, ...obj } as unknown as ScenarioFile,
    notes: [`it had no "schema" field (written before the field was required), so it was read as ${SCENARIO_SCHEMA}`],
  };
}

/**
 * The parser's message quotes the file, which may be binary: control characters
 * become U+FFFD and the message is kept to one readable line.
 */
function printable(message: string): string {
  return clip(message.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '\ufffd'), 160);
}

function refusal(schema: unknown): string {
  if (typeof schema !== 'string') return `has a "schema" that is not text (${typeof schema}), so it is not a scenario file`;
  const shown = JSON.stringify(schema.length > 60 ? `${schema.slice(0, 59)}…` : schema);
  const version = SCHEMA_VERSION.exec(schema);
  if (version && Number(version[1]) > CURRENT_VERSION) {
    return `was written for a newer version of the workbench (schema ${shown}); this version reads ${SCENARIO_SCHEMA}. Open it with the newer version, or ask its author for a ${SCENARIO_SCHEMA} file`;
  }
  if (version) return `has schema ${shown}, which no version of the workbench wrote; expected ${SCENARIO_SCHEMA}`;
  if (schema === RESULT_SCHEMA) return `is a run result (${RESULT_SCHEMA}), not a scenario; open the scenario file that produced it`;
  if (schema === COMPARISON_RESULTS_SCHEMA) {
    return `is a results export (${COMPARISON_RESULTS_SCHEMA}), not a scenario; each run's scenario is inside it under runs[i].scenario, or use Download ▸ Selected scenario`;
  }
  if (schema === COMPARISON_SCHEMA) return `is a comparison set (${COMPARISON_SCHEMA}); run it with \`cryo compare\`, the workbench opens on the built-in one`;
  return `has schema ${shown}, which is not a scenario (expected ${SCENARIO_SCHEMA})`;
}
