/**
 * The probe a calibration fits, in the DEVICE_PRESETS shape, from a preset id or from probe 1
 * of a scenario file already in memory: pure, so the CLI (device-under-test.ts, which reads
 * files) and the workbench's probe bench build it the same way.
 */
import { ARGON_GAS_C, DEVICE_PRESETS, NITROUS_GAS_C, type DevicePreset } from '../../scenarios/presets.ts';
import type { Issue } from '../../scenarios/schema.ts';
import { validateScenario } from '../../scenarios/validate.ts';

export interface DeviceUnderTest {
  /** preset id; for a scenario's probe, its device id or `custom-probe` */
  id: string;
  /** where it came from, for people: the preset's label, or `probe 1 of <scenario>` */
  origin: string;
  preset: DevicePreset;
}

/** A shipped preset, copied (the fit never changes DEVICE_PRESETS); null for an unknown id. */
export function presetDevice(id: string): DeviceUnderTest | null {
  if (!Object.hasOwn(DEVICE_PRESETS, id)) return null;
  const preset = structuredClone(DEVICE_PRESETS[id]);
  return { id, origin: preset.label, preset };
}

/** Probe 1 of a scenario file with its resolved size and surface; `name` says where the file came from. */
export function scenarioProbeDevice(file: unknown, name: string): DeviceUnderTest | { issues: Issue[] } {
  const v = validateScenario(file);
  if (!v.ok) return { issues: v.issues };
  const probe = v.scenario.probes[0];
  if (!probe) return { issues: [{ path: 'probes', message: `${name} has no probe to calibrate` }] };
  const base = probe.device ? DEVICE_PRESETS[probe.device] : undefined;
  const surface = { ...probe.surface };
  delete surface.warmup_s;
  return {
    id: probe.device ?? 'custom-probe',
    origin: `probe 1 of ${name}, surface as the scenario sets it`,
    preset: {
      label: base?.label ?? `Probe 1 of "${v.scenario.name}"`,
      cryogen: base?.cryogen ?? (surface.model === 'convective' && surface.gas_c > -120 ? 'nitrous_oxide' : 'argon'),
      diameter_mm: probe.diameter_mm,
      active_length_mm: probe.active_length_mm,
      surface,
      source: `probe 1 of ${name}${base ? ` (device ${probe.device}: ${base.source})` : ''}`,
      estimates: base ? [...base.estimates] : [],
    },
  };
}

/** The cryogen's coldest gas, the bound a fitted gas temperature may not pass. */
export function cryogenLimitC(preset: DevicePreset): number {
  return preset.cryogen === 'argon' ? ARGON_GAS_C : NITROUS_GAS_C;
}
