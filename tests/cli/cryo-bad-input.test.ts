/**
 * Bad input never crashes the command line: each malformed scenario gives exit
 * code 2 and one `path: message` line naming the field, with no stack trace.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cryoInProcess, cryoProcess } from '../support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'cryo-bad-'));
const valid = () => ({
  schema: 'cryo-scenario/1', name: 'bad-input base',
  geometry: { mode: 'axisymmetric', spacing_mm: 0.5, size_mm: [20, 40] },
  tissue: { preset: 'generic' },
  probes: [{ device: 'icesphere-17g', tip_mm: [0, 0, 20] }],
  protocol: [{ phase: 'freeze', duration_s: 30 }],
});
type Mutate = (s: ReturnType<typeof valid> & Record<string, unknown>) => void;

const cases: [string, Mutate | string, RegExp][] = [
  ['wrong type for spacing', (s) => ((s.geometry as Record<string, unknown>).spacing_mm = 'fine'), /^geometry\.spacing_mm: /m],
  ['negative duration', (s) => (s.protocol[0].duration_s = -5), /^protocol\[0\]\.duration_s: /m],
  ['zero duration', (s) => (s.protocol[0].duration_s = 0), /^protocol\[0\]\.duration_s: /m],
  ['NaN written as a string', (s) => ((s.tissue as Record<string, unknown>).k_frozen_w_mk = 'NaN'), /^tissue\.k_frozen_w_mk: /m],
  ['missing probe', (s) => (s.probes = []), /^probes: /m],
  ['vessel in axisymmetric mode', (s) => (s.vessels = [{ center_mm: [5, 0, 20], direction: [0, 1, 0], diameter_mm: 3, wall: 'temperature', blood_c: 37 }]), /^vessels.*(planar|3d)/m],
  ['grid too large for memory', (s) => (s.geometry.spacing_mm = 0.001), /^geometry\.spacing_mm: .*\d/m],
  ['unknown tissue preset', (s) => (s.tissue.preset = 'bone'), /^tissue\.preset: .*generic/m],
  ['unknown device', (s) => (s.probes[0].device = 'icecube-9000'), /^probes\[0\]\.device: /m],
  ['power above 1', (s) => ((s.protocol[0] as Record<string, unknown>).power = 3), /^protocol\[0\]\.power: /m],
  ['time step above the stability limit', (s) => (s.solver = { dt_s: 5 }), /^solver\.dt_s: .*stability/m],
  ['not JSON at all', '{ "schema": "cryo-scenario/1", ', /not valid JSON/],
  ['a JSON array', '[1, 2, 3]', /^\(root\)|^\$|^scenario|: /m],
];

describe('cryo validate and run reject bad input with exit code 2', () => {
  for (const [title, mutate, expected] of cases) {
    it(title, async () => {
      const path = join(dir, `${title.replace(/\W+/g, '-')}.json`);
      if (typeof mutate === 'string') writeFileSync(path, mutate);
      else {
        const s = valid() as ReturnType<typeof valid> & Record<string, unknown>;
        mutate(s);
        writeFileSync(path, JSON.stringify(s));
      }
      for (const command of ['validate', 'run']) {
        const { code, err, out } = await cryoInProcess([command, path]);
        expect(code, `${command}: ${err}`).toBe(2);
        expect(err).toMatch(expected);
        expect(err).not.toMatch(/\n\s+at /); // no stack trace
        expect(out).toBe('');
      }
    });
  }

  it('exits 2 from the real command for a missing file and for an unknown option', () => {
    const missing = cryoProcess(['run', join(dir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/no such file/);
    const option = cryoProcess(['run', 'yoon-2016', '--fast']);
    expect(option.code).toBe(2);
    expect(option.err).toMatch(/unknown option --fast/);
  });

  it('validates a good file with exit code 0 and lists built-ins', async () => {
    const path = join(dir, 'good.json');
    writeFileSync(path, JSON.stringify(valid()));
    const ok = cryoProcess(['validate', path]);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toMatch(/^ok: /);
    const list = await cryoInProcess(['list']);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/von-falck-2022/);
    expect(list.out).toMatch(/icesphere-17g/);
    expect(list.out).toMatch(/generic/);
  });
});
