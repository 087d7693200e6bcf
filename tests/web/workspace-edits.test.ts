/**
 * The workbench's edits as pure functions: ticks keep the list order, copies and
 * deletions leave built-ins alone, a variant applies to its protocol only and
 * survives editing, and an edit that does not apply returns the same workspace.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS } from '../../scenarios/builtin.ts';
import { defaultWorkspace, publishedProcedure } from '../../web/lib/builtins.ts';
import { selectedRun } from '../../web/lib/selected-run.ts';
import {
  addDeviceCopies,
  duplicateProtocol,
  editSelected,
  protocolScenario,
  removePin,
  removeProtocol,
  resetBuiltin,
  setOverrides,
  toggleCompare,
} from '../../web/lib/workspace-edits.ts';
import type { FileDevice } from '../../web/lib/device-file.ts';
import { makeRun } from './fixtures/results.ts';

const ids = Object.keys(BUILTIN_SCENARIOS);
const words = {};

describe('workspace edits', () => {
  it('ticking keeps the protocol order; unticking removes', () => {
    const ws = { ...defaultWorkspace(), compare: [ids[3]] };
    expect(toggleCompare(ws, ids[1], true).compare).toEqual([ids[1], ids[3]]);
    expect(toggleCompare(ws, ids[3], false).compare).toEqual([]);
  });

  it('a copy is a ticked, selected user protocol; only user protocols are deleted', () => {
    const ws = defaultWorkspace();
    const copied = duplicateProtocol(ws, ids[0]);
    const copy = copied.protocols.at(-1)!;
    expect(copy.origin).toBe('user');
    expect(copy.procedure.name).toBe(`${ws.protocols[0].procedure.name} (copy)`);
    expect(copied.selected).toBe(copy.id);
    expect(copied.compare).toContain(copy.id);
    expect(duplicateProtocol(ws, 'nope')).toBe(ws);
    expect(removeProtocol(copied, ids[0])).toBe(copied);
    const removed = removeProtocol(copied, copy.id);
    expect(removed.protocols).toEqual(ws.protocols);
    expect(removed.selected).toBe(ws.protocols[0].id);
  });

  it('a variant applies to its protocol only, survives an edit, and goes when cleared', () => {
    const ws = setOverrides(defaultWorkspace(), ids[0], { tissue: { preset: 'generic', perfusion_w_m3k: 0 } });
    expect(protocolScenario(ws, ids[0], words)!.tissue).toEqual({ preset: 'generic', perfusion_w_m3k: 0 });
    expect(protocolScenario(ws, ids[1], words)!.tissue).toEqual(ws.anatomy.tissue);
    const edited = editSelected({ ...ws, selected: ids[0] }, { ...protocolScenario(ws, ids[0], words)!, name: 'renamed' });
    expect(edited.anatomy.tissue).toEqual(ws.anatomy.tissue);
    expect(edited.protocols[0]).toMatchObject({ edited: true, overrides: ws.protocols[0].overrides, procedure: { name: 'renamed' } });
    expect(setOverrides(edited, ids[0], undefined).protocols[0].overrides).toBeUndefined();
    expect(resetBuiltin(edited, ids[0]).protocols[0]).toEqual({ id: ids[0], origin: 'builtin', procedure: publishedProcedure(ids[0]) });
  });

  it('device copies need ticked protocols, and are ticked beside them', () => {
    const dev: FileDevice = { label: 'Bench probe', diameter_mm: 1.5, active_length_mm: 10, surface: { model: 'temperature', temperature_c: -150, cooldown_s: 0 }, baseDevice: null, source: 'test', fit: null };
    const none = { ...defaultWorkspace(), compare: [] };
    expect(addDeviceCopies(none, dev)).toEqual({ ws: none, added: [] });
    const { ws, added } = addDeviceCopies({ ...defaultWorkspace(), compare: [ids[0]] }, dev);
    expect(added).toEqual([`${ids[0]}-device-1`]);
    expect(ws.compare).toEqual([ids[0], added[0]]);
  });

  it('removing the last pin removes the list', () => {
    expect('pins' in removePin({ ...defaultWorkspace(), pins: [] }, 'p1')).toBe(false);
  });

  it('the selected run is the selected protocol’s result, else the first result', () => {
    const a = makeRun('a');
    const b = makeRun('b');
    const pending = { ...makeRun('c'), result: null };
    expect(selectedRun([a, b], 'b')).toBe(b);
    expect(selectedRun([pending, a, b], 'c')).toBe(a);
    expect(selectedRun([pending], 'c')).toBeNull();
  });
});
