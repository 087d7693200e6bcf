/**
 * The probe `cryo calibrate` fits: a device preset by id, or the first probe of a scenario
 * (a file or a built-in id) with its resolved size and surface. Either way it comes back in
 * the DEVICE_PRESETS shape, which is also what a calibration writes out.
 */
import { DEVICE_IDS } from '../../scenarios/presets.ts';
import type { Issue } from '../../scenarios/schema.ts';
import { loadScenarioInput } from '../node/load-scenario.ts';
import { presetDevice, scenarioProbeDevice, type DeviceUnderTest } from './device-preset.ts';

export function deviceUnderTest(nameOrPath: string): DeviceUnderTest | { issues: Issue[] } {
  const preset = presetDevice(nameOrPath);
  if (preset) return preset;
  let file: unknown;
  try {
    file = loadScenarioInput(nameOrPath);
  } catch (e) {
    const issues = (e as { issues?: Issue[] }).issues;
    if (!issues) throw e;
    return { issues: issues.map((i) => ({ ...i, message: `${i.message}; or name a device: ${DEVICE_IDS.join(', ')}` })) };
  }
  return scenarioProbeDevice(file, nameOrPath);
}
