/**
 * The whole workspace as one file (`cryo-workspace/1`) and as a share link:
 * every protocol with its variant, the shared anatomy, margins, adjunct choice,
 * the probe bench set-up and, if asked, the pinned results. Reading one decides
 * whether it is usable before anything changes (the same rules as import.ts):
 * another format, a newer version or a damaged workspace is refused with the
 * reason. In a link the JSON is deflate-raw compressed and base64url-encoded in
 * the fragment (`#workspace=…`); Chromium stops at 2 MiB of URL (MAX_LINK_CHARS),
 * which holds several hundred protocols but seldom more than a few pins.
 */
import { SCENARIO_SCHEMA } from '../../scenarios/schema.ts';
import { MAX_PINS, MAX_PIN_BYTES } from '../ui-presets.ts';
import { MAX_SCENARIO_BYTES } from './import.ts';
import { asPins } from './pins.ts';
import { clip } from './text.ts';
import { base64UrlToBytes, bytesToBase64Url } from './url-params.ts';
import { asWorkspace, type Workspace } from './workspace.ts';

export const WORKSPACE_SCHEMA = 'cryo-workspace/1';
const SCHEMA_VERSION = /^cryo-workspace\/(\d+)$/;

/** Chromium's URL limit (2 MiB); a longer link would open as an empty page. */
export const MAX_LINK_CHARS = 2 * 2 ** 20;

/** Every pin at its largest (UTF-16 bytes, as MAX_PIN_BYTES counts them) plus room for the protocols. */
export const MAX_WORKSPACE_BYTES = MAX_PINS.value * MAX_PIN_BYTES.value + MAX_SCENARIO_BYTES;

export interface WorkspaceFile {
  schema: typeof WORKSPACE_SCHEMA;
  saved_at: string;
  /** how each protocol becomes a scenario file: joined with the anatomy as the workbench does */
  note: string;
  workspace: Workspace;
}

export function workspaceFile(ws: Workspace, opts: { pins: boolean }, now = new Date()): WorkspaceFile {
  const { pins, ...rest } = structuredClone(ws);
  return {
    schema: WORKSPACE_SCHEMA,
    saved_at: now.toISOString(),
    note: `Open with the cryo workbench (Upload…). Each protocol runs on the shared anatomy; Download ▸ Selected scenario gives one as ${SCENARIO_SCHEMA} for the CLI.`,
    workspace: opts.pins && pins?.length ? { ...rest, pins } : rest,
  };
}

export type WorkspaceRead = { ok: true; ws: Workspace; notes: string[] } | { ok: false; reason: string };

/** True when the value calls itself a workspace file of any version (so it is never read as a scenario). */
export function claimsWorkspace(value: unknown): boolean {
  const schema = (value as { schema?: unknown } | null)?.schema;
  return typeof schema === 'string' && schema.startsWith('cryo-workspace/');
}

/** Classifies a parsed value that claims to be a workspace file. */
export function readWorkspaceValue(value: unknown): WorkspaceRead {
  if (!claimsWorkspace(value)) return { ok: false, reason: `is not a workspace (a JSON object with "schema": "${WORKSPACE_SCHEMA}")` };
  const obj = value as Partial<WorkspaceFile>;
  const schema = String(obj.schema);
  const version = SCHEMA_VERSION.exec(schema);
  if (schema !== WORKSPACE_SCHEMA) {
    return version && Number(version[1]) > 1
      ? { ok: false, reason: `was written by a newer version of the workbench (schema ${JSON.stringify(clip(schema, 40))}); this version reads ${WORKSPACE_SCHEMA}` }
      : { ok: false, reason: `has schema ${JSON.stringify(clip(schema, 40))}, which no version of the workbench wrote; expected ${WORKSPACE_SCHEMA}` };
  }
  const ws = asWorkspace(obj.workspace);
  if (!ws) {
    return { ok: false, reason: `is a ${WORKSPACE_SCHEMA} file whose "workspace" is damaged (it needs an anatomy and protocols, each with a name, probes and phases, and distinct ids)` };
  }
  const notes: string[] = [];
  const dropped = asPins((obj.workspace as { pins?: unknown }).pins).dropped;
  if (dropped) notes.push(`${dropped} damaged pinned result${dropped > 1 ? 's were' : ' was'} left out`);
  if (!ws.protocols.length) return { ok: false, reason: 'holds no protocols' };
  return { ok: true, ws, notes };
}

/** The file as link text: deflate-raw, then base64url. */
export async function packWorkspace(file: WorkspaceFile): Promise<string> {
  const stream = new Blob([JSON.stringify(file)]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return bytesToBase64Url(new Uint8Array(await new Response(stream).arrayBuffer()));
}

/**
 * Link text back to the parsed value. Decompression stops at MAX_WORKSPACE_BYTES, so a few
 * kilobytes of link cannot expand into gigabytes in the page.
 */
export async function unpackWorkspace(packed: string): Promise<{ ok: true; value: unknown } | { ok: false; reason: string }> {
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = base64UrlToBytes(packed) as Uint8Array<ArrayBuffer>;
  } catch {
    return { ok: false, reason: 'is not valid base64url' };
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > MAX_WORKSPACE_BYTES) {
        await reader.cancel();
        return { ok: false, reason: `unpacks to more than ${MAX_WORKSPACE_BYTES / 1e6} MB, more than a workspace can hold` };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, reason: 'is damaged (it does not unpack; the link may have been cut short)' };
  }
  const all = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) (all.set(c, at), (at += c.length));
  try {
    return { ok: true, value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(all)) };
  } catch (e) {
    return { ok: false, reason: `is damaged (${clip((e as Error).message, 120)})` };
  }
}
