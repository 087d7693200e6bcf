/**
 * Placement is a pure function of (published protocol, anatomy): random sequences of
 * anatomy edits as a user types them (typos, blanks, extremes, valid values) and back
 * give every protocol exactly its published placement, in the CLI's comparison and in
 * the workbench's workspace; at every step both place every protocol identically
 * (one module serves both); nothing is ever clamped.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_COMPARISONS, BUILTIN_SCENARIOS, expandComparison } from '../../scenarios/builtin.ts';
import { placeProtocol, probeTipsAt, phaseIntervals, publishedOf } from '../../scenarios/placement.ts';
import type { ComparisonFile, ScenarioFile } from '../../scenarios/schema.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { editAnatomyField, type AnatomyField } from '../../web/lib/anatomy-edits.ts';
import { defaultWorkspace } from '../../web/lib/builtins.ts';
import { combine, moveNerve, type Anatomy, type Workspace } from '../../web/lib/workspace.ts';

const SET = BUILTIN_COMPARISONS['comparison-nerve-20mm'];
const IDS = Object.keys(BUILTIN_SCENARIOS);
const FIELDS: AnatomyField[] = ['nerve_depth_mm', 'nerve_lateral_mm', 'nerve_diameter_mm', 'skin_layer_mm', 'fat_layer_mm'];

/** What placement decides: where the probes and the nerve are, and which skin and adjuncts apply. */
const placement = (f: ScenarioFile) => ({
  probes: f.probes,
  protocol: f.protocol,
  nerve: f.nerve,
  skin: f.skin,
  adjuncts: f.adjuncts,
  geometry: f.geometry,
  layers: f.layers,
  sensors: f.sensors,
});

const typed = fc.oneof(
  fc.constantFrom('', ' ', '2O', '20mm', '-', '.', 'NaN', '1e999', '-5', '0', '1000', '1e-9', '59.9', '0.0001', '−5', '20,5'),
  fc.double({ min: -100, max: 200, noNaN: true }).map(String),
  fc.integer({ min: 0, max: 60 }).map(String),
);
const edit = fc.record({ field: fc.constantFrom(...FIELDS), text: typed });

/** Applies a typed value as the shell does (the panel's parse, then the nerve move with probes following). */
function applyToWorkspace(ws: Workspace, field: AnatomyField, text: string): Workspace {
  const r = editAnatomyField(ws.anatomy, field, text);
  if (r.error) return ws;
  const next = { ...ws, anatomy: r.anatomy };
  return r.nerveTo ? moveNerve(next, r.nerveTo, true) : next;
}

function applyToSet(set: ComparisonFile, field: AnatomyField, text: string): ComparisonFile {
  const r = editAnatomyField({ ...(set.anatomy as Anatomy), label: set.name }, field, text);
  if (r.error) return set;
  const { label: _l, ...anatomy } = r.anatomy;
  return { ...set, anatomy: anatomy as ComparisonFile['anatomy'] };
}

/** Types the original values back, in whatever order the field checks accept them. */
function restore<T>(state: T, original: Record<AnatomyField, string>, apply: (s: T, f: AnatomyField, t: string) => T): T {
  let s = state;
  for (let pass = 0; pass < 3; pass++) for (const f of FIELDS) s = apply(s, f, original[f]);
  return s;
}

describe('placement', () => {
  const ws0 = defaultWorkspace();
  const n0 = ws0.anatomy.nerve!;
  const original: Record<AnatomyField, string> = {
    nerve_depth_mm: String(n0.center_mm[2]),
    nerve_lateral_mm: String(n0.center_mm[0]),
    nerve_diameter_mm: String(n0.diameter_mm),
    skin_layer_mm: '0',
    fat_layer_mm: '0',
  };
  const wsFiles = (ws: Workspace) => ws.protocols.map((p) => placement(combine(ws.anatomy, p.procedure, ws.adjuncts)));
  const setFiles = (set: ComparisonFile) => expandComparison(set).map((r) => placement(r.scenario));
  const published = setFiles(SET);

  it('the workspace and the comparison place every built-in identically on the default anatomy', () => {
    expect(ws0.protocols.map((p) => p.id)).toEqual(SET.protocols);
    expect(wsFiles(ws0)).toEqual(published);
  });

  it('any sequence of anatomy edits and back restores the published placement exactly, in both, at every step identical', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), (edits) => {
        let ws = ws0;
        let set: ComparisonFile = structuredClone(SET);
        for (const { field, text } of edits) {
          ws = applyToWorkspace(ws, field, text);
          set = applyToSet(set, field, text);
          expect(ws.anatomy.nerve).toEqual(set.anatomy.nerve);
          expect(wsFiles(ws)).toEqual(setFiles(set));
        }
        ws = restore(ws, original, applyToWorkspace);
        set = restore(set, original, applyToSet);
        expect(ws.anatomy.nerve).toEqual(n0);
        expect(wsFiles(ws)).toEqual(published);
        expect(setFiles(set)).toEqual(published);
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it('the issue’s round trips: 20 → 100 → 20 and 20 → blank → 20 leave every tip where it was', () => {
    for (const detour of ['100', '', '-5', '0', '1000', '2O']) {
      const there = applyToWorkspace(ws0, 'nerve_depth_mm', detour);
      const back = applyToWorkspace(there, 'nerve_depth_mm', '20');
      expect(wsFiles(back), detour).toEqual(published);
    }
    // Yoon's tip stays 3 mm below the nerve (28 vs 25 published): 23 mm on the 20-mm nerve.
    expect(combine(ws0.anatomy, ws0.protocols.find((p) => p.id === 'yoon-2016')!.procedure).probes[0].tip_mm).toEqual([0, 0, 23]);
  });

  it('refuses blanks, typos and values that put the nerve outside the body, with a message naming the fix', () => {
    for (const t of ['', ' ', '2O', 'NaN', '1e999']) expect(editAnatomyField(ws0.anatomy, 'nerve_depth_mm', t).error).toMatch(/enter the depth of the nerve centre/);
    for (const t of ['-5', '0', '1.5', '58.5', '1000']) expect(editAnatomyField(ws0.anatomy, 'nerve_depth_mm', t).error).toMatch(/between 1.5 and 58.5 mm/);
    expect(editAnatomyField(ws0.anatomy, 'nerve_diameter_mm', '0').error).toMatch(/more than 0/);
    expect(editAnatomyField(ws0.anatomy, 'nerve_depth_mm', '10').error).toBeNull();
  });

  it('an anatomy a protocol cannot sit in makes that protocol invalid with the reason, and no other', () => {
    const shallow = applyToWorkspace(ws0, 'nerve_depth_mm', '10');
    const bad = shallow.protocols.filter((p) => !validateScenario(combine(shallow.anatomy, p.procedure)).ok).map((p) => p.id);
    expect(bad).toEqual(['cazzato-2016', 'bittman-2018']); // 20- and 15-mm cold segments; the other six still fit
    const r = validateScenario(combine(shallow.anatomy, shallow.protocols[0].procedure));
    expect(!r.ok && r.issues[0].message).toMatch(/cold segment would reach above the skin/);
    // Not clamped: the tip is the published 10 mm below the nerve.
    expect(combine(shallow.anatomy, shallow.protocols[0].procedure).probes[0].tip_mm).toEqual([0, 0, 20]);
  });

  it('hydrodissection (Yoon 2016) lifts the skin by its fluid over a nerve shallower than its threshold, unless switched off', () => {
    const shallow = applyToWorkspace(ws0, 'nerve_depth_mm', '10');
    const yoon = shallow.protocols.find((p) => p.id === 'yoon-2016')!.procedure;
    const f = combine(shallow.anatomy, yoon);
    expect(f.nerve!.center_mm[2]).toBe(20);
    expect(f.probes[0].tip_mm).toEqual([0, 0, 23]);
    expect(f.layers![0]).toEqual({ from_depth_mm: 0, to_depth_mm: 10, tissue: { preset: 'gel' } });
    expect(f.geometry.size_mm).toEqual([30, 70]);
    expect(f.assumptions!.some((a) => /hydrodissection .* 10 mm of saline/.test(a))).toBe(true);
    expect(validateScenario(f).ok).toBe(true);
    const off = combine(shallow.anatomy, yoon, { skin: 'published', placement: 'published', hydrodissection: 'anatomy' });
    expect(off.nerve!.center_mm[2]).toBe(10);
    expect(off.layers).toBeUndefined();
    // At 20 mm (the default) the paper did not hydrodissect.
    expect(combine(ws0.anatomy, yoon).layers).toBeUndefined();
  });

  it('moves absolute reposition targets with the probe (a pull-back stays a pull-back)', () => {
    const file: ScenarioFile = {
      ...structuredClone(BUILTIN_SCENARIOS['cazzato-2016']),
      protocol: [
        { phase: 'freeze', duration_s: 60 },
        { phase: 'reposition', duration_s: 10, probe: 0, tip_mm: [0, 0, 25] },
        { phase: 'freeze', duration_s: 60 },
      ],
    };
    const placed = placeProtocol(publishedOf(file), { ...ws0.anatomy, nerve: { ...n0, center_mm: [2.5, 0, 30] } });
    // published: tip 30, nerve 20, reposition to 25 (5 mm up); on a nerve at 30 the tip is 40 and the target 35
    expect(placed.probes[0].tip_mm).toEqual([0, 0, 40]);
    expect(placed.protocol[1]).toMatchObject({ tip_mm: [0, 0, 35] });
    const s = validateScenario({ ...file, probes: placed.probes, protocol: placed.protocol, nerve: placed.nerve });
    expect(s.ok).toBe(true);
    if (s.ok) {
      expect(probeTipsAt(s.scenario, 30)[0]).toEqual([0, 0, 40]);
      expect(probeTipsAt(s.scenario, 65)[0]).toEqual([0, 0, 35]);
      expect(phaseIntervals(s.scenario.protocol).map((p) => [p.start_s, p.end_s])).toEqual([[0, 60], [60, 70], [70, 130]]);
    }
  });

  it('every built-in sits on its own anatomy exactly as written', () => {
    for (const id of IDS) {
      const f = BUILTIN_SCENARIOS[id];
      const p = placeProtocol(publishedOf(f), f);
      expect(p.probes, id).toEqual(f.probes);
      expect(p.protocol, id).toEqual(f.protocol);
      expect(p.nerve, id).toEqual(f.nerve);
      expect(p.skin, id).toEqual(f.skin);
    }
  });
});
