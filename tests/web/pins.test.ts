/**
 * Pinned results (web/lib/pins.ts): a pin copies a finished run's file and
 * result (never frames) under a unique name; refusals (no result, no name, a
 * duplicate, too many, too large) leave the list as it was; pins survive the
 * workspace's save check, and a damaged pin is left out without losing the
 * others or the workspace.
 */
import { describe, expect, it } from 'vitest';
import { asPins, defaultPinName, makePin, pinRun, type Pin } from '../../web/lib/pins.ts';
import { asWorkspace } from '../../web/lib/workspace.ts';
import { defaultWorkspace } from '../../web/lib/builtins.ts';
import { MAX_PINS } from '../../web/ui-presets.ts';
import { makeResult, makeRun } from './fixtures/results.ts';

const run = makeRun('cazzato-2016', { result: makeResult(), frames: { nx: 2, nz: 2, x0_mm: 0, z0_mm: 0, spacing_mm: 1, times_s: [0], temperatures_c: [new Float32Array(4)] } as never });

describe('pins', () => {
  it('copy the run (file and result, no frames) under a unique name', () => {
    const made = makePin(run, '  perfusion off ', [], new Date('2026-01-02T03:04:05Z'));
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    expect(made.pin).toMatchObject({ id: 'p1', name: 'perfusion off', from_id: 'cazzato-2016', shown: true, pinned_at: '2026-01-02T03:04:05.000Z' });
    expect(made.pin.result).toEqual(run.result);
    expect(made.pin.result).not.toBe(run.result);
    expect('frames' in made.pin).toBe(false);
    const r = pinRun(made.pin, 0, 8);
    expect(r.id).toBe('pin:p1');
    expect(r.label).toBe('pinned: perfusion off');
    expect(r.frames).toBeNull();
    expect(defaultPinName('perfusion off', [made.pin])).toBe('perfusion off (2)');
  });

  it('keep a finite bath\'s series through the save and back, for the charts across protocols', () => {
    const bath = [{ medium: 'tissue', temp_c: [27.2, 25, 23, 22] }];
    const made = makePin(makeRun('bench', { result: makeResult({ bath }) }), 'saline bench', []);
    if (!made.ok) throw new Error(made.reason);
    expect(made.pin.result.bath).toEqual(bath);
    const back = asWorkspace(JSON.parse(JSON.stringify({ ...defaultWorkspace(0.5), pins: [made.pin] })));
    expect(pinRun(back!.pins![0], 0, 1).result!.bath).toEqual(bath);
  });

  it('refusals say why and leave the list unchanged', () => {
    const first = makePin(run, 'a', []);
    if (!first.ok) throw new Error('first pin refused');
    const pins = [first.pin];
    const before = JSON.stringify(pins);
    expect(makePin({ ...run, result: null }, 'x', pins)).toMatchObject({ ok: false, reason: expect.stringMatching(/no result/) });
    expect(makePin(run, '   ', pins)).toMatchObject({ ok: false, reason: expect.stringMatching(/name/) });
    expect(makePin(run, 'a', pins)).toMatchObject({ ok: false, reason: expect.stringMatching(/already called/) });
    const full = Array.from({ length: MAX_PINS.value }, (_, i) => ({ ...first.pin, id: `p${i + 1}`, name: `n${i}` }));
    expect(makePin(run, 'one more', full)).toMatchObject({ ok: false, reason: expect.stringMatching(/remove one first/) });
    const huge = { ...run, result: makeResult({ times_s: Array.from({ length: 300_000 }, (_, i) => i) }) };
    expect(makePin(huge, 'huge', pins)).toMatchObject({ ok: false, reason: expect.stringMatching(/MB/) });
    expect(JSON.stringify(pins)).toBe(before);
    // a second pin gets a fresh id
    const second = makePin(run, 'b', pins);
    expect(second.ok && second.pin.id).toBe('p2');
  });

  it('survive the workspace check; a damaged pin is dropped alone', () => {
    const made = makePin(run, 'kept', []);
    if (!made.ok) throw new Error('refused');
    const ws = { ...defaultWorkspace(0.5), pins: [made.pin, { id: 'p9', name: 'broken', result: null } as unknown as Pin] };
    const back = asWorkspace(JSON.parse(JSON.stringify(ws)));
    expect(back).not.toBeNull();
    expect(back!.pins!.map((p) => p.name)).toEqual(['kept']);
    expect(back!.protocols.length).toBe(ws.protocols.length);
    expect(asPins('nonsense')).toEqual({ pins: [], dropped: 1 });
    expect(asPins(undefined)).toEqual({ pins: [], dropped: 0 });
    // no pins: the field stays absent, as in saves from before pins existed
    expect('pins' in asWorkspace(JSON.parse(JSON.stringify(defaultWorkspace(0.5))))!).toBe(false);
  });
});
