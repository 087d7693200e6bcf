/**
 * The bench experiment a calibration reproduces: one probe on the axis of an axisymmetric
 * block of gel (or perfused tissue) at a uniform starting temperature, one freeze as long as
 * the latest measurement, and an output at every measurement time.
 *
 * Why this geometry: 40 mm of radius and 100 mm of depth with the tip at 50 mm keep the
 * held-temperature sides and bottom (the bath or the surrounding block) more than twice the
 * largest ice radius away for the probes in physics.md §3, so they barely affect the ice. The
 * top face is insulated: the probe enters through it, and in a phantom it is either covered
 * or far (≥ 20 mm) from the cold segment.
 */
import type { DevicePreset } from '../../scenarios/presets.ts';
import type { Issue, ProbeSurface, Scenario, ScenarioFile } from '../../scenarios/schema.ts';
import { SCENARIO_SCHEMA } from '../../scenarios/schema.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import type { MeasurementRow, Medium } from './measurements.ts';

export const BLOCK_RADIUS_MM = 40;
export const BLOCK_DEPTH_MM = 100;
export const TIP_DEPTH_MM = 50;
/** More outputs than this per run cost more than the run itself. */
const MAX_OUTPUTS = 20_000;

export interface BenchSetup {
  medium: Medium;
  mediumC: number;
  spacingMm: number;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** The output interval (s) that lands on every measurement time, or why there is none. */
export function outputIntervalS(rows: readonly MeasurementRow[]): number | { error: string } {
  const times = [...new Set(rows.map((r) => r.timeS))];
  const ms = times.map((t) => Math.round(t * 1000));
  if (times.some((t, i) => Math.abs(t * 1000 - ms[i]) > 1e-6))
    return { error: 'measurement times must be whole milliseconds; round time_s to 3 decimals' };
  const stepS = ms.reduce(gcd) / 1000;
  const lastS = Math.max(...times);
  if (lastS / stepS > MAX_OUTPUTS)
    return { error: `measurement times ${times.join(', ')} s need an output every ${stepS} s (${Math.ceil(lastS / stepS)} outputs); round time_s to whole seconds` };
  return stepS;
}

function benchScenarioFile(preset: DevicePreset, surface: ProbeSurface, rows: readonly MeasurementRow[], setup: BenchSetup, intervalS: number): ScenarioFile {
  const lastS = Math.max(...rows.map((r) => r.timeS));
  const isotherms = [...new Set(rows.map((r) => r.isothermC))];
  const c = setup.mediumC;
  return {
    schema: SCENARIO_SCHEMA,
    name: `calibration bench: ${preset.label} in ${setup.medium} at ${c} °C`,
    source: 'cryo calibrate (workers/calibration/calibration-scenario.ts)',
    assumptions: [
      `${setup.medium === 'gel' ? 'gel phantom, no perfusion' : 'generic perfused soft tissue'}, starting at ${c} °C throughout`,
      `block ${BLOCK_RADIUS_MM} mm in radius and ${BLOCK_DEPTH_MM} mm deep, sides and bottom held at ${c} °C, top insulated`,
    ],
    geometry: { mode: 'axisymmetric', spacing_mm: setup.spacingMm, size_mm: [BLOCK_RADIUS_MM, BLOCK_DEPTH_MM] },
    tissue: { preset: setup.medium === 'gel' ? 'gel' : 'generic', initial_c: c, arterial_c: c },
    skin: { boundary: 'insulated' },
    far_field: { boundary: 'temperature', temperature_c: c },
    probes: [
      {
        diameter_mm: preset.diameter_mm,
        active_length_mm: preset.active_length_mm,
        tip_mm: [0, 0, TIP_DEPTH_MM],
        direction: [0, 0, 1],
        surface,
      },
    ],
    protocol: [{ phase: 'freeze', duration_s: lastS, power: 1 }],
    output: { interval_s: intervalS, isotherms_c: isotherms },
  };
}

export function benchScenario(
  preset: DevicePreset,
  surface: ProbeSurface,
  rows: readonly MeasurementRow[],
  setup: BenchSetup,
  intervalS: number,
): { scenario: Scenario } | { issues: Issue[] } {
  const v = validateScenario(benchScenarioFile(preset, surface, rows, setup, intervalS));
  return v.ok ? { scenario: v.scenario } : { issues: v.issues };
}
