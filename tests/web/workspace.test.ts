/**
 * The workspace model: scenario files split into shared anatomy and per-protocol
 * procedure and joined back losslessly; probes keep their offset from the nerve
 * when moved to another anatomy or when the nerve moves; a workspace read back
 * from storage is repaired where that is safe and refused where it is not.
 */
import { describe, expect, it } from 'vitest';
import { anatomyOf, asWorkspace, combine, moveNerve, newUserId, procedureOf, split, workspaceFromBuiltins, type Workspace } from '../../web/lib/workspace.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { BUILTIN_SCENARIOS } from '../../scenarios/builtin.ts';
import { PUBLISHED_ADJUNCTS } from '../../scenarios/placement.ts';
import type { ScenarioFile } from '../../scenarios/schema.ts';
import { scenarioFile } from './fixtures/results.ts';

const other: ScenarioFile = {
  ...scenarioFile,
  name: 'Deep nerve',
  probes: [{ device: 'argon-1.7mm', tip_mm: [0, 0, 32], direction: [0, 0, 1] }],
  nerve: { center_mm: [3, 0, 30], direction: [0, 1, 0], diameter_mm: 5 },
  protocol: [{ phase: 'freeze', duration_s: 180 }],
};

describe('workspace', () => {
  it('splits and combines back to the same scenario file', () => {
    const file = { ...scenarioFile, source: 'paper', assumptions: ['depth assumed'] };
    const { anatomy, procedure } = split(file, 'x');
    expect(combine(anatomy, procedure)).toEqual(file);
  });

  it('places a protocol on another anatomy keeping the probe-to-nerve depth offset', () => {
    const moved = combine(anatomyOf(scenarioFile), procedureOf(other));
    // other: tip 2 mm below its nerve (32 vs 30); target nerve at 20 → tip 22
    expect(moved.probes[0].tip_mm).toEqual([0, 0, 22]);
    expect(moved.protocol).toEqual(other.protocol);
  });

  it('moves probes with the nerve when asked', () => {
    const ws = workspaceFromBuiltins({ a: scenarioFile, b: other }, 'a');
    const tips = (w: Workspace) => w.protocols.map((p) => combine(w.anatomy, p.procedure).probes[0].tip_mm[2]);
    expect(tips(ws)).toEqual([25, 22]);
    const moved = moveNerve(ws, [4, 0, 15], true);
    expect(moved.anatomy.nerve!.center_mm).toEqual([4, 0, 15]);
    expect(tips(moved)).toEqual([20, 17]);
    const still = moveNerve(ws, [4, 0, 15], false);
    expect(tips(still)).toEqual([25, 22]);
  });

  it('never clamps a probe into the body: an anatomy the protocol cannot sit in makes it invalid, saying why', () => {
    const shallow = anatomyOf({ ...scenarioFile, nerve: { center_mm: [4, 0, 1], direction: [0, 1, 0], diameter_mm: 1 } });
    // other's tip is 2 mm below its nerve; a nerve 1 mm deep puts the 10-mm cold segment above the skin
    const file = combine(shallow, procedureOf(other));
    expect(file.probes[0].tip_mm[2]).toBe(3);
    const r = validateScenario(file);
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.message).join('\n')).toMatch(/cold segment would reach above the skin/);
  });

  it('an edit keeps a protocol\'s published adjuncts, applied or switched off, and the shared anatomy\'s own skin and nerve distance', () => {
    const published = procedureOf(BUILTIN_SCENARIOS['von-falck-2022']);
    const anatomy = anatomyOf({ ...scenarioFile, nerve: { center_mm: [5, 0, 20], direction: [0, 1, 0], diameter_mm: 3 } }, 'shared');
    for (const choice of [PUBLISHED_ADJUNCTS, { skin: 'anatomy', placement: 'anatomy' } as const]) {
      const file = combine(anatomy, published, choice);
      const back = split({ ...file, name: 'edited' }, 'shared', anatomy, published);
      expect(back.procedure.adjuncts, choice.skin).toEqual(published.adjuncts);
      expect(back.procedure.skin, choice.skin).toEqual(published.skin);
      expect(back.anatomy.skin, choice.skin).toEqual(anatomy.skin);
      expect(back.anatomy.nerve, choice.skin).toEqual(anatomy.nerve);
      // and the edited protocol sits where it sat
      expect(combine(back.anatomy, back.procedure, choice).probes).toEqual(file.probes);
    }
  });

  it('an edit of a hydrodissected protocol leaves the shared anatomy at its own depths', () => {
    const published = procedureOf(BUILTIN_SCENARIOS['yoon-2016']);
    const anatomy = anatomyOf({ ...scenarioFile, nerve: { center_mm: [5, 0, 10], direction: [0, 1, 0], diameter_mm: 3 } }, 'shared');
    const file = combine(anatomy, published);
    expect(file.nerve!.center_mm[2]).toBe(20);
    const back = split({ ...file, name: 'edited' }, 'shared', anatomy, published);
    expect(back.anatomy.nerve).toEqual(anatomy.nerve);
    expect(back.anatomy.geometry).toEqual(anatomy.geometry);
    expect(back.anatomy.layers).toEqual(anatomy.layers);
    expect(combine(back.anatomy, back.procedure).probes).toEqual(file.probes);
  });

  it('checks stored workspaces and makes fresh ids', () => {
    const ws = workspaceFromBuiltins({ a: scenarioFile }, 'a', { spacing_mm: 0.5 });
    expect(asWorkspace(JSON.parse(JSON.stringify(ws)))).toEqual(ws);
    expect(asWorkspace({ version: 2 })).toBeNull();
    expect(asWorkspace('nope')).toBeNull();
    expect(newUserId(ws)).toBe('my-protocol-1');
  });

  it('a stored workspace: missing margins and stale ids repaired, broken protocols or another version refused', () => {
    const ws = workspaceFromBuiltins({ a: scenarioFile, b: other }, 'a');
    const { margins: _m, ...noMargins } = ws;
    const repaired = asWorkspace({ ...noMargins, compare: ['b', 'gone'], selected: 'gone' })!;
    expect(repaired.margins).toEqual(ws.margins);
    expect(repaired.compare).toEqual(['b']);
    expect(repaired.selected).toBe('a');
    expect(asWorkspace({ ...ws, margins: { ...ws.margins, skin_margin_mm: 'five' } })!.margins.skin_margin_mm).toBe(ws.margins.skin_margin_mm);
    expect(asWorkspace({ ...ws, version: 2 })).toBeNull();
    expect(asWorkspace({ ...ws, protocols: [...ws.protocols, ws.protocols[0]] })).toBeNull(); // duplicate id
    expect(asWorkspace({ ...ws, protocols: [{ ...ws.protocols[0], procedure: { ...ws.protocols[0].procedure, protocol: 'freeze' } }] })).toBeNull();
    expect(asWorkspace([ws])).toBeNull();
  });
});
