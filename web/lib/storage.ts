/**
 * Keeps the user's work in the browser: the workspace (anatomy, own protocols,
 * selections) in localStorage because it is small and must be there
 * synchronously at start-up, and run results (with map frames) in IndexedDB
 * because they can be tens of megabytes. Every failure is returned to the
 * caller so the UI can say so: nothing is lost silently.
 *
 * A save never overwrites the last good copy. The workspace lives in two slots
 * (A and B), each a sealed envelope: one header line {format, seq, saved_at,
 * length, hash}, a newline, then the workspace JSON (not re-escaped, so a save
 * costs no more than the data);
 * a save goes to the slot *not* holding the newest good copy, and loading takes
 * the newest envelope whose length and hash match its data and which the caller
 * accepts. A write cut short (tab killed, quota exceeded half-way, a browser that
 * truncates) leaves a slot that fails its check, and the previous copy wins.
 * Results are one IndexedDB `put` per save, and IndexedDB transactions are
 * atomic: an interrupted one is rolled back, never half-applied.
 *
 * The first version kept the workspace under one key (`LEGACY_WORKSPACE_KEY`);
 * it is still read when no slot holds a good copy, and removed once a slot does.
 * A well-formed save this version cannot use (written by a newer version, say)
 * is never overwritten: it is first copied under a `kept-` key, and the message
 * says so.
 */
const LEGACY_WORKSPACE_KEY = 'cryo-workbench/workspace/v1';
export const WORKSPACE_SLOT_KEYS = ['cryo-workbench/workspace/slot-a', 'cryo-workbench/workspace/slot-b'] as const;
const KEPT_PREFIX = 'cryo-workbench/workspace/kept-';
const ENVELOPE_FORMAT = 'cryo-workspace-save/1';
const DB_NAME = 'cryo-workbench';
const STORE = 'results';

export type SaveOutcome = { ok: true } | { ok: false; message: string };

interface Envelope {
  format: typeof ENVELOPE_FORMAT;
  seq: number;
  saved_at: string;
  /** length and hash of the JSON text after the header line */
  length: number;
  hash: string;
}

export interface LoadedWorkspace {
  value: unknown | null;
  /** why something could not be used (shown to the user), absent when all was well */
  message?: string;
  /** where the value came from: a slot, the first version's key, or nothing */
  from?: 'slot' | 'legacy';
}

/** FNV-1a over UTF-16 code units: cheap, and any truncation or bit flip changes it. */
export function hashText(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

function sealEnvelope(env: Omit<Envelope, 'format' | 'length' | 'hash'>, data: string): string {
  const header: Envelope = { format: ENVELOPE_FORMAT, ...env, length: data.length, hash: hashText(data) };
  // JSON.stringify never emits a raw newline, so the first one ends the header.
  return `${JSON.stringify(header)}\n${data}`;
}

function openEnvelope(raw: string | null): { ok: true; env: Envelope; value: unknown } | { ok: false; problem: string } | null {
  if (raw === null) return null;
  const cut = raw.indexOf('\n');
  let env: Envelope;
  try {
    env = JSON.parse(cut < 0 ? raw : raw.slice(0, cut)) as Envelope;
  } catch {
    return { ok: false, problem: 'cut short (its header is incomplete)' };
  }
  if (!env || env.format !== ENVELOPE_FORMAT || !Number.isSafeInteger(env.seq) || cut < 0) return { ok: false, problem: 'not a workspace save' };
  const data = raw.slice(cut + 1);
  if (data.length !== env.length) return { ok: false, problem: `cut short (${data.length} of ${env.length} characters)` };
  if (hashText(data) !== env.hash) return { ok: false, problem: 'damaged (its checksum does not match)' };
  try {
    return { ok: true, env, value: JSON.parse(data) };
  } catch {
    return { ok: false, problem: 'damaged (its contents are not JSON)' };
  }
}

/** Every good slot, newest first, and what was wrong with the others. */
function readSlots(storage: Storage): { good: { key: string; env: Envelope; value: unknown; raw: string }[]; problems: string[] } {
  const good: { key: string; env: Envelope; value: unknown; raw: string }[] = [];
  const problems: string[] = [];
  for (const key of WORKSPACE_SLOT_KEYS) {
    const raw = storage.getItem(key);
    const opened = openEnvelope(raw);
    if (!opened) continue;
    if (opened.ok) good.push({ key, env: opened.env, value: opened.value, raw: raw! });
    else problems.push(opened.problem);
  }
  good.sort((a, b) => b.env.seq - a.env.seq);
  return { good, problems };
}

/**
 * The newest saved workspace that `accept` takes (default: any). A newer copy
 * that is damaged or refused is skipped for the one before it, and the message
 * says so; a storage that cannot be read at all gives null and a message.
 */
export function loadWorkspaceJson(
  storage: Storage | undefined = globalThis.localStorage,
  accept: (value: unknown) => boolean = () => true,
): LoadedWorkspace {
  try {
    if (!storage) return { value: null };
    const { good, problems } = readSlots(storage);
    const usable = good.find((g) => accept(g.value));
    const skipped = [...problems];
    // Newer than what we load and well-formed: keep it where no save will reach it.
    for (const g of good) {
      if (g === usable) break;
      const kept = keep(storage, `${g.env.seq}`, g.raw);
      skipped.push(`in a format this version cannot use (kept under "${kept}")`);
    }
    const note = skipped.length
      ? `A saved copy of your workspace was ${skipped.join('; ')}${usable ? `; the copy saved ${new Date(usable.env.saved_at).toLocaleString()} was loaded instead` : ''}.`
      : undefined;
    if (usable) return { value: usable.value, from: 'slot', ...(note ? { message: note } : {}) };
    const legacy = storage.getItem(LEGACY_WORKSPACE_KEY);
    if (legacy) {
      try {
        const value = JSON.parse(legacy);
        if (accept(value)) return { value, from: 'legacy', ...(note ? { message: note } : {}) };
      } catch {
        /* kept and reported below */
      }
      skipped.push(`an unreadable first-version save (kept under "${keep(storage, 'legacy', legacy)}")`);
    }
    if (!skipped.length) return { value: null };
    return { value: null, message: `The saved workspace could not be used: ${skipped.join('; ')}. Starting from the built-in protocols.` };
  } catch (e) {
    return { value: null, message: `the saved workspace could not be read (${(e as Error).message}); starting fresh` };
  }
}

/** Copies a save this version cannot use out of harm's way; returns the key it is under. */
function keep(storage: Storage, tag: string, raw: string): string {
  const key = KEPT_PREFIX + tag;
  if (storage.getItem(key) !== raw) storage.setItem(key, raw);
  return key;
}

/**
 * Writes `value` into the slot that does not hold the newest good copy, then
 * reads it back: only a save that reads back intact counts, and only then is
 * the first version's key removed.
 */
export function saveWorkspaceJson(value: unknown, storage: Storage | undefined = globalThis.localStorage): SaveOutcome {
  try {
    if (!storage) return { ok: false, message: 'this browser has no local storage; download your scenario to keep it' };
    const { good } = readSlots(storage);
    const newest = good[0];
    const target = newest?.key === WORKSPACE_SLOT_KEYS[0] ? WORKSPACE_SLOT_KEYS[1] : WORKSPACE_SLOT_KEYS[0];
    const seq = (newest?.env.seq ?? 0) + 1;
    storage.setItem(target, sealEnvelope({ seq, saved_at: new Date().toISOString() }, JSON.stringify(value)));
    const back = openEnvelope(storage.getItem(target));
    if (!back?.ok || back.env.seq !== seq) return { ok: false, message: 'the browser did not keep the workspace intact; download it to keep it (your previous save is untouched)' };
    storage.removeItem(LEGACY_WORKSPACE_KEY);
    return { ok: true };
  } catch (e) {
    return { ok: false, message: `could not save the workspace in the browser (${(e as Error).message}); download it to keep it (your previous save is untouched)` };
  }
}

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') return reject(new Error('IndexedDB is not available'));
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB open failed'));
    // Another tab holds an older version open: say so instead of waiting forever.
    req.onblocked = () => reject(new Error('another tab of the workbench is blocking the browser database; close it and reload'));
  });
}

async function tx<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const t = db.transaction(STORE, mode);
      const req = fn(t.objectStore(STORE));
      t.oncomplete = () => resolve(req.result);
      t.onerror = () => reject(t.error ?? req.error ?? new Error('IndexedDB transaction failed'));
      t.onabort = () => reject(t.error ?? new Error('IndexedDB transaction aborted (storage full?)'));
    });
  } finally {
    db.close();
  }
}

export async function saveResults(key: string, value: unknown): Promise<SaveOutcome> {
  try {
    await tx('readwrite', (s) => s.put(value, key));
    return { ok: true };
  } catch (e) {
    return { ok: false, message: `results not saved in the browser (${(e as Error).message}); export them to keep them` };
  }
}

export async function loadResults<T>(key: string): Promise<{ value: T | null; message?: string }> {
  try {
    return { value: ((await tx('readonly', (s) => s.get(key))) as T) ?? null };
  } catch (e) {
    return { value: null, message: `saved results could not be read (${(e as Error).message})` };
  }
}
