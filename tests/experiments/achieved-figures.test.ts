/**
 * Pins what the shipped experiment scenarios achieve against their measured logs (the figures
 * docs/experiments.md reports, from npm run validate:experiments), with small margins both ways:
 * a change to the engine, the presets or the scenarios that moves them must be seen, and the
 * report regenerated. Each scenario runs once, as shipped (no fitting: the fits belong to the
 * report script), on its own 0.25 mm grid — the grid the report scores on.
 *
 * Bounds on both sides on purpose: a "better" figure is also a change the report would not show.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calibrateLogs, type LogRun, type RunOutcome } from '../../workers/calibration/calibrate-logs.ts';
import { loadLogRun } from '../../workers/calibration/log-inputs.ts';
import { loadKernels } from '../../workers/node/kernel-node.ts';
import { PBS_RUNS } from './benches.ts';
import { annulusCheck, columnMeans } from './ice-annulus.ts';
import { placementReadings } from './placement-readings.ts';

const DATA = 'scenarios/measurements/sarshoghi-2026';
const kernels = loadKernels();

function run(log: string, edit?: (f: Record<string, any>) => void): LogRun {
  const r = loadLogRun(`${DATA}/${log}`, null);
  if ('issues' in r) throw new Error(r.issues.map((i) => i.message).join('\n'));
  if (!edit) return r;
  const scenario = structuredClone(r.scenario) as Record<string, any>;
  edit(scenario);
  return { ...r, scenario };
}

/** Scores a run as shipped: no parameter fitted. */
function score(r: LogRun): RunOutcome {
  return calibrateLogs({ runs: [r], checks: [], shared: [], each: [], sensors: [], eachOn: [], frontWeightCPerMm: 0, maxEvals: 1, maxEachEvals: 1, kernels }).before[0];
}

const rmse = (o: RunOutcome, name: string) => o.score.sensors.find((s) => s.name === name)!.rmseC;
const worstOther = (o: RunOutcome) => Math.max(...o.score.sensors.filter((s) => s.name !== 'tc_1.8mm').map((s) => s.rmseC));

describe('figures the shipped experiment scenarios achieve (docs/experiments.md)', () => {
  it('GelMA: one fitted surface temperature, the device preset\'s cold segment: worst thermocouple RMSE 1.6 °C (target ≤ 2)', () => {
    const o = score(run('gelma-fig3c.log.csv'));
    expect(o.score.worstRmseC).toBeGreaterThan(1.4);
    expect(o.score.worstRmseC).toBeLessThan(1.8);
    // the fitted innermost thermocouple
    expect(rmse(o, 'tc_4.4mm')).toBeLessThan(1);
  });

  it('GelMA with the 22 mm cold segment instead: the outer thermocouples end colder, worst RMSE above the target', () => {
    const o = score(run('gelma-fig3c.log.csv', (f) => {
      f.probes[0].active_length_mm = 22;
      f.probes[0].surface.temperature_c = -29.8; // its own fit on tc_4.4mm (docs/experiments.md)
    }));
    expect(o.score.worstRmseC).toBeGreaterThan(2);
    expect(o.score.worstRmseC).toBeLessThan(2.5);
  });

  it('saline N1 with its calibrated bench (finite bath, surface lag): worst RMSE 3.0 °C (target ≤ 5), fronts within 0.35 mm (target ≤ 0.5)', () => {
    const o = score(run('pbs-n1-cycle1.log.csv'));
    expect(o.score.worstRmseC).toBeGreaterThan(2.7);
    expect(o.score.worstRmseC).toBeLessThan(3.3);
    const fronts = o.score.fronts.map((f) => f.errorMm!);
    expect(fronts).toHaveLength(3);
    expect(fronts[0]).toBeGreaterThan(0.25);
    expect(fronts[0]).toBeLessThan(0.45);
    expect(Math.max(...fronts.map(Math.abs))).toBeLessThan(0.5);
    expect(Math.abs(fronts[2])).toBeLessThan(0.2);
  });

  it('saline N1 with the bath held at its starting temperature and no lag (the model before): worst RMSE above 5 °C, the 1-min front beyond 0.5 mm', () => {
    // The shipped N1 with the finite bath and the lag taken out and the held-bath fit's values (docs/experiments.md, first diagnostic row).
    const o = score(run('pbs-n1-cycle1.log.csv', (f) => {
      delete f.tissue.bath_heat_capacity_j_k;
      delete f.tissue.bath_room_w_k;
      delete f.probes[0].surface.lag_s;
      f.tissue.k_unfrozen_w_mk = 4.6;
      f.tissue.bath_exchange_w_m3k = 84000;
      f.probes[0].surface.offset_c = 3.1;
    }));
    expect(o.score.worstRmseC).toBeGreaterThan(4.9);
    expect(o.score.worstRmseC).toBeLessThan(5.5);
    expect(o.score.fronts[0].errorMm!).toBeGreaterThan(0.5);
  });

  for (const [log, worst] of [['pbs-n2-cycle1.log.csv', 10.7], ['pbs-n3-cycle1.log.csv', 11.9]] as const) {
    it(`saline ${log.slice(4, 6).toUpperCase()} with the N1 bench and its offset fitted on tc_1.8mm: the 2.8 mm thermocouple misses by ~${worst} °C (target ≤ 6), the others within 6`, () => {
      const o = score(run(log));
      // the offset was fitted on this one
      expect(rmse(o, 'tc_1.8mm'), log).toBeLessThan(3.5);
      expect(worstOther(o), log).toBeGreaterThan(worst - 0.4);
      expect(worstOther(o), log).toBeLessThan(worst + 0.4);
      expect(o.score.sensors.reduce((a, s) => (s.rmseC > a.rmseC ? s : a)).name, log).toBe('tc_2.8mm');
      expect(rmse(o, 'tc_4.8mm'), log).toBeLessThan(6);
      expect(rmse(o, 'tc_6.8mm'), log).toBeLessThan(6);
    });
  }

  it('model-free placement check on every saline freeze the source logged: only N1 cycle 1 and N3 cycle 2 fit conduction in ice at the stated radii', () => {
    const readings = placementReadings(PBS_RUNS.map((p) => ({ id: p.id, run: run(p.log) })), readFileSync(`${DATA}/cycle2-excerpt.csv`, 'utf8'));
    const checks = readings.map((f) => {
      const m = columnMeans(f.rows);
      return annulusCheck([1.8, 2.8, 4.8].map((r, j) => ({ radiusMm: r, tempC: m[j + 1] })), -0.52);
    });
    expect(readings.map((f) => f.freeze)).toEqual(['N1 cycle 1', 'N2 cycle 1', 'N3 cycle 1', 'N1 cycle 2', 'N2 cycle 2', 'N3 cycle 2']);
    const expected = [1.3, 0.54, 0.42, 0.02, 0.32, 1.14];
    checks.forEach((c, i) => {
      expect(c.ratio, readings[i].freeze).toBeGreaterThan(expected[i] - 0.03);
      expect(c.ratio, readings[i].freeze).toBeLessThan(expected[i] + 0.03);
    });
    // where N2's and N3's "1.8 mm" thermocouple reads in their first freeze
    expect(checks[1].innerRadiusForRatioOneMm).toBeGreaterThan(2.15);
    expect(checks[2].innerRadiusForRatioOneMm).toBeLessThan(2.4);
  });

  for (const [log, worst, tc1p8] of [['pbs-n2-cycle1.log.csv', 5.4, 14.5], ['pbs-n3-cycle1.log.csv', 3.9, 14.6]] as const) {
    it(`saline ${log.slice(4, 6).toUpperCase()} with N1's probe surface (trace, offset, lag) and the N1 bench, nothing fitted on it: the other three within ~${worst} °C, the 1.8 mm thermocouple ~${tc1p8} °C off`, () => {
      const n1 = JSON.parse(readFileSync(`scenarios/experiments/${PBS_RUNS[0].scenario}`, 'utf8'));
      const o = score(run(log, (f) => {
        f.probes[0].surface.points = n1.probes[0].surface.points;
        f.probes[0].surface.offset_c = n1.probes[0].surface.offset_c;
      }));
      expect(worstOther(o), log).toBeGreaterThan(worst - 0.4);
      expect(worstOther(o), log).toBeLessThan(worst + 0.4);
      expect(rmse(o, 'tc_1.8mm'), log).toBeGreaterThan(tc1p8 - 0.6);
      expect(rmse(o, 'tc_1.8mm'), log).toBeLessThan(tc1p8 + 0.6);
    });
  }

  it('the shipped logs and scenarios agree on the offsets the report fitted (benches.ts)', () => {
    for (const r of PBS_RUNS) {
      const f = JSON.parse(readFileSync(`scenarios/experiments/${r.scenario}`, 'utf8'));
      expect(f.probes[0].surface.offset_c).toBe(r.offset_c);
    }
  });
});
