/**
 * The saline readings the placement check (ice-annulus.ts) averages: probe thermocouple and the
 * four thermocouples over a late window of every freeze the source logged — cycle 1 from the
 * shipped logs (probe from the scenario's trace), cycle 2 from the shipped excerpt.
 */
import type { LogRun } from '../../workers/calibration/calibrate-logs.ts';

/** Seconds after the freeze start: the ice has passed 4.8 mm or nearly, the cryogen still on (it stops at ~368 s). */
export const PLACEMENT_WINDOW_S = [240, 270, 300, 330];

export interface FreezeReadings {
  freeze: string;
  /** one row per window time: probe thermocouple, then the log's sensors in order, °C */
  rows: number[][];
}

/** Cycle 1 of each run (its log and scenario), then cycle 2 of each from the excerpt (`replicate,file_time,time_s,probe_c,tc_...`). */
export function placementReadings(runs: { id: string; run: LogRun }[], cycle2Csv: string): FreezeReadings[] {
  const excerpt = cycle2Csv.split('\n').filter((l) => l.trim() && !l.startsWith('#')).slice(1).map((l) => l.split(','));
  const out: FreezeReadings[] = [
    ...runs.map(({ id, run }) => ({
      freeze: `${id} cycle 1`,
      rows: PLACEMENT_WINDOW_S.map((t) => {
        const probe = (run.scenario as { probes: { surface: { points: [number, number][] } }[] }).probes[0].surface.points.find((p) => p[0] === t);
        return [probe?.[1] ?? NaN, ...run.log.sensors.map((s) => s.readings.find((x) => x.timeS === t)?.temperatureC ?? NaN)];
      }),
    })),
    ...runs.map(({ id }) => ({
      freeze: `${id} cycle 2`,
      rows: PLACEMENT_WINDOW_S.map((t) => excerpt.find((c) => c[0] === id && Number(c[2]) === t)?.slice(3).map(Number) ?? []),
    })),
  ];
  for (const f of out)
    if (f.rows.some((r) => r.length !== 5 || r.some((x) => !Number.isFinite(x)))) throw new Error(`${f.freeze}: a reading is missing in the placement window (${PLACEMENT_WINDOW_S.join(', ')} s)`);
  return out;
}
