/**
 * The whole-workspace file and link: written and read back to the same workspace
 * (pins only when asked), packed into a link and unpacked to the same file; other
 * formats, newer versions, damaged workspaces and decompression bombs are refused
 * with a reason.
 */
import { describe, expect, it } from 'vitest';
import { defaultWorkspace } from '../../web/lib/builtins.ts';
import { makePin } from '../../web/lib/pins.ts';
import { MAX_WORKSPACE_BYTES, packWorkspace, readWorkspaceValue, unpackWorkspace, workspaceFile, WORKSPACE_SCHEMA } from '../../web/lib/workspace-file.ts';
import { bytesToBase64Url } from '../../web/lib/url-params.ts';
import type { Workspace } from '../../web/lib/workspace.ts';
import { makeRun } from './fixtures/results.ts';

function withPin(): Workspace {
  const made = makePin(makeRun('a'), 'before', []);
  if (!made.ok) throw new Error(made.reason);
  const ws = defaultWorkspace();
  return { ...ws, pins: [made.pin], protocols: ws.protocols.map((p, i) => (i === 0 ? { ...p, overrides: { tissue: { preset: 'generic', perfusion_w_m3k: 0 } } } : p)) };
}

describe('workspace file', () => {
  it('round-trips through JSON, with pins only when asked', () => {
    const ws = withPin();
    const withPins = readWorkspaceValue(JSON.parse(JSON.stringify(workspaceFile(ws, { pins: true }))));
    expect(withPins).toEqual({ ok: true, ws, notes: [] });
    const without = readWorkspaceValue(JSON.parse(JSON.stringify(workspaceFile(ws, { pins: false }))));
    if (!without.ok) throw new Error(without.reason);
    expect(without.ws.pins).toBeUndefined();
    expect(without.ws.protocols).toEqual(ws.protocols);
    expect(workspaceFile(ws, { pins: false }).schema).toBe(WORKSPACE_SCHEMA);
  });

  it('packs into link text and back, much shorter than the JSON', async () => {
    const file = workspaceFile(withPin(), { pins: true });
    const packed = await packWorkspace(file);
    expect(packed).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(packed.length).toBeLessThan(JSON.stringify(file).length / 2);
    expect(await unpackWorkspace(packed)).toEqual({ ok: true, value: JSON.parse(JSON.stringify(file)) });
  });

  it('refuses other formats, newer versions and damaged workspaces', () => {
    const ws = defaultWorkspace();
    expect(readWorkspaceValue({ schema: 'cryo-scenario/1' })).toMatchObject({ ok: false, reason: expect.stringMatching(/not a workspace/) });
    expect(readWorkspaceValue({ ...workspaceFile(ws, { pins: false }), schema: 'cryo-workspace/2' })).toMatchObject({ ok: false, reason: expect.stringMatching(/newer version/) });
    expect(readWorkspaceValue({ schema: WORKSPACE_SCHEMA, workspace: { ...ws, protocols: [{ id: 'x' }] } })).toMatchObject({ ok: false, reason: expect.stringMatching(/damaged/) });
    expect(readWorkspaceValue({ schema: WORKSPACE_SCHEMA, workspace: { ...ws, protocols: [], compare: [] } })).toMatchObject({ ok: false, reason: 'holds no protocols' });
  });

  it('leaves out a damaged pin and says so', () => {
    const file = workspaceFile(withPin(), { pins: true });
    const value = JSON.parse(JSON.stringify(file));
    value.workspace.pins.push({ id: 'p9', name: 'broken' });
    const read = readWorkspaceValue(value);
    if (!read.ok) throw new Error(read.reason);
    expect(read.ws.pins).toHaveLength(1);
    expect(read.notes).toEqual(['1 damaged pinned result was left out']);
  });

  it('refuses damaged link text and stops a decompression bomb', async () => {
    expect(await unpackWorkspace('!!')).toMatchObject({ ok: false, reason: expect.stringMatching(/base64url/) });
    expect(await unpackWorkspace('AAAA')).toMatchObject({ ok: false });
    const zeros = new Blob([new Uint8Array(MAX_WORKSPACE_BYTES + 1024)]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    const bomb = bytesToBase64Url(new Uint8Array(await new Response(zeros).arrayBuffer()));
    expect(bomb.length).toBeLessThan(100_000);
    expect(await unpackWorkspace(bomb)).toMatchObject({ ok: false, reason: expect.stringMatching(/more than/) });
  });
});
