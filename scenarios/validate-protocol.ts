/**
 * Checks and resolves the time side of a scenario: the freeze/thaw phases, the output
 * schedule (with the frame-count limit), and optional solver settings. Defaults for
 * power, active-thaw temperature and output come from presets.ts.
 */
import { at, describe, fmt, fmtInt, Issues, knownKeys, list, num, oneOf, optNum, record, vec3 } from './checks.ts';
import {
  DEFAULT_ACTIVE_THAW_C,
  DEFAULT_OUTPUT,
  DEFAULT_POWER,
  MAX_ISOTHERMS,
  MAX_OUTPUTS,
  MAX_PHASES,
  MAX_TOTAL_DURATION_S,
} from './presets.ts';
import type { Output, Phase, SolverSettings } from './schema.ts';

const PHASES = ['freeze', 'passive_thaw', 'active_thaw', 'reposition'] as const;
const PHASE_KEYS: Record<Phase['phase'], string[]> = {
  freeze: ['phase', 'duration_s', 'power'],
  passive_thaw: ['phase', 'duration_s'],
  active_thaw: ['phase', 'duration_s', 'temperature_c'],
  reposition: ['phase', 'duration_s', 'probe', 'pull_back_mm', 'tip_mm'],
};

/** A reposition phase before its target is resolved against the probes (validate-bodies.ts). */
export type PendingPhase = Phase | { phase: 'reposition'; duration_s: number; probe: number; pull_back_mm?: number; tip_mm?: [number, number, number] };

export interface ProtocolCheck {
  phases?: PendingPhase[];
  /** Sum of the valid durations; undefined if any duration is invalid. */
  total_s?: number;
}

export function checkProtocol(iss: Issues, value: unknown): ProtocolCheck {
  const items = list(iss, 'protocol', value, 'of phases [{"phase": "freeze", "duration_s": 360}]', {
    nonEmpty: true,
    max: MAX_PHASES,
  });
  if (!items) return {};
  const phases = items.map((item, i) => checkPhase(iss, at('protocol', i), item));
  if (!phases.every((p) => p !== undefined)) return {};
  const ok = phases as PendingPhase[];
  const total_s = ok.reduce((t, p) => t + p.duration_s, 0);
  if (total_s > MAX_TOTAL_DURATION_S) {
    iss.add(
      'protocol',
      `total duration ${fmt(total_s)} s exceeds the ${fmt(MAX_TOTAL_DURATION_S)} s (24 h) limit of one run; ` +
        'shorten the phases (durations are in seconds)',
    );
    return {};
  }
  return { phases: ok, total_s };
}

function checkPhase(iss: Issues, path: string, value: unknown): PendingPhase | undefined {
  const p = record(iss, path, value, '{"phase": "freeze" | "passive_thaw" | "active_thaw" | "reposition", "duration_s": ...}');
  if (!p) return undefined;
  const phase = oneOf(iss, at(path, 'phase'), p.phase, PHASES, 'the phase');
  if (phase) knownKeys(iss, path, p, PHASE_KEYS[phase], `a ${phase} phase`);
  const duration_s = num(iss, at(path, 'duration_s'), p.duration_s, {
    gt: 0,
    max: MAX_TOTAL_DURATION_S,
    hint: 'durations are in seconds',
  });
  if (!phase) return undefined;
  switch (phase) {
    case 'freeze': {
      const power = optNum(iss, at(path, 'power'), p.power, DEFAULT_POWER, {
        gt: 0,
        max: 1,
        hint: 'a fraction of full power: 0.3 for 30 %',
      });
      return duration_s === undefined || power === undefined ? undefined : { phase, duration_s, power };
    }
    case 'passive_thaw':
      return duration_s === undefined ? undefined : { phase, duration_s };
    case 'active_thaw': {
      const temperature_c = optNum(iss, at(path, 'temperature_c'), p.temperature_c, DEFAULT_ACTIVE_THAW_C.value, {
        gt: 0,
        max: 100,
        hint: 'the warm probe surface temperature during active thaw, typically +10 to +40 °C',
      });
      return duration_s === undefined || temperature_c === undefined
        ? undefined
        : { phase, duration_s, temperature_c };
    }
    case 'reposition': {
      const probe = optNum(iss, at(path, 'probe'), p.probe, 0, { min: 0, integer: true, hint: 'index into probes, 0 for the first' });
      const hasPull = p.pull_back_mm !== undefined;
      const hasTip = p.tip_mm !== undefined;
      // Both together is how a resolved scenario writes a pull-back (the distance and the tip it
      // leads to), so resolved files validate again; resolveRepositions checks that they agree.
      if (!hasPull && !hasTip) {
        iss.add(path, 'a reposition needs "pull_back_mm" (along the probe\'s tract) or "tip_mm" (new tip position)');
        return undefined;
      }
      const pull_back_mm = hasPull ? num(iss, at(path, 'pull_back_mm'), p.pull_back_mm, { gt: 0, max: 1000, hint: 'how far the probe is withdrawn along its tract' }) : undefined;
      const tip_mm = hasTip ? vec3(iss, at(path, 'tip_mm'), p.tip_mm) : undefined;
      if (duration_s === undefined || probe === undefined || (hasPull && pull_back_mm === undefined) || (hasTip && !tip_mm)) return undefined;
      return { phase, duration_s, probe, ...(hasPull ? { pull_back_mm } : {}), ...(hasTip ? { tip_mm } : {}) };
    }
  }
}

const OUTPUT_KEYS = ['interval_s', 'isotherms_c'];

export function checkOutput(iss: Issues, value: unknown, total_s: number | undefined): Output | undefined {
  if (value === undefined) return checkFrames(iss, { ...DEFAULT_OUTPUT, isotherms_c: [...DEFAULT_OUTPUT.isotherms_c] }, total_s);
  const o = record(iss, 'output', value, '{"interval_s": 10, "isotherms_c": [0, -20, -40]}');
  if (!o) return undefined;
  knownKeys(iss, 'output', o, OUTPUT_KEYS, 'output');
  const interval_s = optNum(iss, 'output.interval_s', o.interval_s, DEFAULT_OUTPUT.interval_s, {
    gt: 0,
    max: MAX_TOTAL_DURATION_S,
  });
  let isotherms_c: number[] | undefined = [...DEFAULT_OUTPUT.isotherms_c];
  if (o.isotherms_c !== undefined) {
    const items = list(iss, 'output.isotherms_c', o.isotherms_c, 'of temperatures in °C, e.g. [0, -20, -40]', {
      nonEmpty: true,
      max: MAX_ISOTHERMS,
    });
    isotherms_c = items ? checkIsotherms(iss, items) : undefined;
  }
  if (interval_s === undefined || !isotherms_c) return undefined;
  return checkFrames(iss, { interval_s, isotherms_c }, total_s);
}

function checkIsotherms(iss: Issues, items: unknown[]): number[] | undefined {
  const out: number[] = [];
  let ok = true;
  items.forEach((v, i) => {
    const path = `output.isotherms_c[${i}]`;
    const t = num(iss, path, v, { gt: -273.15, max: 100 });
    if (t === undefined) return void (ok = false);
    if (out.includes(t)) {
      iss.add(path, `duplicate isotherm ${describe(t)} °C; list each temperature once`);
      ok = false;
    }
    out.push(t);
  });
  return ok ? out : undefined;
}

function checkFrames(iss: Issues, out: Output, total_s: number | undefined): Output | undefined {
  if (total_s === undefined) return out;
  const frames = Math.floor(total_s / out.interval_s) + 1;
  if (frames > MAX_OUTPUTS) {
    const finest = Math.ceil((total_s / (MAX_OUTPUTS - 1)) * 100) / 100;
    iss.add(
      'output.interval_s',
      `${fmtInt(frames)} output frames (${fmt(total_s)} s every ${fmt(out.interval_s)} s) exceed the limit of ` +
        `${fmtInt(MAX_OUTPUTS)}; use interval_s ≥ ${fmt(finest)}`,
    );
    return undefined;
  }
  return out;
}

const SOLVER_KEYS = ['dt_s', 'precision', 'integrator'];

export function checkSolver(iss: Issues, value: unknown): SolverSettings | undefined {
  if (value === undefined) return {};
  const s = record(iss, 'solver', value, '{"dt_s": 0.005} (all fields optional)');
  if (!s) return undefined;
  knownKeys(iss, 'solver', s, SOLVER_KEYS, 'solver settings');
  const out: SolverSettings = {};
  let ok = true;
  if (s.dt_s !== undefined) {
    const dt = num(iss, 'solver.dt_s', s.dt_s, {
      gt: 0,
      max: 60,
      hint: 'omit it to let the engine choose a stable step',
    });
    if (dt === undefined) ok = false;
    else out.dt_s = dt;
  }
  if (s.precision !== undefined) {
    const p = oneOf(iss, 'solver.precision', s.precision, ['f32', 'f64'] as const, 'solver.precision (f32: fast SIMD kernel, the default; f64: reference kernel with full energy balance)');
    if (p === undefined) ok = false;
    else out.precision = p;
  }
  if (s.integrator !== undefined) {
    const it = oneOf(iss, 'solver.integrator', s.integrator, ['explicit', 'implicit', 'auto'] as const, 'solver.integrator (auto: the default, implicit where it is predicted faster; explicit: the reference stepping; implicit: BDF2 with error-controlled steps)');
    if (it === undefined) ok = false;
    else out.integrator = it;
  }
  return ok ? out : undefined;
}
