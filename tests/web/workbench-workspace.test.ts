// @vitest-environment happy-dom
/**
 * The shell with whole workspaces in happy-dom: a workspace file replaces the
 * workspace and Undo brings the old one back; files too large even for a
 * workspace are refused before they are read; a workspace link pasted into the
 * address bar is applied; a damaged one changes nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../../web/components/cryo-workbench/cryo-workbench.ts';
import type { CryoWorkbench } from '../../web/components/cryo-workbench/cryo-workbench.ts';
import { MAX_WORKSPACE_BYTES, packWorkspace, workspaceFile } from '../../web/lib/workspace-file.ts';
import { duplicateProtocol } from '../../web/lib/workspace-edits.ts';

async function mount(): Promise<CryoWorkbench> {
  const el = document.createElement('cryo-workbench') as CryoWorkbench;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(ok()).toBe(true);
};

beforeEach(() => {
  localStorage.clear();
  history.replaceState(null, '', '/');
});
afterEach(() => {
  document.body.innerHTML = '';
});

describe('cryo-workbench whole workspace', () => {
  it('opens a workspace file, and Undo puts the previous workspace back', async () => {
    const el = await mount();
    const before = el.ws;
    const theirs = duplicateProtocol({ ...before, compare: [] }, 'cazzato-2016');
    await el.importFile(new File([JSON.stringify(workspaceFile(theirs, { pins: false }))], 'class.json'));
    expect(el.ws.protocols.map((p) => p.id)).toEqual(theirs.protocols.map((p) => p.id));
    expect(el.ws.compare).toEqual(theirs.compare);
    expect(el.notices.some((n) => /^Opened the workspace from class\.json: 9 protocols/.test(n.text))).toBe(true);
    await el.updateComplete;
    (el.shadowRoot!.querySelector('.notice button.undo') as HTMLButtonElement).click();
    expect(el.ws).toBe(before);
  });

  it('refuses a file larger than any workspace before reading it', async () => {
    const el = await mount();
    const before = el.ws;
    const big = new File([new Uint8Array(MAX_WORKSPACE_BYTES + 1)], 'huge.json');
    Object.defineProperty(big, 'text', { value: () => Promise.reject(new Error('must not be read')) });
    await el.importFile(big);
    expect(el.notices.map((n) => n.text).find((t) => t.startsWith('huge.json'))).toMatch(/huge\.json was not loaded: it is .* MB, too large to be a scenario file.*whole-workspace file/);
    expect(el.ws).toBe(before);
  });

  it('applies a workspace link pasted into the address bar; a damaged one changes nothing', async () => {
    const el = await mount();
    const theirs = duplicateProtocol(el.ws, 'yoon-2016');
    location.hash = `workspace=${await packWorkspace(workspaceFile(theirs, { pins: false }))}`;
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await until(() => el.ws.protocols.length === theirs.protocols.length);
    expect(el.ws.selected).toBe(theirs.selected);
    expect(location.hash).toBe('');
    const now = el.ws;
    location.hash = 'workspace=AAAA';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    const damaged = () => el.notices.find((n) => n.text.startsWith("The link's workspace"));
    await until(() => !!damaged());
    expect(damaged()!.text).toMatch(/The link's workspace was not loaded: it is damaged.*Your workspace is unchanged/);
    expect(el.ws).toBe(now);
  });
});
