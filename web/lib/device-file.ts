/**
 * Reads a device preset file, as `cryo calibrate --out` writes it (the
 * DEVICE_PRESETS shape — label, cryogen, diameter_mm, active_length_mm,
 * surface — plus the fit under `calibration`), so the probe bench can use a
 * calibrated device. A file that is not one says why and changes nothing; the
 * probe it describes is checked by the scenario validator, so the bench never
 * runs a device the CLI would refuse.
 */
import type { ProbeSpec, ProbeSurface } from '../../scenarios/schema.ts';
import { DEVICE_PRESETS } from '../../scenarios/presets.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { MAX_SCENARIO_BYTES } from './import.ts';

/** A device from a file, in the fields a scenario's probe takes. */
export interface FileDevice {
  label: string;
  diameter_mm: number;
  active_length_mm: number;
  surface: ProbeSurface;
  /** the preset it was calibrated from, when that is a known id */
  baseDevice: string | null;
  source: string;
  /** "RMS 8.57 mm" etc., when the file carries its calibration */
  fit: string | null;
}

export type DeviceRead = { ok: true; device: FileDevice } | { ok: false; reason: string };

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** "fitted to a thermocouple log, worst RMSE 2.1 °C" for a log calibration's preset (workers/calibration/log-preset.ts). */
function logFit(cal: Record<string, unknown> | null): string | null {
  const run = cal && Array.isArray(cal.runs) && isObj(cal.runs[0]) ? cal.runs[0] : null;
  const after = run && isObj(run.after) ? run.after : null;
  return after && typeof after.worst_rmse_c === 'number' ? `fitted to a thermocouple log, worst RMSE ${after.worst_rmse_c.toFixed(1)} °C` : null;
}

export function readDeviceFile(text: string, bytes = text.length): DeviceRead {
  if (bytes > MAX_SCENARIO_BYTES) return { ok: false, reason: `is larger than ${MAX_SCENARIO_BYTES / 2 ** 20} MB; a device preset is a few kilobytes` };
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: `is not JSON (${(e as Error).message})` };
  }
  if (!isObj(v)) return { ok: false, reason: 'is not a device preset (expected an object with label, diameter_mm, active_length_mm and surface)' };
  if (typeof v.schema === 'string' && /^cryo-(scenario|comparison)/.test(v.schema)) {
    return { ok: false, reason: 'is a scenario, not a device preset; open it with Upload… in the Protocols mode' };
  }
  const missing = ['label', 'diameter_mm', 'active_length_mm', 'surface'].filter((k) => !(k in v));
  if (missing.length) return { ok: false, reason: `is not a device preset: it has no ${missing.join(', ')} (cryo calibrate --out writes these)` };
  if (typeof v.label !== 'string' || !v.label.trim()) return { ok: false, reason: 'has no usable label (a text naming the device)' };
  if (!isObj(v.surface) || typeof v.surface.model !== 'string') return { ok: false, reason: 'has no usable surface (an object with a "model", e.g. {"model": "convective", "gas_c": -186, "h_w_m2k": 4000})' };
  const cal = isObj(v.calibration) ? v.calibration : null;
  const base = cal && typeof cal.device === 'string' && Object.hasOwn(DEVICE_PRESETS, cal.device) ? cal.device : null;
  // The validator is the judge of the numbers (ranges, surface model fields), as for any scenario.
  const probe = { diameter_mm: v.diameter_mm, active_length_mm: v.active_length_mm, surface: v.surface, tip_mm: [0, 0, 30], direction: [0, 0, 1] };
  const check = validateScenario({
    schema: 'cryo-scenario/1',
    name: 'device check',
    geometry: { mode: 'axisymmetric', spacing_mm: 1, size_mm: [20, 60] },
    tissue: { preset: 'gel' },
    probes: [probe],
    protocol: [{ phase: 'freeze', duration_s: 60 }],
  });
  if (!check.ok) {
    const probeIssues = check.issues.filter((i) => i.path.startsWith('probes[0]'));
    const list = (probeIssues.length ? probeIssues : check.issues).slice(0, 5).map((i) => `${i.path.replace(/^probes\[0\]\.?/, '') || 'probe'}: ${i.message}`);
    return { ok: false, reason: `describes a probe the model cannot use — ${list.join('; ')}` };
  }
  const rms = cal && typeof cal.rms_mm === 'number' ? `fitted, RMS residual ${cal.rms_mm.toFixed(2)} mm` : logFit(cal);
  return {
    ok: true,
    device: {
      label: v.label.trim().slice(0, 200),
      diameter_mm: v.diameter_mm as number,
      active_length_mm: v.active_length_mm as number,
      surface: structuredClone(v.surface) as unknown as ProbeSurface,
      baseDevice: base,
      source: typeof v.source === 'string' ? v.source.slice(0, 2000) : '',
      fit: rms,
    },
  };
}

/**
 * A protocol's procedure with every probe replaced by the file's device (size, cold
 * segment, surface), each probe keeping its tip and direction: the protocol as it
 * would run with the calibrated device.
 */
export function withFileDevice<P extends { name: string; probes: ProbeSpec[] }>(procedure: P, dev: FileDevice): P {
  const copy = structuredClone(procedure);
  copy.name = `${procedure.name} (with ${dev.label})`;
  copy.probes = copy.probes.map((p) => {
    const { device: _old, ...rest } = p;
    return {
      ...rest,
      ...(dev.baseDevice ? { device: dev.baseDevice } : {}),
      diameter_mm: dev.diameter_mm,
      active_length_mm: dev.active_length_mm,
      surface: structuredClone(dev.surface),
    };
  });
  return copy;
}
