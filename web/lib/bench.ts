/**
 * The probe bench as pure functions: a device alone in a block of test medium
 * (gel, saline, tissue) as a CLI scenario file, and the manufacturer-style
 * table of isotherm width × length read from a result. The bench component and
 * the test that compares with `cryo run` use these same functions, so the table
 * a user reads is the CLI's numbers, not a second calculation.
 *
 * Width is the diameter of the isotherm at the middle of the probe's cold
 * segment (2 × `mid_radius_mm`, what a manufacturer's chart shows); length is
 * its extent along the probe (`length_mm`).
 */
import { DEVICE_PRESETS } from '../../scenarios/presets.ts';
import type { Result, ScenarioFile, TissuePresetId } from '../../scenarios/schema.ts';
import { BENCH_BLOCK, BENCH_DEFAULTS, BENCH_MEDIA } from '../ui-presets.ts';
import type { FileDevice } from './device-file.ts';

/** `device` value meaning "the device loaded from a file" (BenchSetup.fileDevice). */
export const FILE_DEVICE = 'file';

export interface BenchSetup {
  /** a DEVICE_PRESETS id, or FILE_DEVICE for `fileDevice` */
  device: string;
  /** a device read from a preset file (web/lib/device-file.ts) */
  fileDevice?: FileDevice | null;
  /** a BENCH_MEDIA id */
  medium: string;
  /** the medium's starting (and far-field) temperature */
  mediumC: number;
  /** one continuous freeze */
  freezeS: number;
  spacingMm: number;
  /** radius of the medium block around the probe (a container's wall, or a large block) */
  blockRadiusMm: number;
  /** times the table reports (s) */
  timesS: number[];
  /** isotherms the table reports (°C) */
  isothermsC: number[];
}

export function defaultBenchSetup(): BenchSetup {
  const d = BENCH_DEFAULTS.value;
  return { ...d, timesS: [...d.timesS], isothermsC: [...d.isothermsC] };
}

/** Problems with a setup, each naming its field and the fix (empty when it can run). */
export function benchProblems(s: BenchSetup): { field: keyof BenchSetup; message: string }[] {
  const out: { field: keyof BenchSetup; message: string }[] = [];
  if (s.device === FILE_DEVICE ? !s.fileDevice : !DEVICE_PRESETS[s.device]) out.push({ field: 'device', message: `unknown device "${s.device}"; choose one from the list` });
  if (!BENCH_MEDIA.some((m) => m.id === s.medium)) out.push({ field: 'medium', message: `unknown medium "${s.medium}"; choose one from the list` });
  if (!Number.isFinite(s.mediumC) || s.mediumC < 0.5 || s.mediumC > 45) out.push({ field: 'mediumC', message: 'medium temperature must be between 0.5 and 45 °C (a liquid or tissue above freezing)' });
  if (!Number.isFinite(s.freezeS) || s.freezeS < 10 || s.freezeS > 3600) out.push({ field: 'freezeS', message: 'freeze time must be between 10 s and 60 min' });
  if (!Number.isFinite(s.blockRadiusMm) || s.blockRadiusMm < 5 || s.blockRadiusMm > 200) out.push({ field: 'blockRadiusMm', message: 'block radius must be between 5 and 200 mm' });
  if (!(s.spacingMm > 0) || s.spacingMm > 2) out.push({ field: 'spacingMm', message: 'grid spacing must be above 0 and at most 2 mm' });
  if (!s.timesS.length || s.timesS.some((t) => !Number.isFinite(t) || t <= 0)) out.push({ field: 'timesS', message: 'give one or more times above 0 s, e.g. "60, 180, 300"' });
  else if (Math.max(...s.timesS) > s.freezeS) out.push({ field: 'timesS', message: `table times must not exceed the freeze time (${s.freezeS} s)` });
  if (!s.isothermsC.length || s.isothermsC.some((t) => !Number.isFinite(t) || t > 0 || t < -180)) out.push({ field: 'isothermsC', message: 'give one or more isotherms between −180 and 0 °C, e.g. "0, -20, -40"' });
  return out;
}

/** Block size: wide and deep enough that a long freeze stays clear of its edges (the run warns if not). */
function benchBlockMm(s: BenchSetup): { radiusMm: number; depthMm: number; tipDepthMm: number } {
  const dev = deviceOf(s);
  const b = BENCH_BLOCK.value;
  const tipDepthMm = b.shaftAboveMm + (dev?.active_length_mm ?? 20);
  return { radiusMm: s.blockRadiusMm, depthMm: tipDepthMm + b.belowTipMm, tipDepthMm };
}

/** The bench as a CLI scenario file (axisymmetric: the probe on the axis, entering from the top). */
/** The device's label and cold-segment length, whether a preset or from a file. */
export function deviceOf(s: BenchSetup): { label: string; active_length_mm: number } | undefined {
  return s.device === FILE_DEVICE ? (s.fileDevice ?? undefined) : DEVICE_PRESETS[s.device];
}

export function benchScenario(s: BenchSetup): ScenarioFile {
  const dev = deviceOf(s);
  const file = s.device === FILE_DEVICE ? s.fileDevice : null;
  const medium = BENCH_MEDIA.find((m) => m.id === s.medium) ?? BENCH_MEDIA[0];
  const block = benchBlockMm(s);
  const isotherms = [...new Set([0, -20, -40, ...s.isothermsC])].sort((a, b) => b - a);
  const interval = Math.min(BENCH_DEFAULTS.value.outputIntervalS, s.freezeS);
  return {
    schema: 'cryo-scenario/1',
    name: `Probe bench: ${dev?.label ?? s.device} in ${medium.label} at ${s.mediumC} °C, ${fmtS(s.freezeS)} freeze`,
    source: 'workbench probe bench (web/lib/bench.ts)',
    assumptions: [
      `bench: the device alone in a ${block.radiusMm} mm × ${block.depthMm} mm block of ${medium.label}, probe on the axis, tip ${block.tipDepthMm} mm below the top`,
      `the block's top is insulated and its far edges held at the starting ${s.mediumC} °C (${BENCH_BLOCK.source})`,
      medium.note,
    ],
    geometry: { mode: 'axisymmetric', spacing_mm: s.spacingMm, size_mm: [block.radiusMm, block.depthMm] },
    tissue: { preset: medium.preset, initial_c: s.mediumC, arterial_c: s.mediumC, ...(medium.bath ? { bath_c: s.mediumC } : {}) },
    skin: { boundary: 'insulated' },
    far_field: { boundary: 'temperature', temperature_c: s.mediumC },
    probes: [
      file
        ? {
            // A calibrated device keeps its base preset's id (for people reading the result) and overrides its numbers.
            ...(file.baseDevice ? { device: file.baseDevice } : {}),
            diameter_mm: file.diameter_mm,
            active_length_mm: file.active_length_mm,
            surface: structuredClone(file.surface),
            tip_mm: [0, 0, block.tipDepthMm],
            direction: [0, 0, 1],
          }
        : { device: s.device, tip_mm: [0, 0, block.tipDepthMm], direction: [0, 0, 1] },
    ],
    protocol: [{ phase: 'freeze', duration_s: s.freezeS }],
    output: { interval_s: interval, isotherms_c: isotherms },
  };
}

export interface BenchCell {
  isotherm_c: number;
  /** 2 × mid_radius_mm; null when the isotherm has not reached the middle of the cold segment */
  width_mm: number | null;
  length_mm: number | null;
}

export interface BenchRow {
  /** the asked-for time */
  time_s: number;
  /** the output time actually read (the nearest sample) */
  sampled_s: number;
  cells: BenchCell[];
}

/** Index of the output sample nearest to `t` (the earlier one on a tie). */
export function nearestIndex(times: number[], t: number): number {
  let best = 0;
  for (let i = 1; i < times.length; i++) if (Math.abs(times[i] - t) < Math.abs(times[best] - t)) best = i;
  return best;
}

/** The isotherm key in a result for a temperature (keys are the CLI's number text: "0", "-20"). */
function seriesOf(r: Result, c: number) {
  const key = Object.keys(r.isotherms).find((k) => Number(k) === c);
  return key === undefined ? undefined : r.isotherms[key];
}

/** The manufacturer table: one row per time, one width × length per isotherm. */
export function benchTable(r: Result, timesS: number[], isothermsC: number[]): BenchRow[] {
  return timesS.map((t) => {
    const i = nearestIndex(r.times_s, t);
    return {
      time_s: t,
      sampled_s: r.times_s[i],
      cells: isothermsC.map((c) => {
        const s = seriesOf(r, c);
        const mid = s?.mid_radius_mm?.[i] ?? null;
        return { isotherm_c: c, width_mm: mid === null ? null : 2 * mid, length_mm: s?.length_mm[i] ?? null };
      }),
    };
  });
}

/** Width and length of each isotherm over the whole run, for the growth curves. */
export function benchGrowth(r: Result, isothermsC: number[]) {
  return isothermsC.map((c) => {
    const s = seriesOf(r, c);
    return {
      isotherm_c: c,
      times_s: r.times_s,
      width_mm: r.times_s.map((_, i) => (s?.mid_radius_mm?.[i] == null ? null : 2 * s.mid_radius_mm[i]!)),
      length_mm: r.times_s.map((_, i) => s?.length_mm[i] ?? null),
    };
  });
}

export interface BenchDifference extends BenchCell {
  time_s: number;
  /** fine − coarse (mm); null when either is missing */
  width_diff_mm: number | null;
  length_diff_mm: number | null;
}

/** Mesh check: the fine table's numbers with their difference from the coarse one. */
export function benchDifferences(coarse: BenchRow[], fine: BenchRow[]): BenchDifference[] {
  const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : b - a);
  return fine.flatMap((row, i) =>
    row.cells.map((cell, j) => {
      const c = coarse[i]?.cells[j];
      return { ...cell, time_s: row.time_s, width_diff_mm: diff(c?.width_mm ?? null, cell.width_mm), length_diff_mm: diff(c?.length_mm ?? null, cell.length_mm) };
    }),
  );
}

/** Parses "60, 180 300" (or with a typographic minus) into numbers; null names the bad part. */
export function parseNumberList(text: string): { values: number[]; bad: string | null } {
  const values: number[] = [];
  for (const part of text.split(/[,;\s]+/).filter(Boolean)) {
    const v = Number(part.replace(/\u2212/g, '-'));
    if (!Number.isFinite(v)) return { values, bad: part };
    values.push(v);
  }
  return { values, bad: null };
}

function fmtS(s: number): string {
  return s % 60 === 0 ? `${s / 60} min` : `${s} s`;
}

export type { TissuePresetId };

/**
 * A bench setup read back from a save: each field of the right type is kept, the rest
 * take the defaults (the form then shows any problem beside its field).
 */
export function asBenchSetup(v: unknown): BenchSetup | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  const d = defaultBenchSetup();
  const num = (k: keyof BenchSetup) => (typeof o[k] === 'number' && Number.isFinite(o[k]) ? (o[k] as number) : (d[k] as number));
  const nums = (k: 'timesS' | 'isothermsC') => (Array.isArray(o[k]) && (o[k] as unknown[]).every((x) => typeof x === 'number' && Number.isFinite(x)) ? [...(o[k] as number[])] : d[k]);
  const file = o.fileDevice && typeof o.fileDevice === 'object' ? (o.fileDevice as FileDevice) : null;
  const device = typeof o.device === 'string' ? o.device : d.device;
  return {
    device: device === FILE_DEVICE && !file ? d.device : device,
    ...(file ? { fileDevice: file } : {}),
    medium: typeof o.medium === 'string' ? o.medium : d.medium,
    mediumC: num('mediumC'),
    freezeS: num('freezeS'),
    spacingMm: num('spacingMm'),
    blockRadiusMm: num('blockRadiusMm'),
    timesS: nums('timesS'),
    isothermsC: nums('isothermsC'),
  };
}
