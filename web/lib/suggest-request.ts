/**
 * The "Suggest a protocol" form turned into a protocol search request (the options of
 * `cryo optimise`, docs/method.md §5b), with the form's own checks: every bad entry gets a
 * message naming the field and the fix, and nothing runs until all are fixed. The members, seed
 * and uncertain inputs are the ensemble form's (ensemble-request.ts), so a suggestion and the
 * ensemble table above are scored on the same members.
 */
import { OPTIMISE_DEFAULTS, OPTIMISE_LIMITS } from '../../scenarios/presets.ts';
import type { PhaseSpec, Scenario, Uncertainty } from '../../scenarios/schema.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import type { Objective, Target } from '../../workers/optimise/search.ts';
import type { ThawType } from '../../workers/optimise/schedule.ts';
import type { PoolSearchRequest } from '../../workers/pool/optimise-pool.ts';
import { sectionFor, type EnsembleSettings } from './ensemble-request.ts';
import { OPTIMISE_UI } from '../ui-presets.ts';

export const TARGET_LABELS: Record<Target, string> = {
  nerve_full_minus20: 'whole nerve ≤ −20 °C',
  nerve_full_minus40: 'whole nerve ≤ −40 °C',
  nerve_block: 'expected nerve block (dose–response)',
};

/** As typed (strings), so a half-typed or hostile entry is reported, not coerced. */
export interface SuggestForm {
  baseId: string;
  target: Target;
  objective: Objective;
  probability: string;
  /** '' = no skin constraint */
  skinMarginMm: string;
  maxTotalMin: string;
  cycles: number[];
  thaws: ThawType[];
  thawS: string;
  toleranceS: string;
  maxRuns: string;
}

export type SuggestErrors = Partial<Record<keyof SuggestForm, string>>;

export function defaultSuggestForm(baseId: string, skinMarginMm: number): SuggestForm {
  return {
    baseId,
    target: 'nerve_full_minus20',
    objective: 'shortest',
    probability: String(OPTIMISE_DEFAULTS.probability),
    skinMarginMm: String(skinMarginMm),
    maxTotalMin: String(OPTIMISE_DEFAULTS.maxTotalS / 60),
    cycles: [...OPTIMISE_DEFAULTS.cycles],
    thaws: [...OPTIMISE_DEFAULTS.thaws],
    thawS: '',
    toleranceS: String(OPTIMISE_UI.toleranceS.value),
    maxRuns: String(OPTIMISE_UI.maxRuns.value),
  };
}

const clipText = (s: string) => (s.length > 24 ? `${s.slice(0, 24)}…` : s);

/** The thaw a search uses when the form leaves it empty: the base protocol's first thaw, as the CLI does. */
function defaultThawS(protocol: readonly PhaseSpec[]): number {
  return protocol.find((p) => p.phase === 'passive_thaw' || p.phase === 'active_thaw')?.duration_s ?? OPTIMISE_DEFAULTS.thawS;
}

/**
 * Checks the form against the base scenario (validated) and the ensemble settings; returns the
 * request, or the field messages.
 */
export function checkSuggestForm(
  form: SuggestForm,
  base: { file: Record<string, unknown>; scenario: Scenario } | null,
  ensemble: EnsembleSettings,
): { request: PoolSearchRequest | null; errors: SuggestErrors; uncertainty: Uncertainty | null } {
  const errors: SuggestErrors = {};
  const num = (text: string) => (text.trim() === '' ? NaN : Number(text.trim()));
  const probability = num(form.probability);
  if (!(probability > 0 && probability <= 1)) errors.probability = `Probability must be above 0 and at most 1, e.g. 0.9 (got “${clipText(form.probability)}”).`;
  const skin = form.skinMarginMm.trim() === '' ? null : num(form.skinMarginMm);
  if (skin !== null && !(skin > 0 && skin <= 50)) errors.skinMarginMm = `Skin margin must be from 0 to 50 mm, or empty for no skin constraint (got “${clipText(form.skinMarginMm)}”).`;
  const maxMin = num(form.maxTotalMin);
  const limitMin = OPTIMISE_LIMITS.maxTotalS / 60;
  if (!(maxMin > 0 && maxMin <= limitMin)) errors.maxTotalMin = `Maximum total time must be from 0 to ${limitMin} min (got “${clipText(form.maxTotalMin)}”).`;
  if (!form.cycles.length) errors.cycles = 'Allow at least one number of freezes.';
  if (form.cycles.some((c) => c > 1) && !form.thaws.length) errors.thaws = 'Allow a thaw type (passive or active) for the schedules with more than one freeze, or allow only 1 freeze.';
  const thawS = form.thawS.trim() === '' ? (base ? defaultThawS(base.scenario.protocol) : OPTIMISE_DEFAULTS.thawS) : num(form.thawS);
  if (!(thawS > 0 && thawS <= 3600)) errors.thawS = `Thaw must be from 1 to 3600 s, or empty for the base protocol's own (got “${clipText(form.thawS)}”).`;
  const tol = num(form.toleranceS);
  if (!(Number.isInteger(tol) && tol >= OPTIMISE_LIMITS.minToleranceS && tol <= 600)) errors.toleranceS = `Tolerance must be a whole number of seconds from ${OPTIMISE_LIMITS.minToleranceS} to 600 (got “${clipText(form.toleranceS)}”).`;
  const cap = OPTIMISE_UI.maxMaxRuns.value;
  const maxRuns = num(form.maxRuns);
  if (!(Number.isInteger(maxRuns) && maxRuns >= 1 && maxRuns <= cap))
    errors.maxRuns = `Run budget must be a whole number from 1 to ${cap} (got “${clipText(form.maxRuns)}”); for more, use cryo optimise.`;
  else if (maxRuns < ensemble.samples) errors.maxRuns = `Run budget ${maxRuns} is less than one candidate's ${ensemble.samples} member runs; raise it or use fewer members.`;
  if (!base) errors.baseId = 'Choose a ticked protocol that runs on this anatomy to start from.';
  else if (!base.scenario.nerve) errors.baseId = 'The anatomy has no nerve, so a nerve target cannot be scored; add a nerve in the anatomy panel.';
  if (Object.keys(errors).length || !base) return { request: null, errors, uncertainty: null };

  const { uncertainty: _ignored, ...file } = base.file;
  // One member is a deterministic search, as cryo optimise --samples 1.
  let uncertainty: Uncertainty | null = null;
  if (ensemble.samples > 1) {
    const { section } = sectionFor(base.scenario, ensemble);
    const v = validateScenario({ ...file, uncertainty: section });
    if (!v.ok) return { request: null, errors: { baseId: `The ensemble settings do not fit this protocol: ${v.issues[0]?.path}: ${v.issues[0]?.message}` }, uncertainty: null };
    uncertainty = v.scenario.uncertainty!;
  }
  return {
    request: {
      file,
      uncertainty,
      target: form.target,
      search: {
        objective: form.objective,
        probability,
        skinMarginMm: skin,
        maxTotalS: Math.round(maxMin * 60),
        cycles: [...form.cycles].sort((a, b) => a - b),
        thaws: [...form.thaws],
        thawS,
        toleranceS: tol,
        maxRuns,
      },
    },
    errors,
    uncertainty,
  };
}

/** "freeze 3:20 · passive thaw 8:00 · freeze 3:20" */
export function scheduleText(phases: readonly PhaseSpec[]): string {
  const mmss = (s: number) => `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, '0')}`;
  return phases.map((p) => `${p.phase.replace('_', ' ')} ${mmss(p.duration_s)}`).join(' · ');
}

export const totalSOf = (phases: readonly PhaseSpec[]) => phases.reduce((a, p) => a + p.duration_s, 0);
