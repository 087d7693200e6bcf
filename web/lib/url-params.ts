/**
 * The share link's query parameters as a typed schema (in the style of PhET's
 * QueryStringMachine): each parameter declares its type, default, and check, and
 * parsing returns values plus path-tagged issues instead of throwing, so a broken
 * or hand-edited link shows messages and never crashes the page.
 *
 * The scenario travels as base64url of its `cryo-scenario/1` JSON: exactly the
 * file the CLI reads, so a link and a downloaded file are interchangeable. The
 * parameters go in the URL fragment (`#scenario=…`), which browsers keep to
 * themselves; `parseUrlParams` reads either form, since older links used `?`.
 */
import type { Issue, ScenarioFile } from '../../scenarios/schema.ts';

interface ParamSpec<T> {
  parse(raw: string): { ok: true; value: T } | { ok: false; message: string };
  format(value: T): string;
  defaultValue: T;
  doc: string;
}

const number = (defaultValue: number, check: (v: number) => string | null, doc: string): ParamSpec<number> => ({
  parse(raw) {
    const v = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(v)) return { ok: false, message: `"${raw}" is not a number` };
    const problem = check(v);
    return problem ? { ok: false, message: problem } : { ok: true, value: v };
  },
  format: (v) => String(v),
  defaultValue,
  doc,
});

const idList = (doc: string): ParamSpec<string[]> => ({
  parse(raw) {
    const ids = raw.split(',').map((s) => s.trim()).filter(Boolean);
    const bad = ids.find((id) => !/^[a-z0-9][a-z0-9._-]{0,80}$/i.test(id));
    return bad ? { ok: false, message: `"${bad}" is not a protocol id` } : { ok: true, value: ids };
  },
  format: (v) => v.join(','),
  defaultValue: [],
  doc,
});

const scenarioJson: ParamSpec<ScenarioFile | null> = {
  parse(raw) {
    let text: string;
    try {
      text = fromBase64Url(raw);
    } catch {
      return { ok: false, message: 'is not valid base64url' };
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      return { ok: false, message: `is not valid JSON (${(e as Error).message})` };
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, message: 'must encode a JSON object' };
    return { ok: true, value: value as ScenarioFile };
  },
  format: (v) => (v ? toBase64Url(JSON.stringify(v)) : ''),
  defaultValue: null,
  doc: 'the selected scenario, base64url of its cryo-scenario/1 JSON',
};

/** A whole workspace (web/lib/workspace-file.ts): kept as its compressed text here, unpacked asynchronously there. */
const packedWorkspace: ParamSpec<string> = {
  parse: (raw) => (raw && /^[A-Za-z0-9_-]+$/.test(raw) ? { ok: true, value: raw } : { ok: false, message: 'is not valid base64url' }),
  format: (v) => v,
  defaultValue: '',
  doc: 'the whole workspace: its cryo-workspace/1 JSON, deflate-raw compressed, base64url',
};

export const URL_SCHEMA = {
  workspace: packedWorkspace,
  scenario: scenarioJson,
  /** which protocol the scenario is (a built-in id keeps its place in the list) */
  id: { ...idList('id of the protocol the scenario belongs to'), defaultValue: [] as string[] },
  compare: idList('built-in protocol ids compared with it, comma-separated'),
  margin_mm: number(NaN, (v) => (v < 0 || v > 100 ? 'must be between 0 and 100 mm' : null), 'skin margin for the verdict (mm)'),
  target_c: number(NaN, (v) => (v > 0 || v < -200 ? 'must be between −200 and 0 °C' : null), 'nerve target temperature for the verdict (°C)'),
};

export type UrlParams = { [K in keyof typeof URL_SCHEMA]: (typeof URL_SCHEMA)[K]['defaultValue'] };

/** Parses a query string; unknown parameters are reported so typos do not pass silently. */
export function parseUrlParams(search: string): { values: UrlParams; present: Set<string>; issues: Issue[] } {
  const q = new URLSearchParams(search);
  const values = {} as Record<string, unknown>;
  const issues: Issue[] = [];
  const present = new Set<string>();
  for (const [name, spec] of Object.entries(URL_SCHEMA) as [string, ParamSpec<unknown>][]) {
    values[name] = spec.defaultValue;
    const raw = q.get(name);
    if (raw === null) continue;
    const parsed = spec.parse(raw);
    if (parsed.ok) {
      values[name] = parsed.value;
      present.add(name);
    } else issues.push({ path: `link.${name}`, message: parsed.message });
  }
  for (const name of q.keys()) {
    // Own keys only: `in` would take "constructor" or "__proto__" for parameters and say nothing.
    if (!Object.hasOwn(URL_SCHEMA, name)) issues.push({ path: `link.${name}`, message: 'unknown parameter, ignored' });
  }
  return { values: values as UrlParams, present, issues };
}

export function buildQuery(values: Partial<UrlParams>): string {
  const q = new URLSearchParams();
  for (const [name, spec] of Object.entries(URL_SCHEMA) as [string, ParamSpec<unknown>][]) {
    const v = (values as Record<string, unknown>)[name];
    if (v === undefined || v === null || (typeof v === 'number' && Number.isNaN(v))) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    q.set(name, spec.format(v));
  }
  return q.toString();
}

export function toBase64Url(text: string): string {
  return bytesToBase64Url(new TextEncoder().encode(text));
}

export function bytesToBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(b64: string): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(base64UrlToBytes(b64));
}

export function base64UrlToBytes(b64: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(b64)) throw new Error('not base64url');
  const std = b64.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (b64.length % 4)) % 4);
  return Uint8Array.from(atob(std), (c) => c.charCodeAt(0));
}
