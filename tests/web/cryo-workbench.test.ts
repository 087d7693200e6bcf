// @vitest-environment happy-dom
/**
 * The app shell in happy-dom: it opens on the built-in comparison (eight
 * protocols on one anatomy), blocks a run while any compared protocol is
 * invalid, keeps the workspace in localStorage, and its share link reproduces
 * the selected scenario when the page is opened with it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS } from '../../scenarios/builtin.ts';
import '../../web/components/cryo-workbench/cryo-workbench.ts';
import { framesForStorage, type CryoWorkbench } from '../../web/components/cryo-workbench/cryo-workbench.ts';
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

  it('builds a share link that reproduces the selected scenario', async () => {
    const el = await mount();
    el.setWs({ ...el.ws, selected: 'calixte-2019', compare: ['calixte-2019', 'yoon-2016'], margins: { ...el.ws.margins, skin_margin_mm: 10 } });
    const url = new URL(el.buildShareUrl());
    const expected = el.selectedScenario();
    document.body.innerHTML = '';
    localStorage.clear();
    history.replaceState(null, '', url.pathname + url.search);
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
});
