/**
 * `cryo trace`: a logger CSV column becomes a probe trace surface (H:MM:SS or seconds, a start
 * row or time, thinning, offset), or goes straight into a scenario's probe; bad logs get
 * `file:line: message` and exit code 2.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { traceFromCsv } from '../../scenarios/trace-csv.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { cryoInProcess } from '../support/cli.ts';
import { minimalAxisymmetric } from '../scenarios/fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'cryo-trace-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const hms = (s: number) => `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
// A logger export like the saline bench's: 1 Hz, H:MM:SS, the probe on "Channel 1", the freeze starting at row 3.
const logger = file('logger.csv', ['time,Channel 1 Last (C),Channel 3 Last (C)',
  ...Array.from({ length: 70 }, (_, i) => `${hms(i)},${i <= 3 ? 27 : -100 + i / 10},${20 - i / 10}`)].join('\n') + '\n');

describe('cryo trace', () => {
  it('prints the surface of a column from a start row, thinned, with an offset', async () => {
    const r = await cryoInProcess(['trace', logger, '--column', 'Channel 1 Last (C)', '--start-row', '3', '--every', '10', '--offset', '4.4']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(s.model).toBe('trace');
    expect(s.offset_c).toBe(4.4);
    expect(s.points[0]).toEqual([0, 27]);
    expect(s.points.map((p: number[]) => p[0])).toEqual([0, 10, 20, 30, 40, 50, 60, 66]);
    expect(s.points[1][1]).toBeCloseTo(-100 + 1.3, 9);
  });

  it('starts at a log time and fills a scenario probe', async () => {
    const scenario = file('s.json', JSON.stringify(minimalAxisymmetric()));
    const r = await cryoInProcess(['trace', logger, '--column', 'Channel 1 Last (C)', '--start-time', '0:00:04', '--scenario', scenario]);
    expect(r.code).toBe(0);
    const v = validateScenario(JSON.parse(r.out));
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    const surf = v.scenario.probes[0].surface;
    expect(surf.model).toBe('trace');
    if (surf.model === 'trace') expect(surf.points.slice(0, 2)).toEqual([[0, -99.6], [1, -99.5]]);
  });

  it('reads two pasted columns in seconds without a header, tab separated', () => {
    expect(traceFromCsv('0\t20\n0.5\t-10.5\n\n2\t-60\n')).toEqual({ points: [[0, 20], [0.5, -10.5], [2, -60]] });
  });

  const bad: [string, string, string[], RegExp][] = [
    ['empty', '', [], /logger\.csv|empty/],
    ['several columns, none named', 'time,a,b\n0,1,2\n1,1,2\n', [], /:1: 3 columns .* name the temperature column/],
    ['missing column', 'time,a\n0,1\n1,2\n', ['--column', 'b'], /:1: no temperature column "b"; columns: "time", "a"/],
    ['NaN', 'time,T\n0,1\n1,NaN\n2,3\n', [], /:3: temperature "NaN" is not a number/],
    ['blank value', 'time,T\n0,1\n1,\n', [], /:3: temperature "" is not a number/],
    ['unsorted', 'time,T\n0:00:00,1\n0:00:02,1\n0:00:01,1\n', [], /:4: time 0:00:01 is not after line 3's/],
    ['bad time', 'time,T\n0:00:00,1\n0:0x:02,1\n', [], /:3: time "0:0x:02" is neither seconds nor H:MM:SS/],
    ['short row', 'time,T\n0,1\n1\n', [], /:3: 1 field\(s\), expected at least 2/],
    ['one row', 'time,T\n0,1\n', [], /at least 2/],
  ];
  for (const [name, text, args, message] of bad) {
    it(`bad log: ${name}`, async () => {
      const p = file(`${name.replace(/\W/g, '_')}.csv`, text);
      const r = await cryoInProcess(['trace', p, ...args]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err.startsWith(p)).toBe(true);
      expect(r.out).toBe('');
    });
  }

  it('a million rows: refused with the thinning that fits, which then works', async () => {
    const rows = ['time_s,temperature_c'];
    for (let i = 0; i < 1_000_000; i++) rows.push(`${i},${-50 + (i % 7)}`);
    const p = file('million.csv', rows.join('\n'));
    const r = await cryoInProcess(['trace', p]);
    expect(r.code).toBe(2);
    const every = r.err.match(/--every ([\d.]+)/)![1];
    const ok = await cryoInProcess(['trace', p, '--every', every]);
    expect(ok.code).toBe(0);
    expect(validateScenario({ ...minimalAxisymmetric(), probes: [{ device: 'icesphere-17g', tip_mm: [0, 0, 20], surface: JSON.parse(ok.out) }] }).ok).toBe(true);
  }, 30_000);

  it('bad options name the option', async () => {
    expect((await cryoInProcess(['trace', logger, '--column', 'Channel 1 Last (C)', '--every', '-1'])).err).toMatch(/^--every: must be seconds > 0/);
    expect((await cryoInProcess(['trace', logger, '--column', 'Channel 1 Last (C)', '--start-row', '500'])).err).toMatch(/start row 500 is not a data row/);
    expect((await cryoInProcess(['trace', join(dir, 'none.csv')])).code).toBe(2);
  });
});
