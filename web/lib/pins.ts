/**
 * Pinned results ("snapshots"): a finished run kept under a name so later runs
 * can be compared with it — the perfusion-off result beside the perfusion-on
 * one, say. Pins live in the workspace save (web/lib/storage.ts), so they
 * follow the same rules: a pin that would not fit is refused before anything
 * changes, and a damaged pin read back is left out without touching the others.
 * A pin keeps the scenario file and the result, never map frames (megabytes);
 * the resolved scenario the charts need is re-derived from the file.
 */
import type { Result, ScenarioFile } from '../../scenarios/schema.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import type { RunRecord } from './analysis.ts';
import { PIN_COLOURS } from './palette.ts';
import { MAX_PINS, MAX_PIN_BYTES, PIN_HALO_EXTRA_PX, PIN_HALO_OPACITY } from '../ui-presets.ts';

export interface Pin {
  id: string;
  name: string;
  pinned_at: string;
  /** the protocol it was a run of, for people */
  from_id: string;
  /** shown in the charts and the verdict table */
  shown: boolean;
  file: ScenarioFile;
  result: Result;
}

/** Id of a pin's run in the charts: never equal to a protocol id. */
const PIN_RUN_PREFIX = 'pin:';
const pinRunId = (pin: Pin) => `${PIN_RUN_PREFIX}${pin.id}`;

/** A name for a new pin: the run's label, made unique among the pins. */
export function defaultPinName(label: string, pins: Pin[]): string {
  const names = new Set(pins.map((p) => p.name));
  if (!names.has(label)) return label;
  for (let i = 2; ; i++) if (!names.has(`${label} (${i})`)) return `${label} (${i})`;
}

/**
 * Makes a pin from a finished run, or says why not (the list is then unchanged).
 * `name` is trimmed; an empty one is refused.
 */
export function makePin(run: RunRecord, name: string, pins: Pin[], now = new Date()): { ok: true; pin: Pin } | { ok: false; reason: string } {
  if (!run.result) return { ok: false, reason: `${run.label} has no result to pin; run it first` };
  const trimmed = name.trim();
  if (!trimmed) return { ok: false, reason: 'give the pinned result a name' };
  if (trimmed.length > 120) return { ok: false, reason: 'the name is longer than 120 characters' };
  if (pins.length >= MAX_PINS.value) return { ok: false, reason: `there are already ${MAX_PINS.value} pinned results; remove one first` };
  if (pins.some((p) => p.name === trimmed)) return { ok: false, reason: `a pinned result is already called “${trimmed}”` };
  let n = pins.length + 1;
  while (pins.some((p) => p.id === `p${n}`)) n++;
  const pin: Pin = { id: `p${n}`, name: trimmed, pinned_at: now.toISOString(), from_id: run.id, shown: true, file: structuredClone(run.file), result: structuredClone(run.result) };
  const bytes = JSON.stringify(pin).length * 2;
  if (bytes > MAX_PIN_BYTES.value) {
    return { ok: false, reason: `this result is ${(bytes / 1e6).toFixed(1)} MB, more than the ${MAX_PIN_BYTES.value / 1e6} MB a pin may take in browser storage; download the results instead` };
  }
  return { ok: true, pin };
}

/** Pins read back from a save: each usable one, in order; the rest are counted, not thrown. */
export function asPins(v: unknown): { pins: Pin[]; dropped: number } {
  if (!Array.isArray(v)) return { pins: [], dropped: v === undefined ? 0 : 1 };
  const pins: Pin[] = [];
  let dropped = 0;
  for (const p of v as Pin[]) {
    const ok =
      !!p &&
      typeof p === 'object' &&
      typeof p.id === 'string' &&
      typeof p.name === 'string' &&
      typeof p.from_id === 'string' &&
      !!p.file &&
      typeof p.file === 'object' &&
      !!p.result &&
      typeof p.result === 'object' &&
      Array.isArray(p.result.times_s) &&
      !!p.result.isotherms &&
      typeof p.result.isotherms === 'object' &&
      !pins.some((q) => q.id === p.id);
    if (ok) pins.push({ ...p, shown: p.shown !== false, pinned_at: typeof p.pinned_at === 'string' ? p.pinned_at : '' });
    else dropped++;
  }
  return { pins, dropped };
}

/** Chart colour of the pin at `index`, from a set of its own, so a pin never looks like a protocol. */
export function pinColour(index: number, _protocolCount = 0): string {
  return PIN_COLOURS[index % PIN_COLOURS.length];
}

/** True for a pinned result drawn as a run. */
export const isPinRun = (run: { id: string }): boolean => run.id.startsWith(PIN_RUN_PREFIX);

/**
 * A run's line in the time charts (ice growth, temperature histories). A pin is drawn wider and
 * translucent (and beneath every run, pinsBeneath): a pin identical to a run (pinned, then run
 * again unchanged) would otherwise cover the run's line exactly, and the run would seem missing.
 */
export function runLineStyle(run: { id: string; colour: string }, selected: boolean): { line: { color: string; width: number }; opacity?: number } {
  const width = selected ? 3.5 : 1.8;
  return isPinRun(run)
    ? { line: { color: run.colour, width: width + PIN_HALO_EXTRA_PX.value }, opacity: PIN_HALO_OPACITY.value }
    : { line: { color: run.colour, width } };
}

/** One trace per run, the pins' first (drawn beneath); `legendrank` keeps the legend in the runs' order unless the trace sets its own. */
export function pinsBeneath<R extends { id: string }, T extends object>(runs: R[], trace: (run: R, index: number) => T): (T & { legendrank?: number })[] {
  const drawn = runs.map((r, i) => ({ pin: isPinRun(r), t: { legendrank: 1000 + i, ...trace(r, i) } }));
  return [...drawn.filter((d) => d.pin), ...drawn.filter((d) => !d.pin)].map((d) => d.t);
}

/** A pin as a run the charts and the verdict table draw (colours after the protocols'). */
export function pinRun(pin: Pin, index: number, protocolCount: number): RunRecord {
  const v = validateScenario(pin.file);
  return {
    id: pinRunId(pin),
    label: `pinned: ${pin.name}`,
    colour: pinColour(index, protocolCount),
    file: pin.file,
    scenario: v.ok ? v.scenario : null,
    result: pin.result,
    frames: null,
    error: null,
  };
}
