// @vitest-environment happy-dom
/**
 * The ensemble panel and its pure helpers: Wilson intervals against published values,
 * Spearman rho against hand-worked cases, p10/p50/p90 bands over time against direct
 * quantiles, hostile form entries get a message beside the field and nothing is planned,
 * the sections centre each input on the protocol's own value, and the panel renders the
 * summary's probabilities with their intervals (table read back from the DOM).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { validateScenario } from '../../scenarios/validate.ts';
import { protocolEnsemble } from '../../workers/ensemble/ensemble-file.ts';
import type { MemberFigures } from '../../workers/ensemble/figures.ts';
import { sensitivity, wilsonInterval } from '../../web/lib/ensemble-stats.ts';
import { ranks, spearman } from '../../workers/ensemble/sensitivity.ts';
import { bandsOverTime } from '../../workers/ensemble/summary.ts';
import { checkForm, defaultForm, sectionFor } from '../../web/lib/ensemble-request.ts';
import '../../web/components/ensemble-panel/ensemble-panel.ts';
import type { EnsemblePanel } from '../../web/components/ensemble-panel/ensemble-panel.ts';
import { ENSEMBLE_UI } from '../../web/ui-presets.ts';
import { depthBandTraces, timeBandTraces } from '../../web/lib/ensemble-bands.ts';
import { seriesIndices } from '../../workers/engine/run-output.ts';
import { ensembleCsv, ensembleDocument } from '../../web/lib/ensemble-export.ts';
import { tinyScenario } from '../sweep/sweep-fixtures.ts';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('ensemble statistics', () => {
  it('Wilson interval matches published values and stays inside [0, 1]', () => {
    // Newcombe (1998), Statistics in Medicine 17:857, table I: 81/263 → 0.2553–0.3662; 15/148 → 0.0624–0.1605; 0/10 → 0–0.2775.
    const a = wilsonInterval(81, 263)!;
    expect(a.low).toBeCloseTo(0.2553, 4);
    expect(a.high).toBeCloseTo(0.3662, 4);
    const b = wilsonInterval(15, 148)!;
    expect(b.low).toBeCloseTo(0.0624, 4);
    expect(b.high).toBeCloseTo(0.1605, 4);
    const c = wilsonInterval(0, 10)!;
    expect(c.low).toBe(0);
    expect(c.high).toBeCloseTo(0.2775, 4);
    const d = wilsonInterval(10, 10)!;
    expect(d.high).toBeCloseTo(1, 12);
    expect(d.low).toBeCloseTo(1 - 0.2775, 4);
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it('Spearman rho: monotone is ±1, ties get average ranks, a worked example', () => {
    expect(ranks([10, 20, 20, 5])).toEqual([2, 3.5, 3.5, 1]);
    expect(spearman([1, 2, 3, 4], [1, 8, 27, 64])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
    // d = rank differences (0, -1, 1, 0, 0): rho = 1 - 6·Σd²/(n(n²-1)) = 1 - 12/120 = 0.9
    expect(spearman([1, 2, 3, 4, 5], [1, 3, 2, 4, 5])).toBeCloseTo(0.9, 12);
    expect(spearman([1, 1, 1], [1, 2, 3])).toBeNull();
  });

  it('bands over time (the summary’s, which the charts draw) are the type-7 quantiles of the members at each time', () => {
    const member = (scale: number, end = 3): MemberFigures => ({
      nerve: null,
      skin: { min_c: 30, min_ice_gap_mm: null, frozen: false },
      envelope: {},
      series: {
        times_s: [0, 60, 120, 180].slice(0, end + 1),
        isotherms: { '-20': { radius_mm: [null, 1 * scale, 2 * scale, 3 * scale].slice(0, end + 1), top_depth_mm: [null, 5, 4, 3].slice(0, end + 1), bottom_depth_mm: [], length_mm: [], mid_radius_mm: [] } },
      },
    });
    const members = [1, 2, 3, 4, 5].map((k) => member(k));
    const b = bandsOverTime(members);
    expect(b.times_s).toEqual([0, 60, 120, 180]);
    // radius null counts as 0; at 60 s the values are 1..5: p10 = 1.4, p50 = 3, p90 = 4.6
    const r = b.isotherms['-20'].radius_mm;
    expect(r.p50[0]).toBe(0);
    expect(r.p10[1]).toBeCloseTo(1.4, 12);
    expect(r.p50[1]).toBe(3);
    expect(r.p90[1]).toBeCloseTo(4.6, 12);
    // a member whose run ended earlier is left out after its end
    const mixed = bandsOverTime([member(1), member(3, 2)]);
    expect(mixed.members).toEqual([2, 2, 2, 1]);
    expect(mixed.isotherms['-20'].radius_mm.p50[3]).toBe(3);
    // a depth that is not there is left out, not counted as 0
    expect(b.isotherms['-20'].top_depth_mm.p50[0]).toBeNull();
    expect(b.isotherms['-20'].top_depth_mm.p50[3]).toBe(3);
  });

  it('sensitivity ranks the input that drives a figure', () => {
    const figures = (minC: number): MemberFigures => ({ nerve: { min_c: minC, fraction: { '-20': minC <= -20 ? 1 : 0.5 } } as never, skin: { min_c: 30, min_ice_gap_mm: null, frozen: false }, envelope: {} });
    const members = [0, 1, 2, 3, 4, 5].map((i) => ({ index: i, inputs: { a: i, b: [3, 1, 4, 1, 5, 9][i] }, offset_mm: [0, 0, 0] as [number, number, number], figures: figures(-10 - 4 * i) }));
    const rows = sensitivity(members);
    expect(rows.map((r) => r.input)).toEqual(['a', 'b']);
    expect(rows[0].rho.nerve_min_c).toBeCloseTo(-1, 12);
    expect(Math.abs(rows[1].rho.nerve_min_c!)).toBeLessThan(1);
    expect(rows[0].rho.skin_min_c).toBeNull();
  });
});

describe('ensemble bands on the charts', () => {
  const member = (k: number): MemberFigures => ({
    nerve: null,
    skin: { min_c: 30, min_ice_gap_mm: null, frozen: false },
    envelope: {},
    series: { times_s: [0, 60, 120], isotherms: { '0': { radius_mm: [0, k, 2 * k], top_depth_mm: [null, 10 - k, 9 - k], bottom_depth_mm: [null, 20 + k, 21 + k], length_mm: [], mid_radius_mm: [] } } },
  });
  const source = { id: 'a', label: 'A', colour: '#0072B2', members: 5, bands: bandsOverTime([1, 2, 3, 4, 5].map(member)) };

  it('a filled p10–p90 band over time with the median, in minutes', () => {
    const traces = timeBandTraces([source], 0, 'radius_mm') as Record<string, any>[];
    expect(traces.length).toBe(3);
    expect(traces[1].fill).toBe('tonexty');
    expect(traces[1].fillcolor).toBe('rgba(0, 114, 178, 0.18)');
    expect(traces[0].x).toEqual([0, 1, 2]);
    expect(traces[2].y[2]).toBe(6);
    expect(timeBandTraces(null, 0, 'radius_mm')).toEqual([]);
  });

  it('a box over the zone edge per protocol column at the shown time', () => {
    const [box] = depthBandTraces([source], [{ id: 'a', x: 'A', time_s: 60 }, { id: 'b', x: 'B', time_s: 60 }], 0, 'top_depth_mm', 'ice', 0.8, '#D55E00') as Record<string, any>[];
    // shallowest point at 60 s: 9, 8, 7, 6, 5 → p10 5.4, p90 8.6
    expect(box.x).toEqual(['A']);
    expect(box.base[0]).toBeCloseTo(5.4, 12);
    expect(box.y[0]).toBeCloseTo(3.2, 12);
    expect(box.name).toMatch(/shallowest point, ensemble p10–p90/);
    // Largest extent over the run (time null): read where the median edge is shallowest (120 s: 8, 7, 6, 5, 4 → p10 4.4, p90 7.6).
    const [extreme] = depthBandTraces([source], [{ id: 'a', x: 'A', time_s: null }], 0, 'top_depth_mm', 'ice', 0.8, '#D55E00') as Record<string, any>[];
    expect(extreme.base[0]).toBeCloseTo(4.4, 12);
    expect(extreme.y[0]).toBeCloseTo(3.2, 12);
    expect(extreme.customdata[0][3]).toBe(5);
  });

  it('series thinning keeps every phase end', () => {
    const phase = [...Array(50).fill('freeze'), ...Array(30).fill('passive_thaw'), ...Array(20).fill('freeze')];
    const keep = seriesIndices(100, phase, 12);
    expect(keep.length).toBeLessThanOrEqual(12);
    for (const end of [49, 79, 99]) expect(keep).toContain(end);
    expect(keep[0]).toBe(0);
    expect(seriesIndices(5, [], 12)).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('ensemble downloads', () => {
  const fig: MemberFigures = { nerve: { min_c: -25, fraction: { '-20': 1, '-40': 0 }, block_probability: 0.9 } as never, skin: { min_c: 12, min_ice_gap_mm: 6.5, frozen: false }, envelope: {} };
  const members = [
    { index: 0, inputs: { 'tissue.perfusion_w_m3k': 2100 }, offset_mm: [0.5, 0, -1] as [number, number, number], figures: fig },
    { index: 1, inputs: { 'tissue.perfusion_w_m3k': 2900 }, offset_mm: [0, 0, 0] as [number, number, number], error: 'solver.dt_s: "too large", really' },
  ];
  const summary = protocolEnsemble('p', 'P', members, 5);

  it('CSV: one row per member, errors quoted, user text never a formula', () => {
    const rows = ensembleCsv([{ id: 'p', label: '=HYPERLINK("x")', summary }]).trim().split('\n');
    expect(rows.length).toBe(3);
    expect(rows[0]).toMatch(/^protocol,label,member,tissue\.perfusion_w_m3k,offset_x_mm/);
    expect(rows[1]).toBe(`p,"'=HYPERLINK(""x"")",0,2100,0.5,0,-1,-25,1,0,0.9,12,6.5,false,`);
    expect(rows[2].endsWith(',"solver.dt_s: ""too large"", really"')).toBe(true);
  });

  it('JSON only when every protocol resolved the same section', () => {
    const u = { inputs: [], placement_error_mm: [1, 0, 1] as [number, number, number], samples: 2, seed: 1, design: 'lhs' as const };
    const doc = ensembleDocument('n', [{ uncertainty: u, summary }, { uncertainty: u, summary }], 5, true)!;
    expect(doc.schema).toBe('cryo-ensemble/1');
    expect(doc.complete).toBe(true);
    expect(ensembleDocument('n', [{ uncertainty: u, summary }, { uncertainty: { ...u, seed: 2 }, summary }], 5, true)).toBeNull();
    expect(ensembleDocument('n', [{ uncertainty: u, summary }], 5, false)!.complete).toBe(false);
  });
});

describe('ensemble form', () => {
  it('hostile entries get a message naming the field and the fix, and no settings', () => {
    const { settings, errors } = checkForm({ ...defaultForm(), samples: '1000000', placementSdMm: '-1', seed: '1.5' });
    expect(settings).toBeNull();
    expect(errors.samples).toMatch(new RegExp(`1 to ${ENSEMBLE_UI.maxSamples.value}.*cryo ensemble`));
    expect(errors.placementSdMm).toMatch(/from 0 to .* mm/);
    expect(errors.seed).toMatch(/whole number/);
    expect(checkForm({ ...defaultForm(), placementSdMm: '0', inputs: [] }).errors.inputs).toMatch(/Nothing is uncertain/);
    expect(checkForm({ ...defaultForm(), samples: '' }).errors.samples).toBeDefined();
    expect(checkForm(defaultForm()).settings).not.toBeNull();
  });

  it('sections centre on the protocol value and validate as the CLI would', () => {
    const file = tinyScenario();
    const v = validateScenario(file);
    if (!v.ok) throw new Error('fixture');
    const { section } = sectionFor(v.scenario, { samples: 4, seed: 2, placementSdMm: 1, inputs: ['perfusion', 'probe-output', 'k-frozen'] });
    const inputs = section.inputs as { path: string; median: number }[];
    expect(inputs.map((i) => i.path)).toEqual(['tissue.perfusion_w_m3k', 'probes[0].surface.h_w_m2k', 'tissue.k_frozen_w_mk']);
    expect(inputs[0].median).toBe(v.scenario.tissue.perfusion_w_m3k);
    const checked = validateScenario({ ...file, uncertainty: section });
    expect(checked.ok).toBe(true);
  });
});

describe('ensemble-panel', () => {
  async function mount(props: Record<string, unknown>): Promise<EnsemblePanel> {
    const el = document.createElement('ensemble-panel') as EnsemblePanel;
    Object.assign(el, props);
    document.body.append(el);
    await el.updateComplete;
    return el;
  }

  it('a hostile entry shows its message beside the field and nothing runs', async () => {
    let asked = 0;
    const el = await mount({ protocols: [{ id: 'p', label: 'P', colour: '#0072B2', file: tinyScenario() }], getPool: async () => (asked++, null) });
    const samples = el.shadowRoot!.querySelector<HTMLInputElement>('#ens-samples')!;
    samples.value = '1000000';
    samples.dispatchEvent(new Event('input'));
    await el.run();
    await el.updateComplete;
    expect(asked).toBe(0);
    expect(el.running).toBe(false);
    expect(el.shadowRoot!.querySelector('#ens-samples-msg')!.textContent).toMatch(/1 to 256/);
    expect(samples.getAttribute('aria-invalid')).toBe('true');
  });

  it('shows the summary probabilities with their Wilson intervals', async () => {
    const fig = (covered: boolean, frozen: boolean): MemberFigures => ({
      nerve: { min_c: covered ? -30 : -10, fraction: { '-20': covered ? 1 : 0.4, '-40': 0 } } as never,
      skin: { min_c: frozen ? -1 : 20, min_ice_gap_mm: frozen ? 0 : 8, frozen },
      envelope: {},
    });
    const members = [true, true, true, false].map((c, i) => ({ index: i, inputs: {}, offset_mm: [i * 0.1, 0, 0] as [number, number, number], figures: fig(c, i === 0) }));
    const el = await mount({ protocols: [] });
    el.states = [{ id: 'p', summary: protocolEnsemble('p', 'P', members, 5) }];
    await el.updateComplete;
    const cells = [...el.shadowRoot!.querySelectorAll('#ensemble-table tbody td')].map((td) => td.textContent!.replace(/\s+/g, ' ').trim());
    // n, P(-20) 3/4, P(-40) 0/4, P(skin) 1/4, P(ice < 5 mm) 1/4
    expect(cells[0]).toBe('4');
    const ci = wilsonInterval(3, 4)!;
    expect(cells[1]).toBe(`75 % ${Math.round(ci.low * 100)}–${Math.round(ci.high * 100)}`);
    expect(cells[2]).toMatch(/^0 % 0–/);
    expect(cells[3]).toMatch(/^25 %/);
    expect(cells[4]).toMatch(/^25 %/);
  });
});
