/**
 * The ensemble panel's form turned into each protocol's `uncertainty` section (the scenario
 * format's, docs/scenario-format.md), and the form's own checks: every bad entry gets a
 * message naming the field and the fix, and nothing runs until all are fixed. Limits and
 * defaults: web/ui-presets.ts (ENSEMBLE_UI, ENSEMBLE_INPUTS).
 *
 * Each input is centred explicitly on the protocol's own resolved value, so the section a
 * protocol gets is exactly what `cryo ensemble` would be given for that protocol's file.
 */
import type { Scenario } from '../../scenarios/schema.ts';
import { ENSEMBLE_LIMITS } from '../../scenarios/presets.ts';
import { ENSEMBLE_INPUTS, ENSEMBLE_UI } from '../ui-presets.ts';

export type EnsembleInputId = (typeof ENSEMBLE_INPUTS)[number]['id'];

/** The form as typed (strings), so a half-typed or hostile entry can be reported, not coerced. */
export interface EnsembleForm {
  samples: string;
  seed: string;
  placementSdMm: string;
  inputs: EnsembleInputId[];
}

export interface EnsembleSettings {
  samples: number;
  seed: number;
  placementSdMm: number;
  inputs: EnsembleInputId[];
}

export function defaultForm(): EnsembleForm {
  return {
    samples: String(ENSEMBLE_UI.samples.value),
    seed: String(ENSEMBLE_UI.seed.value),
    placementSdMm: String(ENSEMBLE_UI.placementSdMm.value),
    inputs: ENSEMBLE_INPUTS.filter((i) => i.on).map((i) => i.id),
  };
}

/** Field → message for every bad entry; settings only when there are none. */
export function checkForm(form: EnsembleForm): { settings: EnsembleSettings | null; errors: Partial<Record<keyof EnsembleForm, string>> } {
  const errors: Partial<Record<keyof EnsembleForm, string>> = {};
  const whole = (text: string, min: number, max: number): number | null => {
    const t = text.trim();
    if (!/^\d+$/.test(t)) return null;
    const v = Number(t);
    return v >= min && v <= max ? v : null;
  };
  const maxSamples = Math.min(ENSEMBLE_UI.maxSamples.value, ENSEMBLE_LIMITS.maxSamples);
  const samples = whole(form.samples, 1, maxSamples);
  if (samples === null)
    errors.samples = `Members must be a whole number from 1 to ${maxSamples} in the browser (got “${clipText(form.samples)}”); for more, run cryo ensemble on the command line and split it with --shard.`;
  const seed = whole(form.seed, 0, ENSEMBLE_LIMITS.maxSeed);
  if (seed === null) errors.seed = `Seed must be a whole number from 0 to ${ENSEMBLE_LIMITS.maxSeed} (got “${clipText(form.seed)}”); the same seed gives the same members.`;
  const sdText = form.placementSdMm.trim();
  const sd = sdText === '' ? NaN : Number(sdText);
  const maxSd = ENSEMBLE_UI.maxPlacementSdMm.value;
  if (!Number.isFinite(sd) || sd < 0 || sd > maxSd)
    errors.placementSdMm = `Placement error must be a standard deviation from 0 to ${maxSd} mm (got “${clipText(form.placementSdMm)}”); 0 places the nerve exactly.`;
  if (!errors.placementSdMm && sd === 0 && form.inputs.length === 0)
    errors.inputs = 'Nothing is uncertain: tick at least one input or give a placement error above 0 mm.';
  if (Object.keys(errors).length) return { settings: null, errors };
  return { settings: { samples: samples!, seed: seed!, placementSdMm: sd, inputs: [...form.inputs] }, errors };
}

function clipText(s: string): string {
  return s.length > 24 ? `${s.slice(0, 24)}…` : s;
}

/** sigma of ln x for "one standard deviation is ×(1 + r)". */
const sigmaLog = (relative: number) => Math.log(1 + relative);

/**
 * The section for one protocol (its resolved scenario gives the centres). An input that does
 * not apply to the protocol (no number at its path) is listed in `skipped` with the reason.
 */
export function sectionFor(scenario: Scenario, s: EnsembleSettings): { section: Record<string, unknown>; skipped: string[] } {
  const inputs: Record<string, unknown>[] = [];
  const skipped: string[] = [];
  const rel = (id: EnsembleInputId) => ENSEMBLE_INPUTS.find((i) => i.id === id)!.relativeSd.value;
  for (const id of s.inputs) {
    if (id === 'perfusion') {
      const v = scenario.tissue.perfusion_w_m3k;
      if (v > 0) inputs.push({ path: 'tissue.perfusion_w_m3k', distribution: 'lognormal', median: v, sigma_log: sigmaLog(rel(id)) });
      else skipped.push('perfusion: the tissue has no perfusion to vary');
    } else if (id === 'k-frozen') {
      inputs.push({ path: 'tissue.k_frozen_w_mk', distribution: 'lognormal', median: scenario.tissue.k_frozen_w_mk, sigma_log: sigmaLog(rel(id)) });
    } else {
      // One device spec per protocol: the first probe's (multi-probe protocols use one device).
      const surface = scenario.probes[0]?.surface;
      if (surface?.model === 'convective') inputs.push({ path: 'probes[0].surface.h_w_m2k', distribution: 'lognormal', median: surface.h_w_m2k, sigma_log: sigmaLog(rel(id)) });
      else if (surface?.model === 'line_sink') inputs.push({ path: 'probes[0].surface.w_per_m', distribution: 'lognormal', median: surface.w_per_m, sigma_log: sigmaLog(rel(id)) });
      else if (surface?.model === 'temperature') {
        // The drive is the gap to body temperature; its share is the spread of the surface temperature.
        const drive = Math.abs(scenario.tissue.initial_c - surface.temperature_c);
        inputs.push({ path: 'probes[0].surface.temperature_c', distribution: 'normal', mean: surface.temperature_c, sd: rel(id) * drive, bounds: { low: ENSEMBLE_UI.coldestSurfaceC.value, high: 0 } });
      } else skipped.push('probe output: a probe following a measured trace keeps it');
    }
  }
  const sd = s.placementSdMm;
  return {
    section: { inputs, placement_error_mm: scenario.nerve ? [sd, 0, sd] : [0, 0, 0], samples: s.samples, seed: s.seed, design: 'lhs' },
    skipped,
  };
}
