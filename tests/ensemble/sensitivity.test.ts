/**
 * Sensitivity against known answers: Spearman's rho equals SciPy's on a tied sample, is ±1
 * for a monotone figure and ≈ 0 (within sampling error) for an input the figure ignores;
 * Saltelli's first-order Sobol indices match the Ishigami function's analytic values; bands
 * over time are the per-time percentiles of the members' series.
 */
import { describe, expect, it } from 'vitest';
import { unitDesign } from '../../workers/ensemble/design.ts';
import type { MemberFigures } from '../../workers/ensemble/figures.ts';
import { protocolEnsemble } from '../../workers/ensemble/ensemble-file.ts';
import { planMembers } from '../../workers/ensemble/members.ts';
import { rankSensitivity, sobolFirstOrder, spearman } from '../../workers/ensemble/sensitivity.ts';
import type { Uncertainty } from '../../scenarios/schema.ts';
import { bandsOverTime } from '../../workers/ensemble/summary.ts';

const figures = (nerveMinC: number, radius: number, series?: MemberFigures['series']): MemberFigures => ({
  nerve: { min_c: nerveMinC, fraction: { '-20': nerveMinC <= -20 ? 1 : 0.5, '-40': 0 }, block_probability: 0.5 } as MemberFigures['nerve'],
  skin: { min_c: 30, min_ice_gap_mm: 8, frozen: false },
  envelope: { '-20': { radius_mm: radius } },
  ...(series ? { series } : {}),
});

describe('Spearman rank correlation', () => {
  it('equals SciPy with ties (0.8676470588235294) and is ±1 for monotone relations', () => {
    expect(spearman([1, 2, 2, 3, 5, 4], [2, 1, 3, 3, 6, 5])).toBeCloseTo(0.8676470588235294, 12);
    const x = [0.1, 0.5, 0.2, 0.9, 0.7];
    expect(spearman(x, x.map(Math.exp))).toBeCloseTo(1, 12);
    expect(spearman(x, x.map((v) => -(v ** 3)))).toBeCloseTo(-1, 12);
    expect(spearman(x, [1, 1, 1, 1, 1])).toBeNull();
    expect(spearman([1, 2], [2, 1])).toBeNull();
  });

  it('ranks the input a figure depends on first, and gives ≈ 0 for an input it ignores', () => {
    const n = 400;
    const rows = unitDesign(n, 2, 'random', 11);
    // nerve.min_c falls monotonically (non-linearly) with a; it ignores b. The radius grows with a.
    const members = rows.map(([a, b], index) => ({ index, inputs: { a, b }, offset_mm: [0, 0, 0] as [number, number, number], figures: figures(-5 - 40 * a ** 3, 2 + a) }));
    const s = rankSensitivity(members);
    const rho = (input: string, figure: string) => s.find((e) => e.input === input && e.figure === figure)!.rho!;
    expect(rho('a', 'nerve.min_c')).toBeCloseTo(-1, 10);
    expect(rho('a', 'envelope.-20.radius_mm')).toBeCloseTo(1, 10);
    expect(Math.abs(rho('b', 'nerve.min_c'))).toBeLessThan(3 / Math.sqrt(n)); // ~3 standard errors of rho under independence
    expect(s.filter((e) => e.figure === 'nerve.min_c')[0].input).toBe('a');
    // Figures that do not vary give null, never a number.
    expect(s.find((e) => e.input === 'a' && e.figure === 'skin.min_c')!.rho).toBeNull();
    // Placement axes appear only when they vary.
    expect(s.some((e) => e.input.startsWith('placement.'))).toBe(false);
    const moved = members.map((m, i) => ({ ...m, offset_mm: [rows[i][1], 0, 0] as [number, number, number] }));
    expect(rankSensitivity(moved).some((e) => e.input === 'placement.x_mm')).toBe(true);
    // It is part of the protocol document.
    expect(protocolEnsemble('p', 'p', members, 5).sensitivity).toEqual(s);
  });
});

describe('Sobol first-order indices (Saltelli design)', () => {
  it('match the Ishigami function\'s analytic indices', () => {
    // f = sin x1 + a sin² x2 + b x3⁴ sin x1 on [−π, π]³, a = 7, b = 0.1:
    // V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2; V1 = (1 + bπ⁴/5)²/2, V2 = a²/8, V3 = 0.
    const a = 7;
    const b = 0.1;
    const f = (u: number[]) => {
      const [x1, x2, x3] = u.map((v) => -Math.PI + 2 * Math.PI * v);
      return Math.sin(x1) + a * Math.sin(x2) ** 2 + b * x3 ** 4 * Math.sin(x1);
    };
    const V = (a * a) / 8 + (b * Math.PI ** 4) / 5 + (b * b * Math.PI ** 8) / 18 + 0.5;
    const exact = [(1 + (b * Math.PI ** 4) / 5) ** 2 / 2 / V, (a * a) / 8 / V, 0];
    const s = sobolFirstOrder(f, 3, 20000, 3);
    s.forEach((si, i) => expect(Math.abs(si - exact[i])).toBeLessThan(0.03));
    expect(exact[0]).toBeCloseTo(0.3139, 4);
  });
});

describe('Sobol indices from an ensemble with a Saltelli design', () => {
  it('recover the Ishigami function\'s first-order and total indices through the member pipeline', () => {
    // Total indices: ST1 = (V1 + V13)/V, ST2 = V2/V, ST3 = V13/V with V13 = 8b²π⁸/225.
    const a = 7;
    const b = 0.1;
    const V = (a * a) / 8 + (b * Math.PI ** 4) / 5 + (b * b * Math.PI ** 8) / 18 + 0.5;
    const V1 = (1 + (b * Math.PI ** 4) / 5) ** 2 / 2;
    const V13 = (8 * b * b * Math.PI ** 8) / 225;
    const first = [V1 / V, (a * a) / 8 / V, 0];
    const total = [(V1 + V13) / V, (a * a) / 8 / V, V13 / V];
    const input = (name: string) => ({ path: `x.${name}`, distribution: 'uniform' as const, min: -Math.PI, max: Math.PI });
    const n = 4000;
    const u: Uncertainty = { inputs: [input('x1'), input('x2'), input('x3')], placement_error_mm: [0, 0, 0], samples: 5 * n, seed: 2, design: 'saltelli' };
    const members = planMembers(u).map((m) => {
      const [x1, x2, x3] = m.values;
      const f = Math.sin(x1) + a * Math.sin(x2) ** 2 + b * x3 ** 4 * Math.sin(x1);
      return { index: m.index, inputs: { 'x.x1': x1, 'x.x2': x2, 'x.x3': x3 }, offset_mm: m.offset_mm, figures: figures(f, 2) };
    });
    const s = protocolEnsemble('p', 'p', members, 5, u).sobol_indices!.filter((e) => e.figure === 'nerve.min_c');
    expect(s.map((e) => e.input)).toEqual(['x.x1', 'x.x2', 'x.x3']);
    s.forEach((e, k) => {
      expect(Math.abs(e.first! - first[k])).toBeLessThan(0.05);
      expect(Math.abs(e.total! - total[k])).toBeLessThan(0.05);
      expect(e.n).toBe(n);
    });
    // A figure that does not vary has no indices; other designs carry none.
    expect(protocolEnsemble('p', 'p', members, 5, u).sobol_indices!.find((e) => e.figure === 'skin.min_c')!.first).toBeNull();
    expect(protocolEnsemble('p', 'p', members, 5, { ...u, design: 'lhs' }).sobol_indices).toBeUndefined();
  });
});

describe('bands over time', () => {
  it('are the per-time percentiles of the members\' series, aligned by time', () => {
    const series = (r: number[], times = [0, 10, 20]): MemberFigures['series'] => ({
      times_s: times,
      isotherms: { '-20': { radius_mm: r.map((x) => (x > 0 ? x : null)), top_depth_mm: r.map((x) => (x > 0 ? 10 - x : null)), bottom_depth_mm: r.map((x) => (x > 0 ? 10 + x : null)) } },
    });
    const members = [1, 2, 3, 4, 5].map((k) => figures(-30, k, series([0, k, 2 * k])));
    members.push(figures(-30, 1, series([0, 6], [0, 10]))); // a shorter protocol
    const b = bandsOverTime(members);
    expect(b.times_s).toEqual([0, 10, 20]);
    expect(b.members).toEqual([6, 6, 5]);
    const r = b.isotherms['-20'].radius_mm;
    expect(r.p50).toEqual([0, 3.5, 6]); // absent radius counts 0
    expect(r.p10[2]).toBeCloseTo(2 + 0.4 * 2, 12); // type 7 over 2,4,6,8,10
    expect(b.isotherms['-20'].top_depth_mm.p50[0]).toBeNull(); // no member has the isotherm at t = 0
    expect(b.isotherms['-20'].present).toEqual([0, 1, 1]);
    expect(b.isotherms['-20'].bottom_depth_mm.p90[2]).toBeCloseTo(10 + 8 + 0.6 * 2, 12);
  });
});
