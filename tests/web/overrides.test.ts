/**
 * Per-protocol anatomy variants (web/lib/overrides.ts): a protocol's own tissue
 * or skin replaces the shared one in its scenario only; an editor change to an
 * overridden field updates the variant and leaves the shared anatomy as it was,
 * while other edits still reach the shared anatomy; variants survive the save check.
 */
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../scenarios/validate.ts';
import { defaultWorkspace } from '../../web/lib/builtins.ts';
import { asOverrides, keepOverridesOnEdit, VARIANT_PREFIX, variantLabelWords, withOverrides } from '../../web/lib/overrides.ts';
import { asWorkspace, combine, split } from '../../web/lib/workspace.ts';

const ws = defaultWorkspace(0.5);
const entry = ws.protocols.find((p) => p.id === 'von-falck-2022')!; // brings its own skin protection

describe('anatomy variants', () => {
  it('replace tissue and skin for one protocol; the file stays valid', () => {
    const shared = combine(ws.anatomy, entry.procedure, ws.adjuncts);
    const file = withOverrides(shared, { tissue: { preset: 'fat' }, skin: { boundary: 'insulated' } }, 'fat; insulated skin');
    expect(file.tissue).toEqual({ preset: 'fat' });
    expect(file.skin).toEqual({ boundary: 'insulated' });
    expect(file.adjuncts?.skin).toBeUndefined(); // the paper's warm gel no longer describes this run
    expect(file.assumptions!.at(-1)).toBe(`${VARIANT_PREFIX}fat; insulated skin`);
    expect(file.probes).toEqual(shared.probes);
    expect(file.nerve).toEqual(shared.nerve);
    expect(validateScenario(file).ok).toBe(true);
    expect(withOverrides(shared, undefined)).toBe(shared);
  });

  it('an edit to an overridden field changes the variant, not the shared anatomy; other edits are shared', () => {
    const overrides = { tissue: { preset: 'generic' as const, perfusion_w_m3k: 0 } };
    const file = withOverrides(combine(ws.anatomy, entry.procedure, ws.adjuncts), overrides);
    const edited = { ...file, tissue: { ...file.tissue, perfusion_w_m3k: 500 }, nerve: { ...file.nerve!, diameter_mm: 4 } };
    const kept = keepOverridesOnEdit(edited, overrides, ws.anatomy);
    expect(kept.overrides).toEqual({ tissue: { preset: 'generic', perfusion_w_m3k: 500 } });
    expect(kept.file.tissue).toEqual(ws.anatomy.tissue);
    expect(kept.file.assumptions?.some((a) => a.startsWith(VARIANT_PREFIX))).toBeFalsy();
    const { anatomy, procedure } = split(kept.file, ws.anatomy.label, ws.anatomy, entry.procedure);
    expect(anatomy.tissue).toEqual(ws.anatomy.tissue);
    expect(anatomy.nerve!.diameter_mm).toBe(4);
    expect(procedure.assumptions ?? []).not.toContainEqual(expect.stringMatching(VARIANT_PREFIX));
    // no variant: nothing moves
    expect(keepOverridesOnEdit(edited, undefined, ws.anatomy).overrides).toBeUndefined();
  });

  it('survive the save check; unusable ones are dropped', () => {
    const saved = {
      ...ws,
      protocols: ws.protocols.map((p, i) => (i === 0 ? { ...p, overrides: { tissue: { preset: 'fat' } } } : i === 1 ? { ...p, overrides: 'junk' } : p)),
    };
    const back = asWorkspace(JSON.parse(JSON.stringify(saved)))!;
    expect(back.protocols[0].overrides).toEqual({ tissue: { preset: 'fat' } });
    expect('overrides' in back.protocols[1]).toBe(false);
  });

  it('a nerve, vessels and geometry of its own (the lab vessel and distance contrasts); kept by the save check and on edit', () => {
    const shared = combine(ws.anatomy, entry.procedure, ws.adjuncts);
    const o = {
      geometry: { mode: '3d' as const, spacing_mm: 1, size_mm: [40, 30, 40] },
      nerve: { ...shared.nerve!, center_mm: [6, 0, 20] as [number, number, number] },
      vessels: [{ center_mm: [12, 0, 20] as [number, number, number], direction: [0, 1, 0] as [number, number, number], diameter_mm: 4, wall: 'convective' as const, h_w_m2k: 458, blood_c: 37 }],
    };
    const file = withOverrides(shared, o);
    expect(file.geometry).toEqual(o.geometry);
    expect(file.nerve).toEqual(o.nerve);
    expect(file.vessels).toEqual(o.vessels);
    expect(file.probes).toEqual(shared.probes);
    const v = validateScenario(file);
    expect(v.ok ? [] : v.issues).toEqual([]);
    expect(asOverrides(JSON.parse(JSON.stringify(o)))).toEqual(o);
    expect(variantLabelWords(o)).toEqual(['vessel x 12 mm', 'nerve at x 6 mm', '3D']);
    // An edit of the vessel in the editor stays in the variant; the shared anatomy keeps no vessel.
    const edited = { ...file, vessels: [{ ...o.vessels[0], diameter_mm: 5 }] };
    const kept = keepOverridesOnEdit(edited, o, ws.anatomy);
    expect(kept.overrides!.vessels![0].diameter_mm).toBe(5);
    expect(kept.file.vessels).toBeUndefined();
    expect(kept.file.geometry).toEqual(ws.anatomy.geometry);
  });
});
