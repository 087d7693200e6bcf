/**
 * The measured benches shipped as scenarios (scenarios/experiments/): each validates, runs
 * (coarse, short) with every sensor its log names, and the saline N1 file is what the
 * contract's Extensions section specifies. `cryo run` runs them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../scenarios/validate.ts';
import { parseTemperatureLog } from '../../workers/calibration/temperature-log.ts';
import { simulate } from '../support/simulate.ts';
import { cryoInProcess } from '../support/cli.ts';

const DIR = 'scenarios/experiments';
const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
const read = (f: string) => JSON.parse(readFileSync(`${DIR}/${f}`, 'utf8'));

describe('experiment scenarios', () => {
  it('ship the saline N1–N3 and GelMA benches', () => {
    expect(files).toEqual(['sarshoghi-icesphere-gelma.json', 'sarshoghi-icesphere-pbs-n1.json', 'sarshoghi-icesphere-pbs-n2.json', 'sarshoghi-icesphere-pbs-n3.json']);
  });

  for (const f of files) {
    it(`${f} validates, names its sources and runs coarse and short with the sensors of its log`, () => {
      const file = read(f);
      expect(file.source).toMatch(/Sarshoghi et al\. 2026/);
      expect(file.assumptions.length).toBeGreaterThan(2);
      // 1 mm and the first 20 s: enough to see every sensor respond, a fraction of a second to run.
      file.geometry.spacing_mm = 1;
      let left = 20;
      file.protocol = file.protocol.flatMap((p: { duration_s: number }) => {
        const d = Math.min(p.duration_s, left);
        left -= d;
        return d > 0 ? [{ ...p, duration_s: d }] : [];
      });
      const v = validateScenario(file);
      if (!v.ok) throw new Error(v.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
      const result = simulate(v.scenario);
      const logFile = readdirSync('scenarios/measurements/sarshoghi-2026').find((l) => {
        const text = l.endsWith('.log.csv') ? readFileSync(`scenarios/measurements/sarshoghi-2026/${l}`, 'utf8') : '';
        return text.includes(`# scenario: ../../experiments/${f}`);
      });
      expect(logFile, `a log names ${f}`).toBeDefined();
      const log = parseTemperatureLog(logFile!, readFileSync(`scenarios/measurements/sarshoghi-2026/${logFile}`, 'utf8'));
      if ('issues' in log) throw new Error(log.issues[0].message);
      for (const s of log.sensors) {
        const series = result.sensors[s.name];
        expect(series, s.name).toBeDefined();
        expect(series.every(Number.isFinite)).toBe(true);
        // placed at the logged distance from the axis, on the mid-probe row
        const sensor = v.scenario.sensors.find((x) => x.name === s.name)!;
        expect(Math.hypot(sensor.position_mm[0], sensor.position_mm[1])).toBeCloseTo(s.distanceMm, 9);
        const p = v.scenario.probes[0];
        expect(sensor.position_mm[2]).toBeCloseTo(p.tip_mm[2] - p.active_length_mm / 2, 9);
      }
      // the innermost sensor has cooled within 20 s
      const inner = result.sensors[log.sensors[0].name];
      expect(inner.at(-1)!).toBeLessThan(inner[0] - 1);
    });
  }

  it('the saline N1 file is the contract\'s: N1 cycle 1 from row 7, trace of Channel 1, its starting temperature, outputs ≤ 10 s', () => {
    const f = read('sarshoghi-icesphere-pbs-n1.json');
    const logger = readFileSync('scenarios/measurements/sarshoghi-2026/A549_2x6_1_N1.csv', 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const surface = f.probes[0].surface;
    expect(surface.model).toBe('trace');
    // time 0 = data row 7; the points are Channel 1 from there, one per second
    surface.points.slice(0, 50).forEach(([t, c]: [number, number], i: number) => {
      expect(t).toBe(i);
      expect(c).toBe(Number(logger[7 + i][1]));
    });
    expect(f.sensors.map((s: { name: string }) => s.name)).toEqual(['tc_1.8mm', 'tc_2.8mm', 'tc_4.8mm', 'tc_6.8mm']);
    // the 6.8 mm thermocouple over the 5 s before the freeze (rows 2–6), as the source takes it: 27.2 °C
    const before = logger.slice(2, 7).map((r) => Number(r[5]));
    expect(f.tissue.initial_c).toBeCloseTo(before.reduce((a, b) => a + b, 0) / 5, 2);
    expect(f.tissue.initial_c).toBeCloseTo(27.2, 1);
    expect(f.output.interval_s).toBeLessThanOrEqual(10);
  });

  it('cryo run runs the saline N1 scenario', async () => {
    const r = await cryoInProcess(['run', `${DIR}/sarshoghi-icesphere-pbs-n1.json`, '--spacing-mm', '1', '--quiet']);
    expect(r.code, r.err).toBe(0);
    const result = JSON.parse(r.out);
    expect(Object.keys(result.sensors)).toEqual(['tc_1.8mm', 'tc_2.8mm', 'tc_4.8mm', 'tc_6.8mm']);
    expect(result.times_s.at(-1)).toBe(420);
    // The 1.8 mm thermocouple freezes: it sits in ice for most of the run.
    expect(Math.min(...result.sensors['tc_1.8mm'])).toBeLessThan(-20);
  });
});
