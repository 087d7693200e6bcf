/**
 * Malformed scenarios: each yields issues at exactly the expected JSON paths, with
 * messages that say what is wrong and how to fix it.
 */
import { describe, expect, it } from 'vitest';
import { cellCount, formatIssues, MAX_CELLS_2D, validateScenario } from '../../scenarios/index.ts';
import { minimalAxisymmetric, minimalPlanar } from './fixtures.ts';

type S = Record<string, any>;
interface Case {
  name: string;
  base?: () => S;
  mutate: (s: S) => void;
  /** every issue path, in any order (duplicates allowed) */
  paths: string[];
  message?: RegExp;
}

const cases: Case[] = [
  // top level
  { name: 'wrong schema', mutate: (s) => (s.schema = 'cryo-scenario/2'), paths: ['schema'], message: /cryo-scenario\/1/ },
  { name: 'missing schema', mutate: (s) => delete s.schema, paths: ['schema'] },
  { name: 'name is a number', mutate: (s) => (s.name = 5), paths: ['name'], message: /string/ },
  { name: 'empty name', mutate: (s) => (s.name = '  '), paths: ['name'] },
  { name: 'unknown top-level key', mutate: (s) => (s.tisue = {}), paths: ['tisue'], message: /did you mean "tissue"/ },
  { name: 'assumption not a string', mutate: (s) => (s.assumptions = [3]), paths: ['assumptions[0]'] },
  // geometry
  {
    name: '3d with two sizes',
    mutate: (s) => (s.geometry = { mode: '3d', spacing_mm: 0.5, size_mm: [20, 40] }),
    paths: ['geometry.size_mm'],
    message: /exactly 3 numbers \[x, y, depth\]/,
  },
  { name: 'unknown mode', mutate: (s) => (s.geometry.mode = 'axisym'), paths: ['geometry.mode'], message: /axisymmetric/ },
  { name: 'spacing as a string', mutate: (s) => (s.geometry.spacing_mm = '0.25'), paths: ['geometry.spacing_mm'], message: /without quotes/ },
  { name: 'zero spacing', mutate: (s) => (s.geometry.spacing_mm = 0), paths: ['geometry.spacing_mm'] },
  { name: 'three sizes in 2D', mutate: (s) => (s.geometry.size_mm = [20, 20, 40]), paths: ['geometry.size_mm'], message: /exactly 2/ },
  { name: 'negative size', mutate: (s) => (s.geometry.size_mm = [-20, 40]), paths: ['geometry.size_mm[0]'] },
  { name: 'spacing coarser than size/4', mutate: (s) => (s.geometry.spacing_mm = 6), paths: ['geometry.spacing_mm'], message: /≤ 5/ },
  {
    name: 'grid too large for memory',
    mutate: (s) => (s.geometry.spacing_mm = 0.001),
    paths: ['geometry.spacing_mm'],
    message: /800,000,000 cells.*use spacing_mm ≥ 0\.015 \(3,557,778 cells\)/,
  },
  // tissue and layers
  { name: 'unknown tissue preset', mutate: (s) => (s.tissue.preset = 'bone'), paths: ['tissue.preset'], message: /"generic", "muscle", "fat", "skin", "nerve", "gel"/ },
  { name: 'tissue field typo', mutate: (s) => (s.tissue.k_frozen = 2), paths: ['tissue.k_frozen'], message: /did you mean "k_frozen_w_mk"/ },
  { name: 'NaN conductivity (JS object)', mutate: (s) => (s.tissue.k_frozen_w_mk = NaN), paths: ['tissue.k_frozen_w_mk'], message: /got NaN/ },
  { name: 'zero heat capacity', mutate: (s) => (s.tissue.c_frozen_j_m3k = 0), paths: ['tissue.c_frozen_j_m3k'] },
  { name: 'negative latent heat', mutate: (s) => (s.tissue.latent_j_m3 = -1), paths: ['tissue.latent_j_m3'] },
  { name: 'negative perfusion', mutate: (s) => (s.tissue.perfusion_w_m3k = -5), paths: ['tissue.perfusion_w_m3k'] },
  { name: 'solidus above liquidus', mutate: (s) => (s.tissue.solidus_c = 0), paths: ['tissue.solidus_c'], message: /below liquidus_c/ },
  { name: 'liquidus override below solidus', mutate: (s) => (s.tissue.liquidus_c = -10), paths: ['tissue.liquidus_c'] },
  { name: 'bad perfusion_after_thaw', mutate: (s) => (s.tissue.perfusion_after_thaw = 'stop'), paths: ['tissue.perfusion_after_thaw'] },
  { name: 'tissue is an array', mutate: (s) => (s.tissue = []), paths: ['tissue'] },
  { name: 'unknown layer preset', mutate: (s) => (s.layers = [{ from_depth_mm: 0, to_depth_mm: 2, tissue: { preset: 'bone' } }]), paths: ['layers[0].tissue.preset'] },
  { name: 'layer upside down', mutate: (s) => (s.layers = [{ from_depth_mm: 5, to_depth_mm: 2, tissue: { preset: 'fat' } }]), paths: ['layers[0].to_depth_mm'] },
  { name: 'layer below the domain', mutate: (s) => (s.layers = [{ from_depth_mm: 5, to_depth_mm: 50, tissue: { preset: 'fat' } }]), paths: ['layers[0].to_depth_mm'] },
  {
    name: 'overlapping layers',
    mutate: (s) =>
      (s.layers = [
        { from_depth_mm: 0, to_depth_mm: 3, tissue: { preset: 'skin' } },
        { from_depth_mm: 2, to_depth_mm: 8, tissue: { preset: 'fat' } },
      ]),
    paths: ['layers[1].from_depth_mm'],
  },
  { name: 'layer without tissue', mutate: (s) => (s.layers = [{ from_depth_mm: 0, to_depth_mm: 2 }]), paths: ['layers[0].tissue'] },
  // boundaries
  { name: 'unknown skin boundary', mutate: (s) => (s.skin = { boundary: 'wet' }), paths: ['skin.boundary'] },
  { name: 'convective skin without h', mutate: (s) => (s.skin = { boundary: 'convective', ambient_c: 22 }), paths: ['skin.h_w_m2k'] },
  { name: 'field of another skin variant', mutate: (s) => (s.skin = { boundary: 'insulated', temperature_c: 3 }), paths: ['skin.temperature_c'] },
  { name: 'far field without temperature', mutate: (s) => (s.far_field = { boundary: 'temperature' }), paths: ['far_field.temperature_c'] },
  // probes
  { name: 'probes missing', mutate: (s) => delete s.probes, paths: ['probes'] },
  { name: 'no probe with a convective skin', mutate: (s) => (s.probes = []), paths: ['probes'], message: /skin\.boundary "temperature"/ },
  { name: 'unknown device', mutate: (s) => (s.probes[0].device = 'cryo-9000'), paths: ['probes[0].device'], message: /icesphere-17g/ },
  { name: 'tip above the skin', mutate: (s) => (s.probes[0].tip_mm = [0, 0, -2]), paths: ['probes[0].tip_mm[2]'], message: /below the skin/ },
  { name: 'tip on the skin', mutate: (s) => (s.probes[0].tip_mm = [0, 0, 0]), paths: ['probes[0].tip_mm[2]'] },
  { name: 'tip above the skin, unknown device', mutate: (s) => (s.probes[0] = { device: 'x', tip_mm: [0, 0, -1] }), paths: ['probes[0].device', 'probes[0].tip_mm[2]'] },
  { name: 'Infinity in tip (JS object)', mutate: (s) => (s.probes[0].tip_mm = [0, 0, Infinity]), paths: ['probes[0].tip_mm[2]'] },
  { name: 'tip below the domain', mutate: (s) => (s.probes[0].tip_mm = [0, 0, 45]), paths: ['probes[0].tip_mm[2]'] },
  { name: 'cold segment above the skin', mutate: (s) => (s.probes[0].tip_mm = [0, 0, 10]), paths: ['probes[0].active_length_mm'], message: /at least 15 mm deep/ },
  { name: 'off-axis probe in axisymmetric', mutate: (s) => (s.probes[0].tip_mm = [3, 0, 20]), paths: ['probes[0].tip_mm'], message: /planar/ },
  { name: 'tilted probe in axisymmetric', mutate: (s) => (s.probes[0].direction = [0, 1, 1]), paths: ['probes[0].direction'] },
  { name: 'zero direction', mutate: (s) => (s.probes[0].direction = [0, 0, 0]), paths: ['probes[0].direction'], message: /non-zero/ },
  { name: 'two probes in axisymmetric', mutate: (s) => s.probes.push({ ...s.probes[0] }), paths: ['probes'], message: /planar/ },
  { name: 'zero diameter without line sink', mutate: (s) => (s.probes[0].diameter_mm = 0), paths: ['probes[0].diameter_mm'], message: /line_sink/ },
  { name: 'no device and no diameter', mutate: (s) => (s.probes[0] = { active_length_mm: 10, tip_mm: [0, 0, 20], surface: { model: 'line_sink', w_per_m: 50 } }), paths: ['probes[0].diameter_mm'] },
  { name: 'unknown surface model', mutate: (s) => (s.probes[0].surface = { model: 'cold' }), paths: ['probes[0].surface.model'] },
  { name: 'negative film coefficient', mutate: (s) => (s.probes[0].surface = { h_w_m2k: -1 }), paths: ['probes[0].surface.h_w_m2k'] },
  { name: 'temperature field on a convective device', mutate: (s) => (s.probes[0].surface = { temperature_c: -100 }), paths: ['probes[0].surface.temperature_c'], message: /"model"|allowed: model, gas_c, h_w_m2k/ },
  { name: 'surface below absolute zero', mutate: (s) => (s.probes[0].surface = { model: 'temperature', temperature_c: -300 }), paths: ['probes[0].surface.temperature_c'] },
  // protocol
  { name: 'empty protocol', mutate: (s) => (s.protocol = []), paths: ['protocol'] },
  { name: 'unknown phase', mutate: (s) => (s.protocol[0].phase = 'freez'), paths: ['protocol[0].phase'], message: /did you mean "freeze"/ },
  {
    name: 'negative duration',
    mutate: (s) => (s.protocol[1].duration_s = -5),
    paths: ['protocol[1].duration_s'],
    message: /^must be a number > 0 .*\(s\), got -5/,
  },
  { name: 'zero duration', mutate: (s) => (s.protocol[1].duration_s = 0), paths: ['protocol[1].duration_s'] },
  { name: 'NaN duration (JS object)', mutate: (s) => (s.protocol[0].duration_s = NaN), paths: ['protocol[0].duration_s'], message: /NaN/ },
  { name: 'duration as a string', mutate: (s) => (s.protocol[0].duration_s = '60'), paths: ['protocol[0].duration_s'] },
  { name: 'power above 1', mutate: (s) => (s.protocol[0].power = 1.5), paths: ['protocol[0].power'], message: /0\.3 for 30 %/ },
  { name: 'zero power', mutate: (s) => (s.protocol[0].power = 0), paths: ['protocol[0].power'] },
  { name: 'power on a passive thaw', mutate: (s) => (s.protocol[1].power = 0.5), paths: ['protocol[1].power'] },
  { name: 'cold active thaw', mutate: (s) => (s.protocol[2].temperature_c = -5), paths: ['protocol[2].temperature_c'] },
  { name: 'over 24 hours', mutate: (s) => (s.protocol = [{ phase: 'freeze', duration_s: 50000 }, { phase: 'passive_thaw', duration_s: 50000 }]), paths: ['protocol'], message: /24 h/ },
  // output and solver
  { name: 'zero output interval', mutate: (s) => (s.output = { interval_s: 0 }), paths: ['output.interval_s'] },
  { name: 'too many output frames', mutate: (s) => (s.output = { interval_s: 0.0001 }), paths: ['output.interval_s'], message: /interval_s ≥ 0\.01/ },
  { name: 'empty isotherms', mutate: (s) => (s.output = { isotherms_c: [] }), paths: ['output.isotherms_c'] },
  { name: 'NaN isotherm', mutate: (s) => (s.output = { isotherms_c: [0, NaN] }), paths: ['output.isotherms_c[1]'] },
  { name: 'duplicate isotherm', mutate: (s) => (s.output = { isotherms_c: [0, -20, 0] }), paths: ['output.isotherms_c[2]'] },
  { name: 'negative dt', mutate: (s) => (s.solver = { dt_s: -1 }), paths: ['solver.dt_s'] },
  { name: 'solver typo', mutate: (s) => (s.solver = { dt: 0.01 }), paths: ['solver.dt'] },
  // nerve, vessels, sensors
  { name: 'vessel in axisymmetric', mutate: (s) => (s.vessels = [{ center_mm: [5, 0, 20], diameter_mm: 4 }]), paths: ['vessels'], message: /planar.*3d/ },
  { name: 'nerve outside the radius', mutate: (s) => (s.nerve = { center_mm: [25, 0, 20], diameter_mm: 3 }), paths: ['nerve.center_mm'], message: /r = sqrt/ },
  { name: 'nerve below the domain', mutate: (s) => (s.nerve = { center_mm: [5, 0, 41], diameter_mm: 3 }), paths: ['nerve.center_mm[2]'] },
  { name: 'nerve without diameter', mutate: (s) => (s.nerve = { center_mm: [5, 0, 20] }), paths: ['nerve.diameter_mm'] },
  { name: 'sensor without a name', mutate: (s) => (s.sensors = [{ name: '', position_mm: [1, 0, 1] }]), paths: ['sensors[0].name'] },
  {
    name: 'duplicate sensor names',
    mutate: (s) => (s.sensors = [{ name: 'TC1', position_mm: [1, 0, 1] }, { name: 'TC1', position_mm: [2, 0, 1] }]),
    paths: ['sensors[1].name'],
    message: /unique/,
  },
  { name: 'sensor outside the domain', mutate: (s) => (s.sensors = [{ name: 'a', position_mm: [0, 30, 5] }]), paths: ['sensors[0].position_mm'] },
  // planar mode rules
  { name: 'planar probe along z', base: minimalPlanar, mutate: (s) => (s.probes[0].direction = [0, 0, 1]), paths: ['probes[0].direction'], message: /\[0, 1, 0\]/ },
  { name: 'planar nerve along x', base: minimalPlanar, mutate: (s) => (s.nerve.direction = [1, 0, 0]), paths: ['nerve.direction'] },
  { name: 'planar vessel along z', base: minimalPlanar, mutate: (s) => (s.vessels[0].direction = [0, 0, 1]), paths: ['vessels[0].direction'] },
  { name: 'planar vessel wall typo', base: minimalPlanar, mutate: (s) => (s.vessels[0].wall = 'convection'), paths: ['vessels[0].wall'] },
  { name: 'planar probe outside the width', base: minimalPlanar, mutate: (s) => (s.probes[0].tip_mm = [25, 0, 20]), paths: ['probes[0].tip_mm'] },
  { name: 'planar probe touching the skin', base: minimalPlanar, mutate: (s) => (s.probes[0].tip_mm = [0, 0, 0.5]), paths: ['probes[0].tip_mm'] },
];

describe('validateScenario: malformed scenarios', () => {
  it('the fixtures themselves are valid', () => {
    expect(validateScenario(minimalAxisymmetric()).issues).toEqual([]);
    expect(validateScenario(minimalPlanar()).issues).toEqual([]);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const s = (c.base ?? minimalAxisymmetric)();
    c.mutate(s);
    const r = validateScenario(s);
    expect(r.ok).toBe(false);
    const paths = r.issues.map((i) => i.path);
    expect([...new Set(paths)].sort()).toEqual([...new Set(c.paths)].sort());
    for (const i of r.issues) expect(i.message.length).toBeGreaterThan(10);
    if (c.message) expect(r.issues.map((i) => i.message).join('\n')).toMatch(c.message);
  });

  it('reports every problem at once, not only the first', () => {
    const s = minimalAxisymmetric();
    s.name = '';
    s.protocol[0].duration_s = -1;
    s.protocol[1].duration_s = 'long';
    s.probes[0].device = 'nope';
    s.vessels = [{}];
    s.tissue.solidus_c = 5;
    const paths = validateScenario(s).issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'name',
        'protocol[0].duration_s',
        'protocol[1].duration_s',
        'probes[0].device',
        'vessels',
        'tissue.solidus_c',
      ]),
    );
  });

  it('suggests a spacing that really fits, and is the finest such to two digits', () => {
    const s = minimalAxisymmetric();
    s.geometry.spacing_mm = 0.001;
    const msg = validateScenario(s).issues[0].message;
    const suggested = Number(/spacing_mm ≥ ([\d.]+)/.exec(msg)![1]);
    expect(cellCount([20, 40], suggested)).toBeLessThanOrEqual(MAX_CELLS_2D);
    expect(cellCount([20, 40], suggested - 0.001)).toBeGreaterThan(MAX_CELLS_2D);
    s.geometry.spacing_mm = suggested;
    // The cell limit is met; a grid this fine may still exceed the run's time budget, which
    // has its own message and suggestion (tests/reliability/limits.test.ts).
    expect(validateScenario(s).issues.filter((i) => i.path === 'geometry.spacing_mm' && /memory limit/.test(i.message))).toEqual([]);
  });

  it('formats one "path: message" line per issue', () => {
    const s = minimalAxisymmetric();
    s.protocol[1].duration_s = -5;
    s.name = 1;
    const r = validateScenario(s);
    const text = formatIssues(r.issues);
    expect(text.split('\n')).toHaveLength(2);
    expect(text).toContain('protocol[1].duration_s: must be a number > 0');
    expect(text).toContain('got -5');
    expect(formatIssues(validateScenario(null).issues)).toMatch(/^\(scenario\): a scenario must be a JSON object/);
  });
});
