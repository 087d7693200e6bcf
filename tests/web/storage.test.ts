/**
 * Saved work survives an interrupted save: the workspace's two-slot storage
 * against a Storage that can cut a write short, flip a byte, or run out of
 * quota. Whatever happens to a save, loading returns the last save that
 * completed, a newer save this version cannot use is kept aside rather than
 * overwritten, and the first version's single-key save is migrated.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashText, loadWorkspaceJson, saveWorkspaceJson, WORKSPACE_SLOT_KEYS } from '../../web/lib/storage.ts';

const LEGACY_KEY = 'cryo-workbench/workspace/v1';

/** localStorage's contract in a Map, plus the ways a real write goes wrong. */
class FakeStorage implements Storage {
  readonly map = new Map<string, string>();
  /** the next setItem keeps only this many characters, then the tab "dies" (throws) */
  cutNextWriteAt: number | null = null;
  /** setItem throws before writing anything, as a full quota does */
  full = false;

  get length() {
    return this.map.size;
  }
  clear() {
    this.map.clear();
  }
  getItem(key: string) {
    return this.map.has(key) ? this.map.get(key)! : null;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
  setItem(key: string, value: string) {
    if (this.full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    if (this.cutNextWriteAt !== null) {
      const at = this.cutNextWriteAt;
      this.cutNextWriteAt = null;
      this.map.set(key, value.slice(0, at));
      throw new Error('tab killed mid-save');
    }
    this.map.set(key, value);
  }
}

const ws = (n: number) => ({ version: 1, note: `save ${n}`, protocols: Array.from({ length: n % 4 }, (_, i) => ({ id: `p${i}` })) });

describe('workspace storage', () => {
  it('round-trips and alternates between the two slots', () => {
    const st = new FakeStorage();
    expect(loadWorkspaceJson(st)).toEqual({ value: null });
    for (let n = 1; n <= 3; n++) {
      expect(saveWorkspaceJson(ws(n), st)).toEqual({ ok: true });
      expect(loadWorkspaceJson(st)).toMatchObject({ value: ws(n), from: 'slot' });
    }
    // Both slots are in use: the newest and the one before it.
    expect(WORKSPACE_SLOT_KEYS.every((k) => st.getItem(k))).toBe(true);
  });

  it('a save cut short (tab killed) leaves the previous save in charge, and says so', () => {
    const st = new FakeStorage();
    saveWorkspaceJson(ws(1), st);
    saveWorkspaceJson(ws(2), st);
    st.cutNextWriteAt = 150; // inside the data, past the header
    const r = saveWorkspaceJson(ws(3), st);
    expect(r.ok).toBe(false);
    const loaded = loadWorkspaceJson(st);
    expect(loaded.value).toEqual(ws(2));
    expect(loaded.message).toMatch(/cut short/);
    // The damaged slot is the one the next save reuses; the good one is never touched.
    expect(saveWorkspaceJson(ws(4), st)).toEqual({ ok: true });
    expect(loadWorkspaceJson(st)).toEqual({ value: ws(4), from: 'slot' });
  });

  it('a damaged save (a flipped character) fails its checksum and the previous one loads', () => {
    const st = new FakeStorage();
    saveWorkspaceJson(ws(1), st);
    saveWorkspaceJson(ws(2), st);
    const newest = WORKSPACE_SLOT_KEYS.find((k) => st.getItem(k)!.includes('save 2'))!;
    st.map.set(newest, st.getItem(newest)!.replace('save 2', 'save 7'));
    const loaded = loadWorkspaceJson(st);
    expect(loaded.value).toEqual(ws(1));
    expect(loaded.message).toMatch(/checksum/);
    expect(hashText('save 2')).not.toBe(hashText('save 7'));
  });

  it('a full quota fails the save with a message and keeps what was saved', () => {
    const st = new FakeStorage();
    saveWorkspaceJson(ws(1), st);
    st.full = true;
    const r = saveWorkspaceJson(ws(2), st);
    expect(r).toMatchObject({ ok: false });
    if (!r.ok) expect(r.message).toMatch(/previous save is untouched/);
    st.full = false;
    expect(loadWorkspaceJson(st).value).toEqual(ws(1));
  });

  it('a newer save this version refuses is skipped for the previous one and kept aside, never overwritten', () => {
    const st = new FakeStorage();
    saveWorkspaceJson(ws(1), st);
    saveWorkspaceJson({ version: 2, from: 'a newer workbench' }, st);
    const accept = (v: unknown) => (v as { version: number }).version === 1;
    const loaded = loadWorkspaceJson(st, accept);
    expect(loaded.value).toEqual(ws(1));
    expect(loaded.message).toMatch(/cannot use \(kept under "cryo-workbench\/workspace\/kept-2"\)/);
    // Two more saves cycle through both slots; the kept copy is still there.
    saveWorkspaceJson(ws(3), st);
    saveWorkspaceJson(ws(4), st);
    expect(st.getItem('cryo-workbench/workspace/kept-2')).toContain('a newer workbench');
    expect(loadWorkspaceJson(st, accept).value).toEqual(ws(4));
  });

  it('migrates the first version\u2019s single-key save, and removes that key only once a slot holds it', () => {
    const st = new FakeStorage();
    st.setItem(LEGACY_KEY, JSON.stringify(ws(5)));
    expect(loadWorkspaceJson(st)).toEqual({ value: ws(5), from: 'legacy' });
    st.full = true;
    saveWorkspaceJson(ws(5), st);
    expect(st.getItem(LEGACY_KEY)).not.toBeNull(); // the save failed: the old copy stays
    st.full = false;
    expect(saveWorkspaceJson(ws(5), st)).toEqual({ ok: true });
    expect(st.getItem(LEGACY_KEY)).toBeNull();
    expect(loadWorkspaceJson(st)).toEqual({ value: ws(5), from: 'slot' });
  });

  it('an unreadable first-version save is kept aside, not lost', () => {
    const st = new FakeStorage();
    st.setItem(LEGACY_KEY, '{"version":1,"anatomy":');
    const loaded = loadWorkspaceJson(st);
    expect(loaded.value).toBeNull();
    expect(loaded.message).toMatch(/kept under "cryo-workbench\/workspace\/kept-legacy"/);
    saveWorkspaceJson(ws(1), st);
    expect(st.getItem('cryo-workbench/workspace/kept-legacy')).toBe('{"version":1,"anatomy":');
  });

  it('property: whatever save is interrupted, and wherever, loading gives the last completed save (or the interrupted one, if it was written whole)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ cutAt: fc.option(fc.nat({ max: 400 }), { freq: 3 }), size: fc.nat({ max: 6 }) }), { minLength: 1, maxLength: 12 }),
        (saves) => {
          const st = new FakeStorage();
          let last: unknown = null;
          saves.forEach((s, n) => {
            const value = { version: 1, n, items: Array.from({ length: s.size }, (_, i) => `item ${i} of save ${n}`) };
            st.cutNextWriteAt = s.cutAt;
            if (saveWorkspaceJson(value, st).ok) last = value;
            const loaded = loadWorkspaceJson(st).value;
            // A cut past the end wrote everything before the "crash": that save may count.
            if (s.cutAt !== null && JSON.stringify(loaded) === JSON.stringify(value)) last = value;
            expect(loaded).toEqual(last);
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
