/**
 * The probe `cryo calibrate` fits: a device preset by id, or the first probe of a scenario
 * (a file or a built-in id) with its resolved size and surface. Either way it comes back in
 * the DEVICE_PRESETS shape, which is also what a calibration writes out.
 */
import { ARGON_GAS_C, DEVICE_IDS, DEVICE_PRESETS, NITROUS_GAS_C, type DevicePreset } from '../../scenarios/presets.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import type { Issue } from '../../scenarios/schema.ts';
import { loadScenarioInput } from '../cli/load-scenario.ts';

export interface DeviceUnderTest {
  /** preset id; for a scenario's probe, its device id or `custom-probe` */
  id: string;
  /** where it came from, for people: the preset's label, or `probe 1 of <scenario>` */
  origin: string;
  preset: DevicePreset;
}

export function deviceUnderTest(nameOrPath: string): DeviceUnderTest | { issues: Issue[] } {
  if (Object.hasOwn(DEVICE_PRESETS, nameOrPath)) {
    const preset = structuredClone(DEVICE_PRESETS[nameOrPath]);
    return { id: nameOrPath, origin: preset.label, preset };
  }
  let file: unknown;
  try {
    file = loadScenarioInput(nameOrPath);
  } catch (e) {
    const issues = (e as { issues?: Issue[] }).issues;
    if (!issues) throw e;
    return { issues: issues.map((i) => ({ ...i, message: `${i.message}; or name a device: ${DEVICE_IDS.join(', ')}` })) };
  }
  const v = validateScenario(file);
  if (!v.ok) return { issues: v.issues };
  const probe = v.scenario.probes[0];
  if (!probe) return { issues: [{ path: 'probes', message: `${nameOrPath} has no probe to calibrate` }] };
  const base = probe.device ? DEVICE_PRESETS[probe.device] : undefined;
  const surface = { ...probe.surface };
  delete surface.warmup_s;
  return {
    id: probe.device ?? 'custom-probe',
    origin: `probe 1 of ${nameOrPath}, surface as the scenario sets it`,
    preset: {
      label: base?.label ?? `Probe 1 of "${v.scenario.name}"`,
      cryogen: base?.cryogen ?? (surface.model === 'convective' && surface.gas_c > -120 ? 'nitrous_oxide' : 'argon'),
      diameter_mm: probe.diameter_mm,
      active_length_mm: probe.active_length_mm,
      surface,
      source: `probe 1 of ${nameOrPath}${base ? ` (device ${probe.device}: ${base.source})` : ''}`,
      estimates: base ? [...base.estimates] : [],
    },
  };
}

/** The cryogen's coldest gas, the bound a fitted gas temperature may not pass. */
export function cryogenLimitC(preset: DevicePreset): number {
  return preset.cryogen === 'argon' ? ARGON_GAS_C : NITROUS_GAS_C;
}
