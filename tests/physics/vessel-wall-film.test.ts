/**
 * The vessel-wall film coefficient from diameter and flow (presets.ts): the
 * correlations reproduce their textbook limits, and the validator fills
 * h_w_m2k from diameter and flow when a vessel gives its flow instead.
 */
import { describe, expect, it } from 'vitest';
import { BLOOD, NUSSELT_FULLY_DEVELOPED, vesselNusselt, vesselWallH } from '../../scenarios/presets.ts';
import { validateScenario } from '../../scenarios/validate.ts';

describe('vessel wall film', () => {
  it('without flow is Nu·k/D with Nu = 3.66 (docs/physics.md §5 check values)', () => {
    const table: [number, number][] = [[1, 1830], [2, 915], [4, 458], [8, 229]];
    for (const [d, h] of table) expect(vesselWallH(d)).toBeCloseTo(h, -1);
  });

  it('tends to the fully developed value as flow stops and grows with flow', () => {
    expect(vesselNusselt(4e-3, 1e-6)).toBeCloseTo(NUSSELT_FULLY_DEVELOPED, 3);
    expect(vesselNusselt(4e-3, 0.05)).toBeGreaterThan(NUSSELT_FULLY_DEVELOPED);
    expect(vesselNusselt(4e-3, 0.2)).toBeGreaterThan(vesselNusselt(4e-3, 0.05));
  });

  it('uses Dittus–Boelter above Re = 2300', () => {
    const d = 8e-3;
    const v = 0.5; // Re = 1050·0.5·0.008/0.0035 = 1200 → laminar; 1.2 m/s → 2880 → turbulent
    expect((BLOOD.rho_kg_m3.value * v * d) / BLOOD.mu_pa_s.value).toBeLessThan(2300);
    const fast = 1.2;
    const re = (BLOOD.rho_kg_m3.value * fast * d) / BLOOD.mu_pa_s.value;
    const pr = (BLOOD.c_j_kgk.value * BLOOD.mu_pa_s.value) / BLOOD.k_w_mk.value;
    expect(vesselNusselt(d, fast)).toBeCloseTo(0.023 * re ** 0.8 * pr ** 0.4, 6);
  });

  it('is filled in by the validator from diameter and flow, and both at once are refused', () => {
    const base = (vessel: object) => ({
      schema: 'cryo-scenario/1', name: 'vessel', geometry: { mode: 'planar', spacing_mm: 0.5, size_mm: [30, 20] },
      tissue: { preset: 'generic' }, probes: [{ device: 'icesphere-17g', tip_mm: [0, 0, 10] }],
      protocol: [{ phase: 'freeze', duration_s: 60 }], vessels: [{ center_mm: [6, 0, 10], diameter_mm: 4, ...vessel }],
    });
    const v = validateScenario(base({ flow_m_s: 0.1 }));
    expect(v.ok).toBe(true);
    if (v.ok) expect(v.scenario.vessels[0].h_w_m2k).toBeCloseTo(vesselWallH(4, 0.1), 6);
    const both = validateScenario(base({ flow_m_s: 0.1, h_w_m2k: 500 }));
    expect(both.ok).toBe(false);
    if (!both.ok) expect(both.issues.map((i) => i.path)).toContain('vessels[0].flow_m_s');
  });
});
