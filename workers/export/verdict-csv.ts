/**
 * The verdict summary table: one row per protocol with the figures a verdict rests on (nerve
 * minimum and coverage at −20 / −40 °C, skin minimum, ice-to-skin gap, warnings) and the run
 * settings that produced them (scenario, geometry mode, grid spacing and cells, time step,
 * precision and time stepping, protocol length, where the nerve and the probe sit, the skin condition), so a
 * published table can be traced to its run. Units are in the column names; numbers are at the
 * precision of csv-numbers.ts. Used by the workbench's Download menu and by `cryo run --csv`.
 */
import type { Result, Scenario, ScenarioFile, SkinBoundary } from '../../scenarios/schema.ts';
import { DEFAULT_SKIN } from '../../scenarios/presets.ts';
import { csvCell } from './csv-numbers.ts';

export interface VerdictCsvRun {
  /** the protocol's id (the workbench's protocol, or the built-in / file name) */
  id: string;
  result: Result;
  /** the scenario that ran: resolved when available, else the file as written */
  scenario: Scenario | ScenarioFile;
}

/** The coverage of one isotherm, matched by value so "-40" and "-40.0" agree. */
function coverageAt(r: Result, level_c: number) {
  const c = r.nerve?.coverage;
  if (!c) return null;
  const key = Object.keys(c).find((k) => Number(k) === level_c);
  return key ? c[key] : null;
}

function skinText(s: SkinBoundary | undefined): string {
  const b = s ?? DEFAULT_SKIN;
  if (b.boundary === 'convective') return `convective ${b.ambient_c} °C, h ${b.h_w_m2k} W/m²/K`;
  if (b.boundary === 'temperature') return `held at ${b.temperature_c} °C`;
  return 'insulated';
}

/** The columns, in order: verdict figures first, then how the run was made. */
export const VERDICT_COLUMNS = [
  'protocol',
  'scenario_name',
  'nerve_min_c',
  'nerve_coverage_at_or_below_-20c_pct',
  'nerve_coverage_at_or_below_-40c_pct',
  'nerve_fully_at_or_below_-40c_first_s',
  'nerve_block_probability_pct',
  'skin_min_c',
  'skin_min_ice_gap_mm',
  'skin_frozen',
  'warnings',
  'geometry_mode',
  'spacing_mm',
  'grid_cells',
  'dt_s',
  'steps',
  'precision',
  'time_stepping',
  'protocol_duration_s',
  'phases',
  'nerve_depth_mm',
  'nerve_diameter_mm',
  'probe_device',
  'probe_tip_depth_mm',
  'skin_boundary',
] as const;

/**
 * The explicit enthalpy scheme either updates every cell at every step, or (f32 kernel) steps
 * the warm cells at a longer, still stable step ("two-rate"); the share of updates says which.
 */
function stepping(r: Result): string {
  const cells = r.solver.grid.reduce((a, b) => a * b, 1);
  const share = r.solver.steps > 0 ? r.solver.cell_updates / (r.solver.steps * cells) : 1;
  return share < 0.995 ? `explicit, two-rate (${Math.round(100 * share)} % of cell updates)` : 'explicit, every cell each step';
}

function row(run: VerdictCsvRun): unknown[] {
  const { result: r, scenario: s } = run;
  const pct = (f: number | null | undefined) => (f === null || f === undefined ? null : 100 * f);
  const c20 = coverageAt(r, -20);
  const c40 = coverageAt(r, -40);
  const probe = s.probes?.[0];
  const protocol = s.protocol ?? [];
  const values: Record<(typeof VERDICT_COLUMNS)[number], unknown> = {
    protocol: run.id,
    scenario_name: r.scenario,
    nerve_min_c: r.nerve?.min_c,
    'nerve_coverage_at_or_below_-20c_pct': pct(c20?.fraction),
    'nerve_coverage_at_or_below_-40c_pct': pct(c40?.fraction),
    'nerve_fully_at_or_below_-40c_first_s': c40?.first_full_s,
    nerve_block_probability_pct: pct(r.nerve?.block_probability),
    skin_min_c: r.skin.min_c,
    skin_min_ice_gap_mm: r.skin.min_ice_gap_mm,
    skin_frozen: r.skin.frozen,
    warnings: (r.warnings ?? []).map((w) => w.code).join(' '),
    geometry_mode: r.solver.mode,
    spacing_mm: r.solver.spacing_mm,
    grid_cells: (r.solver.mode === '3d' ? r.solver.grid : r.solver.grid.slice(0, 2)).join('x'),
    dt_s: r.solver.dt_s,
    steps: r.solver.steps,
    precision: r.solver.precision,
    time_stepping: stepping(r),
    protocol_duration_s: protocol.reduce((t, p) => t + (Number(p.duration_s) || 0), 0),
    phases: protocol.map((p) => `${p.phase} ${p.duration_s} s`).join('; '),
    nerve_depth_mm: s.nerve ? s.nerve.center_mm[2] : null,
    nerve_diameter_mm: s.nerve ? s.nerve.diameter_mm : null,
    probe_device: probe?.device ?? '',
    probe_tip_depth_mm: probe ? probe.tip_mm[2] : null,
    skin_boundary: skinText(s.skin),
  };
  return VERDICT_COLUMNS.map((c) => values[c]);
}

/**
 * One header line and one row per run. A blank cell means "does not apply" (no nerve, no ice:
 * then `skin_min_ice_gap_mm` is blank, as the result's null says).
 */
export function verdictSummaryCsv(runs: readonly VerdictCsvRun[]): string {
  const lines = [VERDICT_COLUMNS.join(',')];
  for (const run of runs) lines.push(row(run).map((v, i) => csvCell(v, VERDICT_COLUMNS[i])).join(','));
  return lines.join('\n') + '\n';
}
