/**
 * Files the user takes away: the scenario in the CLI's format, results as JSON
 * (the engine's `cryo-result/1` per protocol, with the scenario that produced it)
 * and as CSV (one row per output time, one column per series, units in headers; numbers at
 * the precision of their unit, workers/export/csv-numbers.ts), the verdict summary table, and
 * the temperature map's snapshot as VTK image data (.vti) for ParaView.
 */
import type { Result, Scenario, ScenarioFile } from '../../scenarios/schema.ts';
import { bathColumn } from '../../workers/engine/result-csv.ts';
import { csvCell } from '../../workers/export/csv-numbers.ts';
import { verdictSummaryCsv } from '../../workers/export/verdict-csv.ts';
import { vtiFromFrame } from '../../workers/export/vti.ts';
import { bathsOf } from './bath-traces.ts';
import { indexAtTime, lastFreezeEnd_s, type RunRecord } from './analysis.ts';

export interface ExportRun {
  id: string;
  scenario: ScenarioFile;
  result: Result;
  /** the resolved scenario, when the workbench has it (the verdict table reads its defaults) */
  resolved?: Scenario | null;
}

/** Distinct from the `cryo-comparison/1` input format: this is a set of results. */
export const COMPARISON_RESULTS_SCHEMA = 'cryo-comparison-results/1';

export function resultsJson(runs: ExportRun[]): string {
  return JSON.stringify({ schema: COMPARISON_RESULTS_SCHEMA, runs }, null, 2);
}

/** Long format: protocol, time, phase, then every isotherm, sensor, probe and finite-bath series. */
export function resultsCsv(runs: ExportRun[]): string {
  const isoKeys = unique(runs.flatMap((r) => Object.keys(r.result.isotherms))).sort((a, b) => Number(b) - Number(a));
  const sensorKeys = unique(runs.flatMap((r) => Object.keys(r.result.sensors)));
  const bathMedia = unique(runs.flatMap((r) => bathsOf(r.result).map((b) => b.medium)));
  const isoFields = ['radius_mm', 'length_mm', 'top_depth_mm', 'bottom_depth_mm', 'volume_ml', 'area_mm2'] as const;
  const usedIsoFields = isoFields.filter((f) => runs.some((r) => Object.values(r.result.isotherms).some((s) => Array.isArray(s[f]))));
  const header = [
    'protocol',
    'time_s',
    'phase',
    ...isoKeys.flatMap((k) => usedIsoFields.map((f) => `iso_${k}c_${f}`)),
    ...sensorKeys.map((k) => `sensor_${k}_c`),
    'probe1_surface_c',
    ...bathMedia.map(bathColumn),
  ];
  const rows = [header.map((h) => csvCell(h, '')).join(',')];
  for (const run of runs) {
    const r = run.result;
    r.times_s.forEach((t, i) => {
      const row: (string | number | null | undefined)[] = [run.id, t, r.phase[i]];
      for (const k of isoKeys) for (const f of usedIsoFields) row.push(r.isotherms[k]?.[f]?.[i]);
      for (const k of sensorKeys) row.push(r.sensors[k]?.[i]);
      row.push(r.probes[0]?.surface_c[i]);
      for (const m of bathMedia) row.push(bathsOf(r).find((b) => b.medium === m)?.temp_c[i]);
      rows.push(row.map((v, k) => csvCell(v, header[k])).join(','));
    });
  }
  return rows.join('\n') + '\n';
}

/** One row per protocol: the verdict figures with the run settings behind them (verdict-csv.ts). */
export function verdictCsv(runs: ExportRun[]): string {
  return verdictSummaryCsv(runs.map((r) => ({ id: r.id, result: r.result, scenario: r.resolved ?? r.scenario })));
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

export function downloadText(filename: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function safeFilename(name: string): string {
  return name.replace(/[^a-z0-9._-]+/gi, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'scenario';
}

/**
 * The snapshot the temperature map shows: the one the user picked (`frameIndex` ≥ 0), else the
 * map's default, the end of the last freeze (else the last); the same rule as temperature-map.ts.
 */
function shownFrameIndex(run: Pick<RunRecord, 'frames' | 'scenario'>, frameIndex: number): number {
  const n = run.frames?.temperatures_c.length ?? 0;
  if (!n) return -1;
  if (frameIndex >= 0 && frameIndex < n) return frameIndex;
  const end = run.scenario ? lastFreezeEnd_s(run.scenario) : null;
  return end === null ? n - 1 : indexAtTime(run.frames!.times_s, end);
}

/**
 * The map's snapshot as VTK image data (.vti) for ParaView, with its file name; null when the run
 * kept no snapshots. 3D runs keep only the x–z slice through the first probe's tip (at its y).
 */
export function mapFrameVti(run: RunRecord, frameIndex: number): { filename: string; text: string; time_s: number } | null {
  const i = shownFrameIndex(run, frameIndex);
  if (i < 0 || !run.frames) return null;
  const time_s = run.frames.times_s[i];
  const mode = run.scenario?.geometry.mode ?? run.file.geometry?.mode ?? '';
  const note = `${run.file.name} (${mode}${run.frames.slice_y_mm !== undefined ? `, x–z slice at y = ${run.frames.slice_y_mm} mm` : ''}, ${run.frames.spacing_mm} mm grid) at t = ${time_s} s`;
  return { filename: `${safeFilename(run.id)}-t${Math.round(time_s)}s.vti`, text: vtiFromFrame(run.frames, i, note), time_s };
}
