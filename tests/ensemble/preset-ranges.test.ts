/**
 * `"preset_ranges"`: every ranged number of the used presets becomes an input (triangular at
 * the preset value, or uniform), numbers the file sets or that have no range stay fixed and
 * are listed with the reason, explicit inputs win, and bad requests get messages naming the
 * field and the fix. Samples stay inside the published ranges.
 */
import { describe, expect, it } from 'vitest';
import { DEVICE_PRESETS, TISSUE_PRESETS } from '../../scenarios/presets.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { planMembers } from '../../workers/ensemble/members.ts';
import { tinyScenario } from '../sweep/sweep-fixtures.ts';

// The tip deep enough that the longest plausible IceSphere segment stays below the skin.
const deep = (over: Record<string, unknown> = {}) => tinyScenario({ probes: [{ device: 'icesphere-17g', tip_mm: [0, 0, 24] }], ...over });
const resolve = (uncertainty: unknown, over: Record<string, unknown> = {}) => {
  const v = validateScenario({ ...deep(over), uncertainty });
  if (!v.ok) throw new Error(v.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return v.scenario.uncertainty!;
};
const issues = (uncertainty: unknown, over: Record<string, unknown> = {}) => {
  const v = validateScenario({ ...deep(over), uncertainty });
  expect(v.ok).toBe(false);
  return v.ok ? [] : v.issues.map((i) => `${i.path}: ${i.message}`);
};

describe('preset ranges as inputs', () => {
  it('adds every ranged preset number as a triangular input at the preset value', () => {
    const u = resolve({ preset_ranges: true });
    const generic = TISSUE_PRESETS.generic.props;
    const ranged = Object.entries(generic).filter(([, p]) => typeof p.value === 'number' && p.range && p.range.low < p.range.high);
    const device = DEVICE_PRESETS['icesphere-17g'];
    expect(u.inputs.length).toBe(ranged.length + Object.keys(device.provenance!).length);
    const k = u.inputs.find((i) => i.path === 'tissue.k_frozen_w_mk')!;
    expect(k).toEqual({ path: 'tissue.k_frozen_w_mk', distribution: 'triangular', min: 1.5, mode: 2.0, max: 2.2 });
    const h = u.inputs.find((i) => i.path === 'probes[0].surface.h_w_m2k')!;
    expect(h).toMatchObject({ distribution: 'triangular', min: 320, mode: 2200, max: 4000 });
    expect(u.preset_ranges!.added).toEqual(u.inputs.map((i) => i.path));
    // Numbers without a range are named, with the reason.
    expect(u.preset_ranges!.fixed).toContainEqual({ path: 'tissue.bath_exchange_w_m3k', why: 'the preset gives no range for this number' });
    // Every sample stays within its published range.
    for (const m of planMembers({ ...u, samples: 64 }))
      u.inputs.forEach((input, j) => {
        const r = input as { min: number; max: number };
        expect(m.values[j]).toBeGreaterThanOrEqual(r.min);
        expect(m.values[j]).toBeLessThanOrEqual(r.max);
      });
  });

  it('keeps numbers the file sets, lets explicit inputs win, and offers a uniform shape and groups', () => {
    const u = resolve(
      { preset_ranges: { groups: ['tissue'], distribution: 'uniform' }, inputs: [{ path: 'tissue.latent_j_m3', distribution: 'normal', sd: 1e7 }] },
      { tissue: { preset: 'generic', k_unfrozen_w_mk: 0.45 } },
    );
    expect(u.inputs[0]).toMatchObject({ path: 'tissue.latent_j_m3', distribution: 'normal' });
    expect(u.inputs.filter((i) => i.path === 'tissue.latent_j_m3').length).toBe(1);
    expect(u.inputs.some((i) => i.path === 'tissue.k_unfrozen_w_mk')).toBe(false);
    expect(u.inputs.some((i) => i.path.startsWith('probes'))).toBe(false);
    expect(u.inputs.slice(1).every((i) => i.distribution === 'uniform')).toBe(true);
    expect(u.preset_ranges!.fixed).toContainEqual({ path: 'tissue.k_unfrozen_w_mk', why: expect.stringMatching(/set in the scenario file/) });
    expect(u.preset_ranges!.fixed).toContainEqual({ path: 'tissue.latent_j_m3', why: expect.stringMatching(/listed in "inputs"/) });
  });

  it('resolves again to the same inputs (a saved ensemble section can be re-validated)', () => {
    const u = resolve({ preset_ranges: true, design: 'sobol' });
    const again = resolve(JSON.parse(JSON.stringify(u)));
    expect(again.inputs).toEqual(u.inputs);
    expect(again.preset_ranges!.added).toEqual(u.preset_ranges!.added);
  });

  it('names presets without ranges and bad requests, with the fix', () => {
    expect(issues({ preset_ranges: ['layers'] })).toEqual([expect.stringMatching(/^uncertainty\.preset_ranges: the group "layers" has nothing to vary: the scenario has no layers/)]);
    const custom = { probes: [{ tip_mm: [0, 0, 24], diameter_mm: 1.5, active_length_mm: 10, surface: { model: 'convective', gas_c: -186, h_w_m2k: 3000 } }] };
    expect(issues({ preset_ranges: ['probes'] }, custom)).toEqual([expect.stringMatching(/"probes" has nothing to vary: no probe uses a device preset with ranges/)]);
    // With `true`, a group without ranges is a note in `fixed`, not an error.
    expect(resolve({ preset_ranges: true }, custom).preset_ranges!.fixed).toContainEqual({ path: 'probes[0]', why: expect.stringMatching(/no device preset/) });
    expect(issues({ preset_ranges: 'yes' })[0]).toMatch(/^uncertainty\.preset_ranges: must be true, a list of groups/);
    expect(issues({ preset_ranges: ['devices'] })[0]).toMatch(/^uncertainty\.preset_ranges: must be a non-empty list of preset groups from "tissue", "layers", "probes"/);
    expect(issues({ preset_ranges: { distribution: 'normal' } })[0]).toMatch(/preset_ranges\.distribution: must be "triangular".*or "uniform"/);
    // A published range that makes the scenario invalid is named with the path and the way out.
    expect(issues({ preset_ranges: ['probes'] }, { probes: [{ device: 'icesphere-17g', tip_mm: [0, 0, 18] }] })[0]).toMatch(
      /^uncertainty\.preset_ranges \(probes\[0\]\.active_length_mm\): with probes\[0\]\.active_length_mm = 2[\d.]+ .*reach above the skin.*list probes\[0\]\.active_length_mm in "inputs"/,
    );
  });
});
