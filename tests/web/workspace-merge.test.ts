/**
 * Workspace merges keep what only this browser holds: a link never overwrites a user
 * protocol and keeps edits to built-ins as copies; a whole-workspace import replaces
 * the workspace but keeps this browser's own protocols and pins beside it, and is
 * refused (nothing changed) when the pins would not fit.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS } from '../../scenarios/builtin.ts';
import { defaultWorkspace, publishedProcedure } from '../../web/lib/builtins.ts';
import { makePin } from '../../web/lib/pins.ts';
import { MAX_PINS } from '../../web/ui-presets.ts';
import { addImportedScenario, importWorkspace, mergeLinkedScenario, refreshBuiltins } from '../../web/lib/workspace-merge.ts';
import { procedureOf, type Workspace } from '../../web/lib/workspace.ts';
import { scenarioFile, makeRun } from './fixtures/results.ts';

const ids = Object.keys(BUILTIN_SCENARIOS);
const mine = (ws: Workspace, id: string, name: string): Workspace => ({
  ...ws,
  protocols: [...ws.protocols, { id, origin: 'user', procedure: { ...procedureOf(scenarioFile), name } }],
});
const editedBuiltin = (ws: Workspace): Workspace => ({
  ...ws,
  protocols: ws.protocols.map((p) => (p.id === ids[0] ? { ...p, edited: true, procedure: { ...p.procedure, name: 'my edit' } } : p)),
});

describe('workspace merges', () => {
  it('start-up: unedited built-ins are the published ones, missing built-ins come back, edits stay', () => {
    const ws = editedBuiltin(defaultWorkspace());
    const damaged: Workspace = {
      ...ws,
      compare: ws.compare.filter((id) => id !== ids[2]),
      protocols: ws.protocols.filter((p) => p.id !== ids[2]).map((p) => (p.id === ids[1] ? { ...p, procedure: { ...p.procedure, probes: [] } } : p)),
    };
    const out = refreshBuiltins(damaged);
    expect(out.protocols.map((p) => p.id).sort()).toEqual([...ids].sort());
    expect(out.protocols.find((p) => p.id === ids[1])!.procedure).toEqual(publishedProcedure(ids[1]));
    expect(out.protocols.find((p) => p.id === ids[0])!.procedure.name).toBe('my edit');
    expect(out.compare).not.toContain(ids[2]);
  });

  it('a link takes a fresh id instead of overwriting a user protocol, and copies edited built-ins out', () => {
    const ws = editedBuiltin(mine(defaultWorkspace(), 'shared', 'Mine'));
    const m = mergeLinkedScenario(ws, { ...scenarioFile, name: 'From link' }, 'shared', [ids[1], 'no-such-protocol']);
    expect(m.id).not.toBe('shared');
    expect(m.ws.protocols.find((p) => p.id === 'shared')!.procedure.name).toBe('Mine');
    expect(m.ws.selected).toBe(m.id);
    expect(m.ws.compare).toEqual([m.id, ids[1]]);
    expect(m.unknown).toEqual(['no-such-protocol']);
    expect(m.keptCopies.map((c) => c.procedure.name)).toEqual(['my edit (your edits)']);
    expect(m.ws.protocols.find((p) => p.id === ids[0])!.procedure).toEqual(publishedProcedure(ids[0]));
  });

  it('an uploaded scenario is added, ticked and selected, and brings its anatomy', () => {
    const ws = defaultWorkspace();
    const { ws: out, id } = addImportedScenario(ws, { ...scenarioFile, name: 'Colleague’s protocol' }, 'x.json');
    expect(out.protocols).toHaveLength(ws.protocols.length + 1);
    expect(out.selected).toBe(id);
    expect(out.compare).toContain(id);
    expect(out.anatomy.nerve).toEqual(scenarioFile.nerve);
  });

  it('a whole workspace replaces this one and keeps this browser’s own protocols and pins, unticked', () => {
    const pin = (name: string) => {
      const made = makePin(makeRun('a'), name, [], new Date('2026-01-01T00:00:00Z'));
      if (!made.ok) throw new Error(made.reason);
      return made.pin;
    };
    const incoming: Workspace = { ...mine(defaultWorkspace(), 'theirs-1', 'Theirs'), compare: ['theirs-1'], selected: 'theirs-1', pins: [pin('their pin')] };
    const current: Workspace = { ...editedBuiltin(mine(defaultWorkspace(), 'theirs-1', 'Mine, same id')), pins: [pin('my pin')] };
    const m = importWorkspace(current, incoming);
    if (!m.ok) throw new Error(m.reason);
    expect(m.ws.selected).toBe('theirs-1');
    expect(m.ws.compare).toEqual(['theirs-1']);
    expect(m.ws.protocols.find((p) => p.id === 'theirs-1')!.procedure.name).toBe('Theirs');
    expect(m.kept.map((p) => p.procedure.name).sort()).toEqual(['Mine, same id (yours, before the import)', 'my edit (yours, before the import)']);
    expect(m.kept.every((p) => p.origin === 'user' && !m.ws.compare.includes(p.id))).toBe(true);
    expect(m.ws.pins!.map((p) => p.name)).toEqual(['their pin', 'my pin']);
    expect(new Set(m.ws.pins!.map((p) => p.id)).size).toBe(2);
  });

  it('importing the same workspace twice adds nothing', () => {
    const ws = mine(defaultWorkspace(), 'a-1', 'A');
    const m = importWorkspace(ws, ws);
    if (!m.ok) throw new Error(m.reason);
    expect(m.kept).toEqual([]);
    expect(m.ws.protocols).toEqual(ws.protocols);
  });

  it('is refused when the pins together would pass the limit', () => {
    const pins = Array.from({ length: MAX_PINS.value }, (_, i) => {
      const made = makePin(makeRun('a'), `p${i}`, [], new Date(Date.UTC(2026, 0, 1, 0, i)));
      if (!made.ok) throw new Error(made.reason);
      return made.pin;
    });
    const current: Workspace = { ...defaultWorkspace(), pins: pins.slice(0, 1).map((p) => ({ ...p, name: 'mine' })) };
    const m = importWorkspace(current, { ...defaultWorkspace(), pins });
    expect(m).toMatchObject({ ok: false, reason: expect.stringMatching(/pinned results.*remove some pins first/) });
  });
});
