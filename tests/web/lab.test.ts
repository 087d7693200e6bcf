/**
 * Guided-lab contrasts (web/lib/lab.ts): each adds one varied copy of its base
 * built-in that differs only where it says (protocol, device, perfusion, skin),
 * ticks the pair alone, validates on the default anatomy, and setting it up
 * again reuses the copy instead of piling up duplicates.
 */
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../scenarios/validate.ts';
import { defaultWorkspace } from '../../web/lib/builtins.ts';
import { LAB_CONTRASTS, setUpContrast } from '../../web/lib/lab.ts';
import { withOverrides } from '../../web/lib/overrides.ts';
import { combine, type Workspace } from '../../web/lib/workspace.ts';

const fileOf = (ws: Workspace, id: string) => {
  const e = ws.protocols.find((p) => p.id === id)!;
  return withOverrides(combine(ws.anatomy, e.procedure, ws.adjuncts), e.overrides);
};

describe('guided lab', () => {
  it('each contrast differs from its base only where it says, and validates', () => {
    const ws0 = defaultWorkspace(0.5);
    const differs: Record<string, (a: any, b: any) => boolean> = {
      cycles: (a, b) => b.protocol.length < a.protocol.length && b.protocol.every((p: any, i: number) => JSON.stringify(p) === JSON.stringify(a.protocol[i])),
      cryogen: (a, b) => b.probes[0].device === 'nitrous-handheld' && a.probes[0].device !== 'nitrous-handheld',
      perfusion: (a, b) => b.tissue.perfusion_w_m3k === 0 && a.tissue.perfusion_w_m3k !== 0,
      skin: (a, b) => JSON.stringify(a.skin) !== JSON.stringify(b.skin),
      // Both sides in the same 3D block with the nerve where the base has it; only the vessel moves, nearer the nerve in the variant.
      vessel: (a, b) =>
        a.geometry.mode === '3d' && JSON.stringify(a.geometry) === JSON.stringify(b.geometry) && JSON.stringify(a.nerve) === JSON.stringify(b.nerve) &&
        JSON.stringify(a.probes) === JSON.stringify(b.probes) && a.vessels.length === 1 && b.vessels.length === 1 &&
        Math.abs(b.vessels[0].center_mm[0] - b.nerve.center_mm[0]) < Math.abs(a.vessels[0].center_mm[0] - a.nerve.center_mm[0]),
      distance: (a, b) =>
        Math.abs(b.nerve.center_mm[0]) > Math.abs(a.nerve.center_mm[0]) && b.nerve.center_mm[2] === a.nerve.center_mm[2] && JSON.stringify(a.probes) === JSON.stringify(b.probes),
    };
    expect(LAB_CONTRASTS.map((c) => c.id).sort()).toEqual(Object.keys(differs).sort());
    for (const c of LAB_CONTRASTS) {
      const made = setUpContrast(ws0, c)!;
      expect(made, c.id).not.toBeNull();
      expect(made.ws.compare).toEqual(made.ids);
      const [a, b] = made.ids.map((id) => fileOf(made.ws, id));
      expect(differs[c.id](a, b), c.id).toBe(true);
      for (const f of [a, b]) {
        const v = validateScenario(f);
        expect(v.ok ? [] : v.issues, c.id).toEqual([]);
      }
      // the shared anatomy and the base protocol are untouched
      expect(made.ws.anatomy).toEqual(ws0.anatomy);
      expect(made.ws.protocols.find((p) => p.id === c.base)).toEqual(ws0.protocols.find((p) => p.id === c.base));
      // again: the same copy, no duplicate
      const again = setUpContrast(made.ws, c)!;
      expect(again.ids).toEqual(made.ids);
      expect(again.ws.protocols.length).toBe(made.ws.protocols.length);
    }
  });

  it('a missing base changes nothing', () => {
    const ws = defaultWorkspace(0.5);
    const without = { ...ws, protocols: ws.protocols.filter((p) => p.id !== LAB_CONTRASTS[0].base) };
    expect(setUpContrast(without, LAB_CONTRASTS[0])).toBeNull();
  });
});
