// @vitest-environment happy-dom
/**
 * The app shell in happy-dom: it opens on the built-in comparison (eight
 * protocols on one anatomy), blocks a run while any compared protocol is
 * invalid, keeps the workspace in localStorage, and its share link reproduces
 * the selected scenario when the page is opened with it. Files and links that
 * are not usable scenarios change nothing and say why; an older file is
 * migrated; an accepted import can be undone until the next edit; a damaged
 * newest save falls back to the previous one.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS } from '../../scenarios/builtin.ts';
import '../../web/components/cryo-workbench/cryo-workbench.ts';
import type { CryoWorkbench } from '../../web/components/cryo-workbench/cryo-workbench.ts';
import { framesForStorage } from '../../web/lib/result-storage.ts';
import { makeRun } from './fixtures/results.ts';

async function mount(): Promise<CryoWorkbench> {
  const el = document.createElement('cryo-workbench') as CryoWorkbench;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

beforeEach(() => {
  localStorage.clear();
  history.replaceState(null, '', '/');
});
afterEach(() => {
  document.body.innerHTML = '';
});

describe('cryo-workbench', () => {
  it('opens on every built-in protocol, placed on one anatomy, all valid', async () => {
    const el = await mount();
    const ids = Object.keys(BUILTIN_SCENARIOS);
    expect(el.ws.compare).toEqual(ids);
    for (const id of ids) expect(el.issuesOf(id), id).toEqual([]);
    const nerve = el.ws.anatomy.nerve!;
    // Every protocol shares the anatomy's nerve; the run button is enabled.
    expect(el.selectedScenario()!.nerve).toEqual(nerve);
    expect((el.shadowRoot!.querySelector('#run') as HTMLButtonElement).disabled).toBe(false);
    expect(el.shadowRoot!.querySelectorAll('.protocols li')).toHaveLength(ids.length);
  });

  it('makes each protocol\'s file once per workspace: the same object on every render, a new one after an edit', async () => {
    const el = await mount();
    const file = el.scenarioOf('yoon-2016');
    const list = el.runner.ensembleProtocols();
    el.requestUpdate();
    await el.updateComplete;
    expect(el.scenarioOf('yoon-2016')).toBe(file);
    expect(el.runner.ensembleProtocols()).toBe(list);
    const nerve = el.ws.anatomy.nerve!;
    el.setWs({ ...el.ws, anatomy: { ...el.ws.anatomy, nerve: { ...nerve, diameter_mm: nerve.diameter_mm + 1 } } });
    await el.updateComplete;
    const edited = el.scenarioOf('yoon-2016')!;
    expect(edited).not.toBe(file);
    expect(edited.nerve!.diameter_mm).toBe(nerve.diameter_mm + 1);
    expect(el.runner.ensembleProtocols()).not.toBe(list);
    expect(el.runner.ensembleProtocols().find((p) => p.id === 'yoon-2016')!.file.nerve!.diameter_mm).toBe(nerve.diameter_mm + 1);
  });

  it('is running from the click on, before the worker pool has answered, and a Cancel then starts nothing', async () => {
    const el = await mount();
    el.setWs({ ...el.ws, compare: ['yoon-2016'], selected: 'yoon-2016' });
    const batches: string[][] = [];
    el.runner.pool = {
      runBatch: (entries: { id: string }[]) => {
        batches.push(entries.map((e) => e.id));
        return { promise: Promise.resolve(new Map()), cancel: () => undefined };
      },
      close: () => undefined,
    } as never;
    const run = el.run();
    expect(el.running).toBe(true);
    // A second click while the first is starting does not start a second batch.
    const second = el.run();
    el.cancel();
    await second;
    await run;
    expect(batches).toEqual([]);
    expect(el.running).toBe(false);
    expect(el.runs.map((r) => [r.id, r.error?.message])).toEqual([['yoon-2016', 'cancelled']]);
    // The next run starts its batch.
    await el.run();
    expect(batches).toEqual([['yoon-2016']]);
  });

  it('blocks the run while a compared protocol is invalid, and says which', async () => {
    const el = await mount();
    el.setWs({ ...el.ws, anatomy: { ...el.ws.anatomy, geometry: { ...el.ws.anatomy.geometry!, spacing_mm: -1 } } });
    await el.updateComplete;
    expect((el.shadowRoot!.querySelector('#run') as HTMLButtonElement).disabled).toBe(true);
    await el.run();
    expect(el.running).toBe(false);
    const notice = el.notices.at(-1)!;
    expect(notice.kind).toBe('error');
    expect(notice.issues!.some((i) => i.path.endsWith('geometry.spacing_mm'))).toBe(true);
  });

  it('saves the workspace and restores it on the next start', async () => {
    const el = await mount();
    el.setWs({ ...el.ws, compare: ['yoon-2016'], selected: 'yoon-2016' });
    (el as unknown as { flushSave(): void }).flushSave();
    expect(el.saveState).toBe('saved');
    el.remove();
    const again = await mount();
    expect(again.ws.compare).toEqual(['yoon-2016']);
    expect(again.ws.selected).toBe('yoon-2016');
  });

  it('an edit not yet saved is saved when the workbench leaves the page', async () => {
    const el = await mount();
    el.setWs({ ...el.ws, compare: ['yoon-2016'], selected: 'yoon-2016' });
    expect(el.saveState).toBe('unsaved');
    el.remove();
    const again = await mount();
    expect(again.ws.compare).toEqual(['yoon-2016']);
  });

  it('builds a share link that reproduces the selected scenario', async () => {
    const el = await mount();
    el.setWs({ ...el.ws, selected: 'calixte-2019', compare: ['calixte-2019', 'yoon-2016'], margins: { ...el.ws.margins, skin_margin_mm: 10 } });
    const url = new URL(el.buildShareUrl());
    const expected = el.selectedScenario();
    document.body.innerHTML = '';
    localStorage.clear();
    expect(url.search).toBe('');
    history.replaceState(null, '', url.pathname + url.hash);
    const opened = await mount();
    expect(opened.ws.selected).toBe('calixte-2019');
    expect(opened.selectedScenario()).toEqual(expected);
    expect([...opened.ws.compare].sort()).toEqual(['calixte-2019', 'yoon-2016']);
    expect(opened.ws.margins.skin_margin_mm).toBe(10);
  });

  it('a link never overwrites the user\'s own work, and leaves the address bar', async () => {
    const el = await mount();
    // This browser has its own "my-protocol-1" and an edited built-in.
    const mine = { ...structuredClone(el.ws.protocols[0]), id: 'my-protocol-1', origin: 'user' as const };
    mine.procedure.name = 'Mine';
    const edited = el.ws.protocols.map((p) => (p.id === 'yoon-2016' ? { ...p, edited: true, procedure: { ...p.procedure, name: 'Yoon tweaked' } } : p));
    el.setWs({ ...el.ws, protocols: [...edited, mine] });
    (el as unknown as { flushSave(): void }).flushSave();
    // A link from someone else's "my-protocol-1".
    const theirs = { ...el.selectedScenario()!, name: 'Theirs' };
    const q = new URLSearchParams({ scenario: Buffer.from(JSON.stringify(theirs)).toString('base64url'), id: 'my-protocol-1' });
    el.remove();
    history.replaceState(null, '', '/?' + q.toString());
    const opened = await mount();
    const names = opened.ws.protocols.map((p) => p.procedure.name);
    expect(names).toContain('Mine');
    expect(names).toContain('Theirs');
    expect(names).toContain('Yoon tweaked (your edits)');
    expect(opened.selectedScenario()!.name).toBe('Theirs');
    expect(opened.ws.selected).not.toBe('my-protocol-1');
    expect(location.search).toBe('');
    expect(location.hash).toBe('');
  });

  it('thins stored map snapshots to a byte budget, and says so', () => {
    const frames = (n: number) => ({
      nx: 10, nz: 10, spacing_mm: 1, x0_mm: 0.5, z0_mm: 0.5,
      times_s: Array.from({ length: n }, (_, i) => i * 10),
      temperatures_c: Array.from({ length: n }, () => new Float32Array(100)),
      cell_kind: new Uint8Array(100),
    });
    const runs = [makeRun('a', { frames: frames(100) }), makeRun('b', { frames: frames(100) })];
    expect(framesForStorage(runs, 1e9).perRun).toBeNull();
    const thin = framesForStorage(runs, 2 * 400 * 50);
    expect(thin.perRun).toBe(50);
    expect(thin.runs[0].frames!.temperatures_c).toHaveLength(50);
    expect(thin.runs[0].frames!.times_s.at(-1)).toBe(990);
    expect(framesForStorage(runs, 2 * 400 * 5)).toMatchObject({ perRun: 0 });
    expect(framesForStorage(runs, 2 * 400 * 5).runs[0].frames).toBeNull();
  });

  const file = (name: string, text: string) => new File([text], name, { type: 'application/json' });
  const lastNotice = (el: CryoWorkbench) => el.notices.at(-1)!;

  it('a corrupt file, other JSON, or a newer-version file changes nothing and says why', async () => {
    const el = await mount();
    el.setWs({ ...el.ws, compare: ['yoon-2016'], selected: 'yoon-2016' });
    const before = el.ws;
    const cases: [File, RegExp][] = [
      [file('broken.json', '{"schema":"cryo-scenario/1","name":"cut'), /broken\.json was not loaded: it is not valid JSON/],
      [file('list.json', '{"groceries":["milk"]}'), /list\.json was not loaded: it is JSON but not a scenario/],
      [file('future.json', JSON.stringify({ ...el.selectedScenario(), schema: 'cryo-scenario/2' })), /future\.json was not loaded: it was written for a newer version/],
      [file('result.json', '{"schema":"cryo-result/1"}'), /is a run result/],
    ];
    for (const [f, message] of cases) {
      await el.importFile(f);
      expect(el.ws).toBe(before);
      expect(lastNotice(el)).toMatchObject({ kind: 'error', text: expect.stringMatching(message) });
      expect(lastNotice(el).text).toMatch(/Nothing in your workspace was changed\.$/);
    }
  });

  it('an older file without "schema" is migrated and loaded, and Undo puts the workspace back', async () => {
    const el = await mount();
    const before = el.ws;
    const { schema: _s, ...old } = { ...el.selectedScenario()!, name: 'Colleague 2019 file' } as unknown as Record<string, unknown>;
    await el.importFile(file('old.json', JSON.stringify(old)));
    expect(el.selectedScenario()!.name).toBe('Colleague 2019 file');
    expect(el.selectedScenario()!.schema).toBe('cryo-scenario/1');
    expect(el.notices.some((n) => n.kind === 'info' && /old\.json was migrated: it had no "schema" field/.test(n.text))).toBe(true);
    expect(el.issuesOf(el.ws.selected)).toEqual([]);
    await el.updateComplete;
    const undo = el.shadowRoot!.querySelector<HTMLButtonElement>('.notice button.undo')!;
    expect(undo.textContent).toBe('Undo');
    undo.click();
    expect(el.ws).toBe(before);
    // Once anything else changes, the old workspace is no longer offered back.
    await el.importFile(file('old.json', JSON.stringify(old)));
    el.setWs({ ...el.ws, compare: [] });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.notice button.undo')).toBeNull();
  });

  it('a link with a newer-version scenario leaves the saved workspace as it was', async () => {
    const el = await mount();
    el.setWs({ ...el.ws, compare: ['cazzato-2016'], selected: 'cazzato-2016' });
    (el as unknown as { flushSave(): void }).flushSave();
    const saved = el.ws;
    el.remove();
    const future = { ...el.selectedScenario()!, schema: 'cryo-scenario/2', name: 'From the future' };
    history.replaceState(null, '', '/?scenario=' + Buffer.from(JSON.stringify(future)).toString('base64url') + '&margin_mm=7');
    const opened = await mount();
    expect(opened.ws.protocols).toEqual(saved.protocols);
    expect(opened.ws.anatomy).toEqual(saved.anatomy);
    expect(opened.ws.selected).toBe('cazzato-2016');
    expect(opened.ws.margins).toEqual(saved.margins); // the link's margin_mm=7 is not used either
    expect(opened.notices.find((n) => n.kind === 'error')!.text).toMatch(/link's scenario was not loaded: it was written for a newer version.*Your workspace is unchanged/);
  });

  it('a damaged newest save falls back to the one before, and says so', async () => {
    const el = await mount();
    const flush = () => (el as unknown as { flushSave(): void }).flushSave();
    el.setWs({ ...el.ws, selected: 'yoon-2016' });
    flush();
    el.setWs({ ...el.ws, selected: 'bittman-2018' });
    flush();
    el.remove();
    // Cut the newest slot short, as a tab killed mid-write would.
    const key = ['cryo-workbench/workspace/slot-a', 'cryo-workbench/workspace/slot-b'].find((k) => localStorage.getItem(k)?.includes('"selected":"bittman-2018"'))!;
    localStorage.setItem(key, localStorage.getItem(key)!.slice(0, 500));
    const again = await mount();
    expect(again.ws.selected).toBe('yoon-2016');
    expect(again.notices[0]).toMatchObject({ kind: 'error', text: expect.stringMatching(/cut short.*was loaded instead/) });
  });

  it('a share link pasted into the open tab (only the fragment changes, no reload) is applied', async () => {
    const el = await mount();
    const theirs = { ...el.selectedScenario()!, name: 'Pasted into this tab' };
    location.hash = 'scenario=' + Buffer.from(JSON.stringify(theirs)).toString('base64url');
    await new Promise((r) => setTimeout(r, 20));
    expect(el.selectedScenario()!.name).toBe('Pasted into this tab');
    expect(location.hash).toBe('');
    // A broken one gets its messages and changes nothing.
    const ws = el.ws;
    location.hash = 'scenario=not-base64!&margin_mm=lots';
    await new Promise((r) => setTimeout(r, 20));
    expect(el.ws).toBe(ws);
    expect(el.notices.at(-1)!.issues!.map((i) => i.path)).toEqual(['link.scenario', 'link.margin_mm']);
  });

  it('a link or file with a malformed scenario opens with the validator\u2019s messages, never an exception', async () => {
    const base = (await mount()).selectedScenario()! as unknown as Record<string, unknown>;
    document.body.innerHTML = '';
    const malformed: Record<string, unknown>[] = [
      { ...base, geometry: { ...(base.geometry as object), size_mm: 5 } },
      { ...base, geometry: null },
      { ...base, nerve: { center_mm: 'deep' } },
      { ...base, probes: 'one' },
      { ...base, probes: [{ tip_mm: null }, 7] },
      { ...base, protocol: { phase: 'freeze' } },
      { ...base, name: 42, source: {}, assumptions: 'x', sensors: [{ name: {}, position_mm: 'here' }] },
    ];
    for (const bad of malformed) {
      localStorage.clear();
      history.replaceState(null, '', '/#scenario=' + Buffer.from(JSON.stringify(bad)).toString('base64url'));
      const el = await mount();
      expect(el.shadowRoot!.querySelector('header h1')).not.toBeNull();
      expect(el.notices.some((n) => n.kind === 'error' && (n.issues?.length ?? 0) > 0)).toBe(true);
      expect((el.shadowRoot!.querySelector('#run') as HTMLButtonElement).disabled).toBe(true);
      // The editor shows it too (its fields read every part of the scenario).
      el.tab = 'editor';
      await el.updateComplete;
      const editor = el.shadowRoot!.querySelector('scenario-editor') as HTMLElement & { updateComplete: Promise<unknown> };
      await editor.updateComplete;
      expect(editor.shadowRoot!.childElementCount).toBeGreaterThan(0);
      // A shape the form cannot walk opens in the JSON view, with the reason.
      if (typeof bad.probes === 'string') expect(editor.shadowRoot!.querySelector('#form-problem')!.textContent).toContain('"probes" is not a list');
      el.tab = 'setup';
      // The same file uploaded into a working page.
      await el.importFile(new File([JSON.stringify(bad)], 'bad.json'));
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('header h1')).not.toBeNull();
      el.remove();
    }
  });
});
