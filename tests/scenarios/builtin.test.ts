/**
 * The built-in scenarios (one per protocol of the seed papers) and the comparison set:
 * every file validates, cites its source, states its assumptions, and the comparison
 * expands to the eight protocols on identical anatomy.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  BUILTIN_COMPARISONS,
  BUILTIN_SCENARIOS,
  expandComparison,
  listPresets,
  validateComparison,
  validateScenario,
  type ComparisonFile,
  type Scenario,
} from '../../scenarios/index.ts';

const PROTOCOL_IDS = [
  'cazzato-2016',
  'friedman-2012',
  'von-falck-2022',
  'prologo-2017',
  'yoon-2016',
  'calixte-2019',
  'bittman-2018',
  'tinnirello-2025',
];
const PREFIXES = ['anatomy:', 'skin:', 'probe:', 'protocol:', 'model:'];

function resolved(s: unknown): Scenario {
  const r = validateScenario(s);
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return r.scenario;
}

describe('built-in scenarios', () => {
  it('has exactly one scenario per protocol of the seed papers', () => {
    expect(Object.keys(BUILTIN_SCENARIOS)).toEqual(PROTOCOL_IDS);
  });

  it('every JSON file in scenarios/builtin is registered', () => {
    const dir = fileURLToPath(new URL('../../scenarios/builtin/', import.meta.url));
    const files = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
    expect(files.sort()).toEqual([...PROTOCOL_IDS, ...Object.keys(BUILTIN_COMPARISONS)].sort());
  });

  it.each(PROTOCOL_IDS)('%s validates and follows the built-in conventions', (id) => {
    const file = BUILTIN_SCENARIOS[id];
    const r = validateScenario(file);
    expect(r.issues).toEqual([]);
    const s = resolved(file);
    const author = id.split('-').slice(0, -1).join(' ');
    const year = id.split('-').pop()!;
    expect(s.source.toLowerCase()).toContain(author.replace('von falck', 'von falck'));
    expect(s.source).toContain(year);
    expect(s.assumptions.length).toBeGreaterThanOrEqual(3);
    for (const a of s.assumptions) expect(PREFIXES.some((p) => a.startsWith(p)), a).toBe(true);
    expect(s.assumptions.some((a) => a.startsWith('anatomy:'))).toBe(true);
    expect(s.geometry.mode).toBe('axisymmetric');
    expect(s.geometry.spacing_mm).toBe(0.25);
    expect(s.output.isotherms_c).toEqual([0, -20, -40]);
    expect(s.output.interval_s).toBeGreaterThanOrEqual(5);
    expect(s.output.interval_s).toBeLessThanOrEqual(10);
    expect(s.probes).toHaveLength(1);
    expect(s.probes[0].device).not.toBeNull();
    expect(s.nerve).not.toBeNull();
    expect(s.nerve!.direction).toEqual([0, 1, 0]);
    expect(s.protocol.some((p) => p.phase === 'freeze')).toBe(true);
  });

  it('encodes the published protocols', () => {
    const phases = (id: string) => resolved(BUILTIN_SCENARIOS[id]).protocol.map((p) => [p.phase, p.duration_s]);
    expect(phases('cazzato-2016')[0]).toEqual(['freeze', 150]);
    expect(phases('von-falck-2022').slice(0, 3)).toEqual([['freeze', 360], ['passive_thaw', 240], ['freeze', 360]]);
    expect(phases('prologo-2017')).toEqual([['freeze', 600], ['passive_thaw', 300], ['freeze', 600], ['passive_thaw', 300]]);
    expect(phases('yoon-2016')).toEqual([['freeze', 180], ['active_thaw', 60]]);
    expect(phases('calixte-2019').filter(([p]) => p === 'freeze')).toEqual([['freeze', 90], ['freeze', 90]]);
    const bittman = phases('bittman-2018');
    expect(bittman.filter(([p]) => p === 'freeze')).toHaveLength(2);
    for (const [p, d] of bittman) expect(d).toBeGreaterThanOrEqual(p === 'freeze' ? 360 : 180);
    for (const [p, d] of phases('tinnirello-2025')) {
      if (p === 'freeze') expect([Number(d) >= 120, Number(d) <= 180]).toEqual([true, true]);
      else expect([Number(d) >= 30, Number(d) <= 120]).toEqual([true, true]);
    }
    const yoon = resolved(BUILTIN_SCENARIOS['yoon-2016']).probes[0];
    expect(yoon.diameter_mm).toBe(1.7);
    expect(yoon.surface).toMatchObject({ model: 'temperature', temperature_c: -147.5 });
    expect(resolved(BUILTIN_SCENARIOS['tinnirello-2025']).probes[0].surface).toMatchObject({ temperature_c: -70 });
    expect(resolved(BUILTIN_SCENARIOS['friedman-2012']).probes[0].device).toBe('frigitronics-ce2000');
    expect(resolved(BUILTIN_SCENARIOS['cazzato-2016']).probes[0]).toMatchObject({ device: 'iceseed-17g', active_length_mm: 20 });
  });

  it('keeps the cold segment below the skin and the nerve beside the probe', () => {
    for (const id of PROTOCOL_IDS) {
      const s = resolved(BUILTIN_SCENARIOS[id]);
      const p = s.probes[0];
      const n = s.nerve!;
      expect(p.tip_mm[2] - p.active_length_mm, id).toBeGreaterThan(0);
      const r = Math.hypot(n.center_mm[0], n.center_mm[1]);
      expect(r - n.diameter_mm / 2, id).toBeGreaterThanOrEqual(p.diameter_mm / 2);
    }
  });
});

describe('comparison set', () => {
  const set = BUILTIN_COMPARISONS['comparison-nerve-20mm'];

  it('lists all eight protocols and validates', () => {
    expect(set.schema).toBe('cryo-comparison/1');
    expect(set.protocols).toEqual(PROTOCOL_IDS);
    const r = validateComparison(set);
    expect(r.issues).toEqual([]);
    expect(r.ok && r.runs.map((x) => x.id)).toEqual(PROTOCOL_IDS);
  });

  it('expands to eight valid scenarios on identical anatomy', () => {
    const runs = expandComparison(set);
    expect(runs.map((r) => r.id)).toEqual(PROTOCOL_IDS);
    const scenarios = runs.map((r) => resolved(r.scenario));
    const anatomy = (s: Scenario) => ({
      geometry: s.geometry,
      tissue: s.tissue,
      layers: s.layers,
      skin: s.skin,
      far_field: s.far_field,
      nerve: s.nerve,
      sensors: s.sensors,
    });
    for (const s of scenarios) expect(anatomy(s)).toEqual(anatomy(scenarios[0]));
    expect(scenarios[0].nerve).toEqual({ center_mm: [5, 0, 20], direction: [0, 1, 0], diameter_mm: 3 });
    for (const s of scenarios) expect(s.probes[0].tip_mm).toEqual([0, 0, set.anatomy.probe_tip_depth_mm]);
  });

  it('keeps each protocol’s probe, phases, source and protocol-side assumptions', () => {
    for (const { id, scenario } of expandComparison(set)) {
      const own = resolved(BUILTIN_SCENARIOS[id]);
      const s = resolved(scenario);
      // Reposition targets are resolved from where the probe sits, which the anatomy changes.
      const dz = s.probes[0].tip_mm[2] - own.probes[0].tip_mm[2];
      const shifted = own.protocol.map((ph) => (ph.phase === 'reposition' ? { ...ph, tip_mm: [ph.tip_mm[0], ph.tip_mm[1], ph.tip_mm[2] + dz] } : ph));
      expect(s.protocol).toEqual(shifted);
      expect({ ...s.probes[0], tip_mm: null }).toEqual({ ...own.probes[0], tip_mm: null });
      expect(s.source).toBe(own.source);
      for (const a of own.assumptions) {
        const protocolSide = !a.startsWith('anatomy:') && !a.startsWith('skin:');
        const inSet = (set.assumptions ?? []).includes(a);
        expect(s.assumptions.includes(a), `${id}: ${a}`).toBe(protocolSide || inSet);
      }
      for (const a of set.assumptions ?? []) expect(s.assumptions).toContain(a);
    }
  });

  it('moves every probe of a multi-probe protocol by the same depth offset', () => {
    const library = { ...BUILTIN_SCENARIOS };
    const custom: ComparisonFile = structuredClone(set);
    custom.protocols = ['yoon-2016'];
    custom.anatomy.probe_tip_depth_mm = 12;
    const [run] = expandComparison(custom);
    expect(run.scenario.probes[0].tip_mm).toEqual([0, 0, 12]);
    expect(library['yoon-2016'].probes[0].tip_mm).toEqual([0, 0, 28]); // the built-in is untouched
  });

  it('reports unknown protocols and anatomy problems with paths', () => {
    const bad = structuredClone(set) as unknown as Record<string, any>;
    bad.protocols = ['yoon-2016', 'smith-2030'];
    expect(validateComparison(bad).issues.map((i) => i.path)).toEqual(['protocols[1]']);
    const deep = structuredClone(set) as unknown as Record<string, any>;
    deep.anatomy.geometry.spacing_mm = -1;
    expect([...new Set(validateComparison(deep).issues.map((i) => i.path))]).toEqual(['anatomy.geometry.spacing_mm']);
    const shallow = structuredClone(set) as unknown as Record<string, any>;
    shallow.anatomy.probe_tip_depth_mm = 10; // IceSeed's 20-mm cold segment would leave the body
    const paths = validateComparison(shallow).issues.map((i) => i.path);
    expect(paths).toContain(`protocols[${PROTOCOL_IDS.indexOf('cazzato-2016')}]`);
    expect(validateComparison(null).ok).toBe(false);
  });
});

describe('listPresets', () => {
  it('describes every built-in, device and tissue in one line each', () => {
    const c = listPresets();
    expect(c.scenarios.map((e) => e.id)).toEqual(PROTOCOL_IDS);
    expect(c.comparisons.map((e) => e.id)).toEqual(['comparison-nerve-20mm']);
    expect(c.devices.map((e) => e.id)).toEqual(
      expect.arrayContaining(['iceseed-17g', 'icesphere-17g', 'icerod-17g', 'argon-1.7mm', 'argon-2.4mm', 'nitrous-handheld', 'frigitronics-ce2000']),
    );
    expect(c.tissues.map((e) => e.id)).toEqual(['generic', 'muscle', 'fat', 'skin', 'nerve', 'gel', 'water', 'saline', 'agar', 'gelma']);
    for (const e of [...c.scenarios, ...c.comparisons, ...c.devices, ...c.tissues]) {
      expect(e.description.length).toBeGreaterThan(5);
      expect(e.description).not.toContain('\n');
    }
  });
});
