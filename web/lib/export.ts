/**
 * Files the user takes away: the scenario in the CLI's format, results as JSON
 * (the engine's `cryo-result/1` per protocol, with the scenario that produced it)
 * and as CSV (one row per output time, one column per series, units in headers).
 */
import type { Result, ScenarioFile } from '../../scenarios/schema.ts';

export interface ExportRun {
  id: string;
  scenario: ScenarioFile;
  result: Result;
}

/** Distinct from the `cryo-comparison/1` input format: this is a set of results. */
export const COMPARISON_RESULTS_SCHEMA = 'cryo-comparison-results/1';

export function resultsJson(runs: ExportRun[]): string {
  return JSON.stringify({ schema: COMPARISON_RESULTS_SCHEMA, runs }, null, 2);
}

/** Long format: protocol, time, phase, then every isotherm, sensor and probe series. */
export function resultsCsv(runs: ExportRun[]): string {
  const isoKeys = unique(runs.flatMap((r) => Object.keys(r.result.isotherms))).sort((a, b) => Number(b) - Number(a));
  const sensorKeys = unique(runs.flatMap((r) => Object.keys(r.result.sensors)));
  const isoFields = ['radius_mm', 'length_mm', 'top_depth_mm', 'bottom_depth_mm', 'volume_ml', 'area_mm2'] as const;
  const usedIsoFields = isoFields.filter((f) => runs.some((r) => Object.values(r.result.isotherms).some((s) => Array.isArray(s[f]))));
  const header = [
    'protocol',
    'time_s',
    'phase',
    ...isoKeys.flatMap((k) => usedIsoFields.map((f) => `iso_${k}c_${f}`)),
    ...sensorKeys.map((k) => `sensor_${k}_c`),
    'probe1_surface_c',
  ];
  const rows = [header.map(csvCell).join(',')];
  for (const run of runs) {
    const r = run.result;
    r.times_s.forEach((t, i) => {
      const row: (string | number | null | undefined)[] = [run.id, t, r.phase[i]];
      for (const k of isoKeys) for (const f of usedIsoFields) row.push(r.isotherms[k]?.[f]?.[i]);
      for (const k of sensorKeys) row.push(r.sensors[k]?.[i]);
      row.push(r.probes[0]?.surface_c[i]);
      rows.push(row.map(csvCell).join(','));
    });
  }
  return rows.join('\n') + '\n';
}

function csvCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
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
