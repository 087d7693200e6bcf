/**
 * Pure functions from engine results to what the charts and the verdict table
 * show. Kept free of DOM and Plotly so they are unit-tested in Node and so the
 * numbers on screen are traceable to the `cryo-result/1` fields they come from.
 */
import type { Issue, Result, ResultWarning, Scenario, ScenarioFile, Sensor, Vec3 } from '../../scenarios/schema.ts';
import type { FieldFrames } from '../../workers/engine/run-types.ts';
import { DEVICE_PRESETS } from '../../scenarios/presets.ts';
import { DERIVED_SENSOR_NAMES, STANDARD_ISOTHERMS_C } from '../ui-presets.ts';
import { clip } from './text.ts';
import { nerveSection, nerveSensorPoints, type ProbeAxis } from '../../workers/engine/analysis/nerve.ts';
import { phaseIntervals as placementIntervals, probeTipsAt } from '../../scenarios/placement.ts';

export { probeTipsAt };

/** One finished (or failed) protocol run as the UI keeps it. */
export interface RunRecord {
  id: string;
  label: string;
  colour: string;
  /** what was sent to the engine (CLI format, with derived sensors added) */
  file: ScenarioFile;
  scenario: Scenario | null;
  result: Result | null;
  frames: FieldFrames | null;
  error: { message: string; issues: Issue[] } | null;
  /** the result is from an earlier run, kept because the latest run was cancelled before this protocol finished */
  previous?: boolean;
}

export type TimeSelection = { mode: 'end' } | { mode: 'last-freeze' } | { mode: 'max' } | { mode: 'time'; time_s: number };

/** Result keys are the isotherm numbers as written; match by value so "-40" and "-40.0" agree. */
export function isothermKey(isotherms: Record<string, unknown>, threshold_c: number): string | null {
  for (const k of Object.keys(isotherms)) if (Number(k) === threshold_c) return k;
  return null;
}

/** Index of the last output time at or before t (clamped to the run). */
export function indexAtTime(times_s: number[], t: number): number {
  let i = 0;
  while (i + 1 < times_s.length && times_s[i + 1] <= t + 1e-9) i++;
  return i;
}

/** Time at which the last freeze phase ends, from the resolved protocol. */
export function lastFreezeEnd_s(scenario: Pick<Scenario, 'protocol'>): number | null {
  let t = 0;
  let end: number | null = null;
  for (const ph of scenario.protocol) {
    t += ph.duration_s;
    if (ph.phase === 'freeze') end = t;
  }
  return end;
}

export interface ZoneSpan {
  threshold_c: number;
  top_mm: number | null;
  bottom_mm: number | null;
  radius_mm: number | null;
  /** the output time these numbers belong to (null for "largest over the run") */
  time_s: number | null;
}

export interface ZoneColumn {
  id: string;
  label: string;
  colour: string;
  zones: ZoneSpan[];
  probe_tip_mm: number | null;
}

/**
 * Depth range reached by each isotherm for one run at the selected time.
 * "max" takes the shallowest top and deepest bottom over the whole run, which
 * is what matters for skin safety (ice retreats during thaw).
 */
export function zoneSpans(result: Result, scenario: Pick<Scenario, 'protocol'> | null, sel: TimeSelection, thresholds_c: number[]): ZoneSpan[] {
  const times = result.times_s;
  let index: number | null = times.length - 1;
  if (sel.mode === 'time') index = indexAtTime(times, sel.time_s);
  else if (sel.mode === 'last-freeze') {
    const end = scenario ? lastFreezeEnd_s(scenario) : null;
    index = end === null ? times.length - 1 : indexAtTime(times, end);
  } else if (sel.mode === 'max') index = null;
  return thresholds_c.map((threshold_c) => {
    const key = isothermKey(result.isotherms, threshold_c);
    const s = key ? result.isotherms[key] : null;
    if (!s) return { threshold_c, top_mm: null, bottom_mm: null, radius_mm: null, time_s: null };
    // "Largest extent": the engine's envelope (every cell's coldest temperature) when present,
    // else the extremes of the per-time sizes, which can only under-estimate it.
    const env = index === null && result.envelope ? result.envelope[key!] : undefined;
    if (env) return { threshold_c, top_mm: env.top_depth_mm, bottom_mm: env.bottom_depth_mm, radius_mm: env.radius_mm, time_s: null };
    if (index !== null) {
      return {
        threshold_c,
        top_mm: s.top_depth_mm[index] ?? null,
        bottom_mm: s.bottom_depth_mm[index] ?? null,
        radius_mm: s.radius_mm[index] ?? null,
        time_s: times[index] ?? null,
      };
    }
    return {
      threshold_c,
      top_mm: minOf(s.top_depth_mm),
      bottom_mm: maxOf(s.bottom_depth_mm),
      radius_mm: maxOf(s.radius_mm),
      time_s: null,
    };
  });
}

export function zoneColumns(runs: RunRecord[], sel: TimeSelection, thresholds_c = STANDARD_ISOTHERMS_C): ZoneColumn[] {
  return runs
    .filter((r) => r.result)
    .map((r) => {
      const zones = zoneSpans(r.result!, r.scenario, sel, thresholds_c);
      // Where the probe is at the moment shown (a reposition phase may have moved it).
      const t = zones.find((z) => z.time_s !== null)?.time_s ?? 0;
      const tip = r.scenario?.probes?.length ? probeTipsAt(r.scenario, t)[0] : null;
      return { id: r.id, label: r.label, colour: r.colour, zones, probe_tip_mm: tip ? tip[2] : null };
    });
}

export interface Margins {
  skin_margin_mm: number;
  nerve_target_c: number;
  skin_limit_c: number;
}

export interface VerdictRow {
  id: string;
  label: string;
  colour: string;
  /** every point of the nerve cross-section reached ≤ −40 °C at some time of the run */
  lethal_full: boolean;
  /** time the whole nerve cross-section was first ≤ −40 °C at once, null if never */
  lethal_full_s: number | null;
  lethal_fraction: number | null;
  block_full: boolean;
  block_fraction: number | null;
  block_full_s: number | null;
  target_fraction: number | null;
  target_full_s: number | null;
  skin_min_c: number;
  /** null when no ice formed */
  ice_gap_mm: number | null;
  skin_frozen: boolean;
  pass: boolean;
  reasons: string[];
  warnings: ResultWarning[];
}

/** The result's warnings, if it has any in the contract's shape (older results have none). */
export function resultWarnings(r: Result | null): ResultWarning[] {
  const w = (r as (Result & { warnings?: unknown }) | null)?.warnings;
  if (!Array.isArray(w)) return [];
  // A result loaded from a file may carry codes this build does not know; they are shown as written.
  return w.filter((x) => !!x && typeof x === 'object' && typeof x.code === 'string' && typeof x.message === 'string') as ResultWarning[];
}

/**
 * Full coverage: every sample point of the scored nerve cross-section was at or below
 * the threshold at some time of the run (its coldest temperature), which is what the
 * section picture of the lethal-zone chart shows. `first_full_s` says when they all
 * were at once, if ever.
 */
function fullyCovered(c: { fraction: number } | null): boolean {
  return !!c && c.fraction >= 1;
}

/** A coverage share as a percentage that never rounds a partial coverage up to 100 %. */
export function fmtPct(f: number | null): string {
  if (f === null) return '—';
  return f >= 1 ? '100 %' : `${Math.min(99, Math.round(f * 100))} %`;
}

export function verdict(run: RunRecord, m: Margins): VerdictRow | null {
  const r = run.result;
  if (!r) return null;
  const cov = (t: number) => {
    const c = r.nerve?.coverage;
    const key = c ? isothermKey(c, t) : null;
    return key && c ? c[key] : null;
  };
  const lethal = cov(-40);
  const block = cov(-20);
  const target = cov(m.nerve_target_c);
  const reasons: string[] = [];
  if (!r.nerve) reasons.push('no nerve in the scenario');
  else if (!target) reasons.push(`nerve coverage at ${fmtC(m.nerve_target_c)} was not computed`);
  else if (!fullyCovered(target)) reasons.push(`nerve only ${fmtPct(target.fraction)} ≤ ${fmtC(m.nerve_target_c)}`);
  // A null gap means no ice formed at all, which keeps any margin.
  const gap = r.skin.min_ice_gap_mm;
  if (gap !== null && gap < m.skin_margin_mm) reasons.push(`ice ${gap.toFixed(1)} mm from skin (< ${m.skin_margin_mm} mm)`);
  if (r.skin.min_c < m.skin_limit_c) reasons.push(`skin reached ${fmtNum(r.skin.min_c)} °C (< ${fmtC(m.skin_limit_c)})`);
  return {
    id: run.id,
    label: run.label,
    colour: run.colour,
    lethal_full: fullyCovered(lethal),
    lethal_full_s: lethal?.first_full_s ?? null,
    lethal_fraction: lethal?.fraction ?? null,
    block_full: fullyCovered(block),
    block_fraction: block?.fraction ?? null,
    block_full_s: block?.first_full_s ?? null,
    target_fraction: target?.fraction ?? null,
    target_full_s: target?.first_full_s ?? null,
    skin_min_c: r.skin.min_c,
    ice_gap_mm: r.skin.min_ice_gap_mm,
    skin_frozen: r.skin.frozen,
    pass: reasons.length === 0,
    reasons,
    warnings: resultWarnings(r),
  };
}

/** Zone thresholds the section picture separates, warm to cold. */
export const SECTION_ZONES_C = [0, -20, -40];

/**
 * What the lethal-zone chart draws for one run: the nerve's scored cross-section
 * (result.nerve.section), each cell classed by the coldest zone it reached during
 * the run, and which of those cells are the nerve. Pure, so the chart and the
 * chart–verdict agreement test read the same numbers.
 */
export interface SectionView {
  cells: number;
  spacing_mm: number;
  radius_mm: number;
  /** per cell, row-major (deeper rows later): index into SECTION_ZONES_C of the coldest zone reached, −1 above 0 °C */
  zone: number[];
  inside: boolean[];
  /** share of the nerve's cells in each zone or colder, by threshold */
  covered: Record<string, number>;
  /** distance from the probe axis to the nerve centre in the section (mm), when known */
  probe_distance_mm: number | null;
}

export function sectionView(result: Result | null): SectionView | null {
  const sec = result?.nerve?.section;
  if (!sec || !Array.isArray(sec.coldest_c) || sec.coldest_c.length !== sec.cells * sec.cells) return null;
  const mid = (sec.cells - 1) / 2;
  const r2 = sec.radius_mm * sec.radius_mm;
  const zone: number[] = [];
  const inside: boolean[] = [];
  for (let j = 0; j < sec.cells; j++) {
    for (let i = 0; i < sec.cells; i++) {
      const x = (i - mid) * sec.spacing_mm;
      const y = (j - mid) * sec.spacing_mm;
      const t = sec.coldest_c[i + sec.cells * j];
      let z = -1;
      SECTION_ZONES_C.forEach((thr, k) => {
        if (t <= thr) z = k;
      });
      zone.push(z);
      inside.push(x * x + y * y <= r2);
    }
  }
  const nerveCells = inside.filter(Boolean).length || 1;
  const covered: Record<string, number> = {};
  SECTION_ZONES_C.forEach((thr, k) => {
    covered[String(thr)] = zone.filter((z, c) => inside[c] && z >= k).length / nerveCells;
  });
  // In axisymmetric mode the probe axis is the z axis, on the section's "toward" side.
  const lateral = result!.solver.mode === 'axisymmetric' ? Math.hypot(sec.centre_mm[0], sec.centre_mm[1]) : null;
  return { cells: sec.cells, spacing_mm: sec.spacing_mm, radius_mm: sec.radius_mm, zone, inside, covered, probe_distance_mm: lateral };
}

/** "The chart shows the nerve inside the zone": every nerve cell of the picture reached the threshold. */
export function nerveInsideZone(view: SectionView, threshold_c: number): boolean {
  const k = SECTION_ZONES_C.indexOf(threshold_c);
  return k >= 0 && view.zone.every((z, c) => !view.inside[c] || z >= k);
}

export function fmtC(t: number): string {
  return `${t < 0 ? '−' + Math.abs(t) : t} °C`;
}

/**
 * A column-sized label: "Author Year" from the scenario name and the freeze
 * pattern (e.g. "von Falck 2022 · 2× 6 min"), because full scenario names are
 * sentences and eight of them must fit side by side.
 */
export function shortLabel(name: string, protocol: { phase: string; duration_s: number }[]): string {
  const m = /^(.*?\b(?:19|20)\d\d)\b/.exec(name);
  const head = m && m[1].length <= 40 ? m[1] : clip(name, 26);
  const freezes = protocol.filter((p) => p.phase === 'freeze').map((p) => p.duration_s);
  if (!freezes.length) return head;
  const same = freezes.every((d) => d === freezes[0]);
  const pattern = same ? `${freezes.length}× ${fmtDuration(freezes[0])}` : freezes.map((d) => fmtDuration(d)).join(' + ');
  return `${head} · ${pattern}`;
}

/** A number with a typographic minus, as in the rest of the page. */
export function fmtNum(v: number, digits = 1): string {
  return v.toFixed(digits).replace(/^-/, '−');
}

export function fmtDuration(s: number | null): string {
  if (s === null || !Number.isFinite(s)) return '—';
  const whole = Math.round(s);
  if (whole < 90) return `${whole} s`;
  const m = Math.floor(whole / 60);
  const r = whole - m * 60;
  return r ? `${m} min ${r} s` : `${m} min`;
}

/**
 * Sensors the charts need: the centre of the nerve cross-section the verdict scores
 * (at the nerve's closest approach to the first probe, workers/engine/analysis/nerve.ts),
 * its edges nearest and farthest from the probe, and the skin where the probe enters.
 * Existing names are kept.
 */
export function derivedSensors(file: ScenarioFile): Sensor[] {
  const out: Sensor[] = [];
  const probe = file.probes[0];
  const mode = file.geometry.mode;
  const spacing = file.geometry.spacing_mm;
  if (file.nerve) {
    const at = nerveSensorPoints(nerveSection(file.nerve, probe ? probeGeometry(probe) : null, mode));
    out.push({ name: DERIVED_SENSOR_NAMES.nerve_centre, position_mm: at.centre });
    out.push({ name: DERIVED_SENSOR_NAMES.nerve_near, position_mm: at.near });
    out.push({ name: DERIVED_SENSOR_NAMES.nerve_far, position_mm: at.far });
  }
  if (probe) {
    const d = probe.direction ?? [0, 0, 1];
    let entry: Vec3;
    if (mode === 'planar') entry = [probe.tip_mm[0], 0, 0];
    else {
      // Where the probe axis crosses the skin (z = 0); vertical probes enter above the tip.
      const t = d[2] !== 0 ? probe.tip_mm[2] / d[2] : 0;
      entry = [probe.tip_mm[0] - d[0] * t, probe.tip_mm[1] - d[1] * t, 0];
    }
    if (mode !== 'planar') {
      // The probe shaft occupies the entry point itself; read the skin just beside it.
      const diameter = probe.diameter_mm ?? (probe.device ? DEVICE_PRESETS[probe.device]?.diameter_mm : undefined) ?? 0;
      const radius = diameter / 2;
      entry = [entry[0] + radius + spacing, entry[1], 0];
    }
    out.push({ name: DERIVED_SENSOR_NAMES.skin_above_probe, position_mm: entry });
  }
  return out;
}

/** The probe's cold-segment axis as the validator resolves it (device preset, vertical by default). */
function probeGeometry(p: ScenarioFile['probes'][number]): ProbeAxis {
  const device = p.device ? DEVICE_PRESETS[p.device] : undefined;
  return { tip_mm: p.tip_mm, direction: p.direction ?? [0, 0, 1], active_length_mm: p.active_length_mm ?? device?.active_length_mm ?? 0 };
}

/** Adds derived sensors and the standard isotherms to a scenario before a run. */
export function withChartOutputs(file: ScenarioFile): ScenarioFile {
  const copy: ScenarioFile = structuredClone(file);
  const names = new Set((copy.sensors ?? []).map((s) => s.name));
  const extra = derivedSensors(copy).filter((s) => !names.has(s.name));
  if (extra.length) copy.sensors = [...(copy.sensors ?? []), ...extra];
  const iso = new Set(copy.output?.isotherms_c ?? []);
  const missing = STANDARD_ISOTHERMS_C.filter((t) => !iso.has(t));
  if (missing.length || !copy.output?.isotherms_c) {
    copy.output = { ...(copy.output ?? {}), isotherms_c: [...(copy.output?.isotherms_c ?? []), ...missing].sort((a, b) => b - a) };
  }
  return copy;
}

function minOf(xs: (number | null)[]): number | null {
  let m: number | null = null;
  for (const x of xs) if (x !== null && Number.isFinite(x) && (m === null || x < m)) m = x;
  return m;
}
function maxOf(xs: (number | null)[]): number | null {
  let m: number | null = null;
  for (const x of xs) if (x !== null && Number.isFinite(x) && (m === null || x > m)) m = x;
  return m;
}

/** Contiguous phase intervals (s) from the resolved protocol, for shading time charts. */
export function phaseIntervals(protocol: { phase: string; duration_s: number }[]): { phase: string; start_s: number; end_s: number }[] {
  return placementIntervals(protocol).map(({ phase, start_s, end_s }) => ({ phase: phase.phase, start_s, end_s }));
}
