/**
 * Keeps the user's work in the browser: the workspace (anatomy, own protocols,
 * selections) in localStorage because it is small and must be there
 * synchronously at start-up, and run results (with map frames) in IndexedDB
 * because they can be tens of megabytes. Every failure is returned to the
 * caller so the UI can say so: nothing is lost silently.
 */
const WORKSPACE_KEY = 'cryo-workbench/workspace/v1';
const DB_NAME = 'cryo-workbench';
const STORE = 'results';

export type SaveOutcome = { ok: true } | { ok: false; message: string };

export function loadWorkspaceJson(storage: Storage | undefined = globalThis.localStorage): { value: unknown | null; message?: string } {
  try {
    const raw = storage?.getItem(WORKSPACE_KEY);
    if (!raw) return { value: null };
    return { value: JSON.parse(raw) };
  } catch (e) {
    return { value: null, message: `the saved workspace could not be read (${(e as Error).message}); starting fresh` };
  }
}

export function saveWorkspaceJson(value: unknown, storage: Storage | undefined = globalThis.localStorage): SaveOutcome {
  try {
    if (!storage) return { ok: false, message: 'this browser has no local storage; download your scenario to keep it' };
    storage.setItem(WORKSPACE_KEY, JSON.stringify(value));
    return { ok: true };
  } catch (e) {
    return { ok: false, message: `could not save the workspace in the browser (${(e as Error).message}); download it to keep it` };
  }
}

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') return reject(new Error('IndexedDB is not available'));
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB open failed'));
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
