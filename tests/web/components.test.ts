// @vitest-environment happy-dom
/**
 * The workbench components rendered in happy-dom: what the user reads (verdict
 * rows, validation messages beside fields, provenance marks) and what each edit
 * emits (timeline changes, margin changes, anatomy edits). Chart components are
 * checked through the Plotly figure they would draw, without loading Plotly.
 */
import { afterEach, describe, expect, it } from 'vitest';
import '../../web/components/verdict-table/verdict-table.ts';
import '../../web/components/protocol-timeline/protocol-timeline.ts';
import '../../web/components/scenario-editor/scenario-editor.ts';
import '../../web/components/anatomy-panel/anatomy-panel.ts';
import { layersFor, simpleLayers } from '../../web/lib/anatomy-edits.ts';
import { LethalZoneChart } from '../../web/components/lethal-zone-chart/lethal-zone-chart.ts';
import { buildGrid, probeTipsAt, TemperatureMap } from '../../web/components/temperature-map/temperature-map.ts';
import { IsothermGrowthChart } from '../../web/components/isotherm-growth-chart/isotherm-growth-chart.ts';
import { TemperatureHistoryChart } from '../../web/components/temperature-history-chart/temperature-history-chart.ts';
import type { PhaseSpec, ScenarioFile } from '../../scenarios/schema.ts';
import { anatomyOf } from '../../web/lib/workspace.ts';
import { makeResult, makeRun, scenarioFile } from './fixtures/results.ts';
import { makePin, pinRun } from '../../web/lib/pins.ts';

afterEach(() => {
  document.body.innerHTML = '';
});

async function mount<T extends HTMLElement>(tag: string, props: Record<string, unknown>): Promise<T> {
  const el = document.createElement(tag) as T & { updateComplete: Promise<unknown> };
  Object.assign(el, props);
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const q = (el: HTMLElement, sel: string) => el.shadowRoot!.querySelector(sel) as HTMLElement;
const qa = (el: HTMLElement, sel: string) => [...el.shadowRoot!.querySelectorAll(sel)] as HTMLElement[];

describe('verdict-table', () => {
  it('shows one row per protocol with raw numbers, pass/fail in words, and errors', async () => {
    const bad = makeRun('b', { label: 'Broken', result: makeResult({ skin: { min_c: -2, min_ice_gap_mm: 0, frozen: true } }) });
    const failed = makeRun('c', { result: null, error: { message: 'solver.dt_s: above the stability limit', issues: [] } });
    const el = await mount('verdict-table', { runs: [makeRun('a'), bad, failed] });
    const rows = qa(el, 'tbody tr');
    expect(rows).toHaveLength(3);
    const cell = (r: number, col: string) => rows[r].querySelector(`[data-col="${col}"]`) as HTMLElement;
    expect(cell(0, 'skin_min_c').dataset.value).toBe('12.5');
    expect(cell(0, 'ice_gap_mm').textContent).toContain('6.0 mm');
    expect(cell(0, 'block_fraction').textContent).toContain('100 %');
    expect(cell(0, 'pass').textContent).toContain('pass');
    expect(cell(1, 'pass').textContent).toContain('fail');
    expect(cell(1, 'ice_gap_mm').textContent).toContain('skin froze');
    expect(rows[2].textContent).toContain('above the stability limit');
  });

  it('emits new margins and re-judges', async () => {
    const el = await mount<HTMLElement & { margins: { skin_margin_mm: number } }>('verdict-table', { runs: [makeRun('a')] });
    let got: unknown = null;
    el.addEventListener('margins-change', (e) => (got = (e as CustomEvent).detail));
    const input = qa(el, 'input[type="number"]')[0] as HTMLInputElement;
    input.value = '10';
    input.dispatchEvent(new Event('change'));
    await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(got).toMatchObject({ skin_margin_mm: 10 });
    expect(q(el, '[data-col="pass"]').textContent).toContain('fail');
  });
});

describe('protocol-timeline', () => {
  const phases: PhaseSpec[] = [
    { phase: 'freeze', duration_s: 360 },
    { phase: 'passive_thaw', duration_s: 240 },
    { phase: 'freeze', duration_s: 360 },
  ];

  async function timeline() {
    const el = await mount<HTMLElement & { phases: PhaseSpec[]; updateComplete: Promise<unknown> }>('protocol-timeline', { phases });
    const events: PhaseSpec[][] = [];
    el.addEventListener('protocol-change', (e) => events.push((e as CustomEvent).detail));
    return { el, events };
  }

  it('draws blocks sized by duration', async () => {
    const { el } = await timeline();
    const blocks = qa(el, '.phase');
    expect(blocks).toHaveLength(3);
    expect(blocks[1].getAttribute('aria-label')).toBe('passive thaw, 4 min');
    expect(blocks[0].style.flex).toContain('360');
  });

  it('resizes, reorders and removes from the keyboard', async () => {
    const { el, events } = await timeline();
    const key = async (i: number, k: string, mods: KeyboardEventInit = {}) => {
      qa(el, '.phase')[i].dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, ...mods }));
      await el.updateComplete;
    };
    await key(0, 'ArrowRight');
    expect(events.at(-1)![0].duration_s).toBe(370);
    await key(0, 'ArrowLeft', { shiftKey: true });
    expect(events.at(-1)![0].duration_s).toBe(310);
    await key(1, 'ArrowLeft', { altKey: true });
    expect(events.at(-1)!.map((p) => p.phase)).toEqual(['passive_thaw', 'freeze', 'freeze']);
    await key(2, 'Delete');
    expect(events.at(-1)).toHaveLength(2);
  });

  it('adds a reposition step that pulls the probe back', async () => {
    const { el, events } = await timeline();
    qa(el, 'button').find((b) => b.textContent!.includes('Reposition'))!.click();
    await el.updateComplete;
    expect(events.at(-1)![1]).toMatchObject({ phase: 'reposition', probe: 0, pull_back_mm: 5, duration_s: 10 });
    expect(qa(el, '.phase')[1].className).toContain('reposition');
  });

  it('adds phases after the selected one with defaults, and edits exactly', async () => {
    const { el, events } = await timeline();
    const add = qa(el, 'button').find((b) => b.textContent!.includes('Active thaw'))!;
    add.click();
    await el.updateComplete;
    expect(events.at(-1)![1]).toMatchObject({ phase: 'active_thaw', duration_s: 60 });
    const dur = qa(el, 'input[type="number"]')[0] as HTMLInputElement;
    dur.value = '90';
    dur.dispatchEvent(new Event('change'));
    expect(events.at(-1)![1].duration_s).toBe(90);
  });
});

describe('scenario-editor', () => {
  it('puts each validator message beside its field and counts it on the group', async () => {
    const issues = [
      { path: 'geometry.spacing_mm', message: 'must be > 0' },
      { path: 'probes[0].tip_mm[2]', message: 'must be inside the domain' },
      { path: 'some.rule', message: 'cross-field problem' },
    ];
    const el = await mount('scenario-editor', { scenario: { ...scenarioFile, geometry: { ...scenarioFile.geometry, spacing_mm: 0 } }, issues });
    const spacing = q(el, '[data-path="geometry.spacing_mm"]') as HTMLInputElement;
    expect(spacing.getAttribute('aria-invalid')).toBe('true');
    expect(q(el, '[data-issue-for="geometry.spacing_mm"]').textContent).toBe('must be > 0');
    expect(q(el, '[data-issue-for="probes[0].tip_mm"]').textContent).toBe('must be inside the domain');
    const problems = q(el, '.problems');
    expect(problems.textContent).toContain('3 problems');
    // Only the message no field claimed is listed at the top.
    expect(problems.textContent).toContain('cross-field problem');
    expect(problems.textContent).not.toContain('must be > 0');
  });

  it('marks literature, estimated and scenario-set values', async () => {
    const file: ScenarioFile = { ...scenarioFile, tissue: { preset: 'muscle', k_unfrozen_w_mk: 0.6 } };
    const el = await mount('scenario-editor', { scenario: file, issues: [] });
    const markOf = (path: string) => q(el, `[data-path="${path}"]`).parentElement!.querySelector('.mark')!;
    expect(markOf('tissue.k_unfrozen_w_mk').className).toContain('set');
    expect(markOf('tissue.k_frozen_w_mk').className).toContain('estimate');
    expect(markOf('tissue.c_unfrozen_j_m3k').className).toContain('literature');
    expect(markOf('tissue.c_unfrozen_j_m3k').getAttribute('title')).toMatch(/IT'IS/);
  });

  it('emits the edited scenario file', async () => {
    const el = await mount('scenario-editor', { scenario: scenarioFile, issues: [] });
    let got: ScenarioFile | null = null;
    el.addEventListener('scenario-change', (e) => (got = (e as CustomEvent).detail));
    const input = q(el, '[data-path="nerve.diameter_mm"]') as HTMLInputElement;
    input.value = '4.5';
    input.dispatchEvent(new Event('change'));
    expect(got!.nerve!.diameter_mm).toBe(4.5);
    const spacing = q(el, '[data-path="geometry.spacing_mm"]') as HTMLInputElement;
    spacing.value = '';
    spacing.dispatchEvent(new Event('change'));
    // Cleared required field is kept as null so the validator names it.
    expect(got!.geometry.spacing_mm).toBeNull();
  });

  it('chooses the time stepping: implicit or explicit, and back to the auto default', async () => {
    const el = await mount('scenario-editor', { scenario: scenarioFile, issues: [] });
    let got: ScenarioFile | null = null;
    el.addEventListener('scenario-change', (e) => (got = (e as CustomEvent).detail));
    const pick = (value: string) => {
      const select = q(el, '[data-path="solver.integrator"]') as HTMLSelectElement;
      select.value = value;
      select.dispatchEvent(new Event('change'));
    };
    pick('implicit');
    expect(got!.solver?.integrator).toBe('implicit');
    pick('explicit');
    expect(got!.solver?.integrator).toBe('explicit');
    const defaultLabel = (q(el, '[data-path="solver.integrator"] option[value=""]') as HTMLOptionElement).textContent;
    expect(defaultLabel).toMatch(/^auto \(default\)/);
    pick('');
    expect(got!.solver?.integrator).toBeUndefined();
  });
});

describe('anatomy-panel layers', () => {
  it('reads and writes the skin-over-fat layering, and leaves custom layers alone', () => {
    expect(simpleLayers(undefined)).toEqual({ skin_mm: 0, fat_mm: 0 });
    expect(simpleLayers(layersFor(2, 5))).toEqual({ skin_mm: 2, fat_mm: 5 });
    expect(layersFor(2, 5)).toEqual([
      { from_depth_mm: 0, to_depth_mm: 2, tissue: { preset: 'skin' } },
      { from_depth_mm: 2, to_depth_mm: 7, tissue: { preset: 'fat' } },
    ]);
    expect(simpleLayers(layersFor(0, 4))).toEqual({ skin_mm: 0, fat_mm: 4 });
    expect(layersFor(0, 0)).toBeUndefined();
    expect(simpleLayers([{ from_depth_mm: 0, to_depth_mm: 2, tissue: { preset: 'skin', k_unfrozen_w_mk: 0.3 } }])).toBeNull();
    expect(simpleLayers([{ from_depth_mm: 0, to_depth_mm: 2, tissue: { preset: 'muscle' } }])).toBeNull();
  });
});

describe('anatomy-panel', () => {
  it('reports a nerve move with the probes-follow choice', async () => {
    const el = await mount('anatomy-panel', { anatomy: anatomyOf(scenarioFile, 'test anatomy'), sources: {} });
    let got: { nerveTo?: number[]; moveProbes: boolean } | null = null;
    el.addEventListener('anatomy-edit', (e) => (got = (e as CustomEvent).detail));
    const depth = q(el, '#nerve-depth') as HTMLInputElement;
    depth.value = '12';
    depth.dispatchEvent(new Event('change'));
    expect(got).toMatchObject({ nerveTo: [4, 0, 12], moveProbes: true });
    const res = q(el, '#res') as HTMLSelectElement;
    res.value = '0.25';
    res.dispatchEvent(new Event('change'));
    expect((got as unknown as { anatomy: { geometry: { spacing_mm: number } } }).anatomy.geometry.spacing_mm).toBe(0.25);
  });

  it('refuses a blank, a typo or a nerve outside the body beside the field, and emits nothing', async () => {
    const el = await mount<HTMLElement & { updateComplete: Promise<unknown> }>('anatomy-panel', { anatomy: anatomyOf(scenarioFile, 'test anatomy'), sources: {} });
    const events: unknown[] = [];
    el.addEventListener('anatomy-edit', (e) => events.push((e as CustomEvent).detail));
    const depth = q(el, '#nerve-depth') as HTMLInputElement;
    for (const [text, message] of [['', /empty/], ['2O', /not a number/], ['-5', /below the skin/], ['1000', /between/]] as const) {
      depth.value = text;
      depth.dispatchEvent(new Event('change'));
      await el.updateComplete;
      expect(q(el, '#nerve-depth-error')?.textContent, text).toMatch(message);
      expect(depth.getAttribute('aria-invalid')).toBe('true');
      expect(depth.value).toBe(text);
    }
    expect(events).toEqual([]);
    depth.value = '12';
    depth.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(q(el, '#nerve-depth-error')).toBeNull();
    expect(events).toHaveLength(1);
  });
});

type WithFigure = { figure(): { data: Record<string, unknown>[]; layout: Record<string, unknown> } | null };

describe('chart figures', () => {
  it('lethal-zone chart: one column per protocol, nested isotherm bars, nerve band and margin', () => {
    const el = new LethalZoneChart();
    el.runs = [makeRun('a'), makeRun('b', { label: 'B' })];
    el.marginMm = 10;
    el.selection = { mode: 'last-freeze' };
    const fig = (el as unknown as WithFigure).figure()!;
    const bars = fig.data.filter((d) => d.type === 'bar');
    expect(bars.map((b) => b.name)).toEqual(['≤ 0 °C ice', '≤ −20 °C block', '≤ −40 °C lethal']);
    expect(bars[2].base).toEqual([11, 11]);
    expect(bars[2].y).toEqual([15, 15]);
    // Category columns with unique labels (two protocols may share a short label).
    expect(bars[0].x).toEqual(['Protocol a', 'B']);
    el.runs = [makeRun('a'), makeRun('a2')].map((r) => ({ ...r, label: 'Same label' }));
    expect((el as unknown as WithFigure).figure()!.data[0].x).toEqual(['Same label', 'Same label (2)']);
    const shapes = fig.layout.shapes as { y0: number; y1: number }[];
    expect(shapes.some((s) => s.y0 === 18.5 && s.y1 === 21.5)).toBe(true); // nerve 20 ± 1.5
    expect(shapes.some((s) => s.y0 === 0 && s.y1 === 10)).toBe(true); // margin band
    expect(el.columns).toHaveLength(2);
  });

  it('says under the lethal-zone chart which runs took implicit steps', async () => {
    const withIntegrator = (id: string, integrator: 'explicit' | 'implicit') => {
      const run = makeRun(id);
      return { ...run, result: { ...run.result!, solver: { ...run.result!.solver, integrator } } };
    };
    const caption = async (runs: ReturnType<typeof makeRun>[]) => {
      const el = await mount<LethalZoneChart>('lethal-zone-chart', { runs });
      return q(el, 'p.caption:last-of-type')?.textContent ?? qa(el, 'p.caption').map((p) => p.textContent).join(' ');
    };
    expect(await caption([withIntegrator('a', 'explicit'), withIntegrator('b', 'explicit')])).not.toMatch(/implicit/);
    expect(await caption([withIntegrator('a', 'implicit'), withIntegrator('b', 'explicit')])).toMatch(/implicit steps in 1 of 2 runs/);
    expect(await caption([withIntegrator('a', 'implicit')])).toMatch(/· implicit steps ·/);
  });

  it('temperature map: mirrored axisymmetric field, standard and extra contours', () => {
    const el = new TemperatureMap();
    const nx = 4;
    const nz = 3;
    const frame = new Float32Array(nx * nz).map((_, i) => -i);
    el.run = makeRun('a', {
      frames: { nx, nz, spacing_mm: 1, x0_mm: 0.5, z0_mm: 0.5, times_s: [0, 60], temperatures_c: [frame, frame], cell_kind: new Uint8Array(nx * nz) },
    });
    el.extraLevelsText = '-10, −60';
    const fig = (el as unknown as WithFigure).figure()!;
    const heat = fig.data[0] as { x: number[]; z: number[][] };
    expect(heat.x).toEqual([-3.5, -2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.5]);
    expect(heat.z[1]).toEqual([-7, -6, -5, -4, -4, -5, -6, -7]);
    const isotherms = fig.data.filter((d) => (d as { meta?: { isotherm_c?: number } }).meta?.isotherm_c !== undefined);
    expect(isotherms.map((d) => (d as { meta: { isotherm_c: number } }).meta.isotherm_c)).toEqual([-60, -40, -20, -10, 0]);
    // Each a line, labelled with its level where it has one (the field spans −11…0 °C: −60, −40 and −20 °C have none).
    expect(isotherms.every((d) => d.type === 'scatter' && (d as { mode: string }).mode === 'lines')).toBe(true);
    expect(((fig.layout.annotations ?? []) as { text: string }[]).map((a) => a.text)).toEqual(['−10', '0']);
    el.extraLevelsText = '-300';
    expect(el.levels).toEqual([-40, -20, 0]);
  });

  it('temperature map draws each probe where the protocol has moved it', () => {
    const s = {
      probes: [{ tip_mm: [0, 0, 30] }],
      protocol: [
        { phase: 'freeze', duration_s: 150, power: 1 },
        { phase: 'reposition', duration_s: 10, probe: 0, tip_mm: [0, 0, 25] },
        { phase: 'freeze', duration_s: 90, power: 1 },
      ],
    } as never;
    expect(probeTipsAt(s, 100)[0]).toEqual([0, 0, 30]);
    expect(probeTipsAt(s, 150)[0]).toEqual([0, 0, 25]);
    expect(probeTipsAt(s, 200)[0]).toEqual([0, 0, 25]);
  });

  it('temperature map thins fine grids for display only', () => {
    const f = { nx: 400, nz: 800, spacing_mm: 0.1, x0_mm: 0.05, z0_mm: 0.05, times_s: [0], temperatures_c: [new Float32Array(400 * 800)], cell_kind: new Uint8Array(0) };
    const g = buildGrid(f, true, 320);
    expect(g.stride).toBe(3);
    expect(g.x.length).toBeLessThanOrEqual(320);
    expect(g.y.length).toBeLessThanOrEqual(320);
    expect(g.rows(f.temperatures_c[0])[0]).toHaveLength(g.x.length);
  });

  it('growth and history charts: a line per protocol or sensor, phases shaded', () => {
    const g = new IsothermGrowthChart();
    g.runs = [makeRun('a'), makeRun('b')];
    g.selectedId = 'b';
    const fig = (g as unknown as WithFigure).figure()!;
    expect(fig.data).toHaveLength(2);
    expect((fig.data[1].line as { width: number }).width).toBeGreaterThan((fig.data[0].line as { width: number }).width);
    expect(fig.data[0].y).toEqual([null, 3, 3.5, null]);
    expect((fig.layout.shapes as unknown[]).length).toBe(2);

    const h = new TemperatureHistoryChart();
    h.runs = [makeRun('a')];
    h.selectedId = 'a';
    const hf = (h as unknown as WithFigure).figure()!;
    expect(hf.data.map((d) => d.name)).toEqual(['nerve centre', 'skin above probe']);
    h.view = 'protocols';
    h.runs = [makeRun('a'), makeRun('b')];
    expect((h as unknown as WithFigure).figure()!.data).toHaveLength(2);
  });

  it('a pin identical to its run is drawn beneath it, wider and translucent, so the run stays visible', () => {
    const run = makeRun('a');
    const made = makePin(run, 'before', []);
    if (!made.ok) throw new Error(made.reason);
    const pin = pinRun(made.pin, 0, 1);
    type Line = { name: string; y: unknown; line: { color: string; width: number }; opacity?: number; legendrank: number };
    const check = (data: Line[]) => {
      const [under, over] = data.slice(-2);
      expect(under.name).toBe('pinned: before');
      expect(over.name).toBe('Protocol a');
      expect(under.y).toEqual(over.y); // the same curve …
      expect(under.line.width).toBeGreaterThan(over.line.width + 2); // … shows around the run's line
      expect(under.opacity).toBeLessThan(1);
      expect(over.opacity).toBeUndefined();
      expect(over.legendrank).toBeLessThan(under.legendrank); // the legend keeps the run first
    };
    const g = new IsothermGrowthChart();
    g.runs = [run, pin];
    g.selectedId = 'a';
    check((g as unknown as WithFigure).figure()!.data as unknown as Line[]);
    const h = new TemperatureHistoryChart();
    h.runs = [run, pin];
    h.selectedId = 'a';
    h.view = 'protocols';
    check((h as unknown as WithFigure).figure()!.data as unknown as Line[]);
  });
});
