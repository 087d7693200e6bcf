/**
 * Small valid scenario files for the scenario-layer tests; each test mutates a fresh copy
 * so that exactly one thing is wrong.
 */

/** A minimal valid axisymmetric scenario: every optional section left to its default. */
export function minimalAxisymmetric(): Record<string, any> {
  return {
    schema: 'cryo-scenario/1',
    name: 'minimal',
    geometry: { mode: 'axisymmetric', spacing_mm: 0.5, size_mm: [20, 40] },
    tissue: { preset: 'generic' },
    probes: [{ device: 'icesphere-17g', tip_mm: [0, 0, 20] }],
    protocol: [
      { phase: 'freeze', duration_s: 60 },
      { phase: 'passive_thaw', duration_s: 30 },
      { phase: 'active_thaw', duration_s: 30 },
    ],
  };
}

/** A minimal valid planar scenario with a nerve, a vessel and a sensor. */
export function minimalPlanar(): Record<string, any> {
  return {
    schema: 'cryo-scenario/1',
    name: 'planar',
    geometry: { mode: 'planar', spacing_mm: 0.5, size_mm: [40, 40] },
    tissue: { preset: 'muscle' },
    probes: [
      {
        diameter_mm: 1.47,
        tip_mm: [0, 0, 20],
        surface: { model: 'temperature', temperature_c: -150, cooldown_s: 5 },
      },
    ],
    protocol: [{ phase: 'freeze', duration_s: 60 }],
    nerve: { center_mm: [4, 0, 20], direction: [0, 1, 0], diameter_mm: 3 },
    vessels: [{ center_mm: [-8, 0, 20], diameter_mm: 4 }],
    sensors: [{ name: 'TC1', position_mm: [5, 0, 20] }],
  };
}
