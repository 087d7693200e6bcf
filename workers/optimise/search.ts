/**
 * The protocol search (docs/method.md §5b): for each allowed structure, bisection on the shared
 * freeze duration for the shortest one whose ensemble meets the target with the required
 * probability, then the skin check at that duration. It relies on monotonicity: with the same
 * members for every candidate (common random numbers: one seed), a longer freeze leaves every
 * point at least as cold, so each member's coverage, and hence the target probability, can only
 * grow with the duration, and the skin risk too. So the feasible durations of a structure are an
 * interval starting at the bisection's answer, and if the skin fails there it fails at every
 * longer duration. The search is bounded: each evaluation's runs are counted against `maxRuns`,
 * and (objective 'shortest') a structure that cannot beat the best total found so far is tested
 * once at that bound. With objective 'least-skin' every structure's shortest feasible freeze is
 * found (within a structure, the skin only gets closer with longer freezes, so the shortest is
 * also the least exposed) and the one with the largest median ice-to-skin gap wins.
 */
import { schedulePhases, structureName, structures, totalS, type Structure, type ThawType } from './schedule.ts';
import type { PhaseSpec } from '../../scenarios/schema.ts';

/**
 * `nerve_full_minus20/40`: the share of members whose whole nerve section reaches ≤ −20/−40 °C.
 * `nerve_block`: the expected blocked share of the nerve section from the dose–response curve
 * (result `nerve.block_probability`, docs/method.md §5a) averaged over the members.
 */
export type Target = 'nerve_full_minus20' | 'nerve_full_minus40' | 'nerve_block';
export const TARGETS: Target[] = ['nerve_full_minus20', 'nerve_full_minus40', 'nerve_block'];
/** What "best" means among schedules meeting the target: the shortest total, or the least skin exposure (largest median ice-to-skin gap). */
export type Objective = 'shortest' | 'least-skin';
export const OBJECTIVES: Objective[] = ['shortest', 'least-skin'];

export interface Evaluation {
  /** share of members meeting the target */
  probability: number;
  /** share of members with ice within the skin margin (null without a margin) */
  skin_risk: number | null;
  /** median over members of the smallest ice-to-skin gap (mm; null when the median member has no ice) */
  skin_gap_p50_mm: number | null;
  /** solver runs this evaluation took */
  runs: number;
  /** members that failed to run (counted against neither share) */
  failed: number;
}

export interface SearchOptions {
  target: Target;
  /** default 'shortest' */
  objective?: Objective;
  probability: number;
  /** when set, a candidate must keep P(ice within the margin) ≤ 1 − probability */
  skinMarginMm: number | null;
  maxTotalS: number;
  cycles: number[];
  thaws: ThawType[];
  thawS: number;
  toleranceS: number;
  maxRuns: number;
  /** runs one evaluation would take (to respect maxRuns before starting it) */
  runsPerEvaluation: number;
  /** checked before each evaluation: set it (Ctrl-C) to stop after the one under way; an evaluation that throws once it is set counts as stopped */
  stop?: { requested: boolean };
}

export interface Candidate {
  structure: string;
  cycles: number;
  thaw: ThawType | null;
  freeze_s: number;
  total_s: number;
  probability: number;
  skin_risk: number | null;
  skin_gap_p50_mm: number | null;
  meets_target: boolean;
  meets_skin: boolean;
  failed: number;
}

export interface StructureOutcome {
  structure: string;
  /** the shortest feasible freeze found, or null */
  freeze_s: number | null;
  /** bisection bracket at the end: lo fails the target (0 = not tried), hi meets it */
  bracket_s: [number, number] | null;
  why?: string;
}

export interface SearchResult {
  chosen: (Candidate & { phases: PhaseSpec[] }) | null;
  candidates: Candidate[];
  structures: StructureOutcome[];
  runs: number;
  budget_exhausted: boolean;
  /** stopped on request (Ctrl-C) before the search finished */
  interrupted: boolean;
  tolerance_s: number;
}

export type Evaluate = (phases: PhaseSpec[], label: string) => Promise<Evaluation>;

export async function searchProtocol(o: SearchOptions, evaluate: Evaluate, progress: (line: string, candidate: Candidate, runs: number) => void = () => {}): Promise<SearchResult> {
  const candidates: Candidate[] = [];
  const outcomes: StructureOutcome[] = [];
  let runs = 0;
  let exhausted = false;
  let best: Candidate | null = null;
  const objective = o.objective ?? 'shortest';
  // No ice reaching the skin region at all (null gap) is the least exposure there is.
  const gap = (c: Candidate) => c.skin_gap_p50_mm ?? Infinity;
  const shorter = (a: Candidate, b: Candidate) => a.total_s < b.total_s || (a.total_s === b.total_s && a.cycles < b.cycles);
  const better = (a: Candidate, b: Candidate) => (objective === 'shortest' ? shorter(a, b) : gap(a) > gap(b) || (gap(a) === gap(b) && shorter(a, b)));
  const skinOk = (e: Evaluation) => o.skinMarginMm === null || (e.skin_risk ?? 0) <= 1 - o.probability + 1e-12;

  let interrupted = false;
  const tryAt = async (s: Structure, freezeS: number): Promise<Candidate | null> => {
    // Let a pending signal handler (or the page's Cancel) run: an in-thread evaluation never yields to the event loop.
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (o.stop?.requested) {
      interrupted = true;
      return null;
    }
    if (runs + o.runsPerEvaluation > o.maxRuns) {
      exhausted = true;
      return null;
    }
    const total = totalS(s, freezeS, o.thawS);
    let e: Evaluation;
    try {
      e = await evaluate(schedulePhases(s, freezeS, o.thawS), `${structureName(s)}, freeze ${freezeS} s`);
    } catch (err) {
      // A stop that cut the evaluation under way (the page cancels its runs) ends the search like one between evaluations.
      if (!o.stop?.requested) throw err;
      interrupted = true;
      return null;
    }
    runs += e.runs;
    const c: Candidate = {
      structure: structureName(s),
      cycles: s.cycles,
      thaw: s.thaw,
      freeze_s: freezeS,
      total_s: total,
      probability: e.probability,
      skin_risk: e.skin_risk,
      skin_gap_p50_mm: e.skin_gap_p50_mm,
      meets_target: e.probability >= o.probability,
      meets_skin: skinOk(e),
      failed: e.failed,
    };
    candidates.push(c);
    progress(
      `optimise: ${c.structure}, freeze ${freezeS} s (total ${total} s): P(target) ${c.probability.toFixed(3)}${c.skin_risk === null ? '' : `, P(ice near skin) ${c.skin_risk.toFixed(3)}`} — ${c.meets_target ? 'meets' : 'misses'} the target; ${runs}/${o.maxRuns} runs`,
      c,
      runs,
    );
    return c;
  };

  for (const s of structures(o.cycles, o.thaws)) {
    const name = structureName(s);
    // Longest freeze the time limit allows, and (once something is found) the longest that could still beat it.
    let hiS = Math.floor((o.maxTotalS - (s.cycles - 1) * o.thawS) / s.cycles);
    if (best && objective === 'shortest') hiS = Math.min(hiS, Math.floor((best.total_s - (s.cycles - 1) * o.thawS) / s.cycles));
    if (hiS < 1) {
      outcomes.push({ structure: name, freeze_s: null, bracket_s: null, why: best ? 'cannot be shorter than the best found' : `the thaws alone use up --max-total-s ${o.maxTotalS}` });
      continue;
    }
    const top = await tryAt(s, hiS);
    if (!top) {
      outcomes.push({ structure: name, freeze_s: null, bracket_s: null, why: interrupted ? 'interrupted' : 'run budget exhausted' });
      break;
    }
    if (!top.meets_target) {
      outcomes.push({ structure: name, freeze_s: null, bracket_s: null, why: best ? `misses the target even at ${hiS} s, the longest freeze that could beat the best found` : `misses the target even at ${hiS} s, the longest freeze --max-total-s allows` });
      continue;
    }
    let lo = 0;
    let hi = hiS;
    let hiCandidate = top;
    while (hi - lo > o.toleranceS) {
      const mid = Math.round((lo + hi) / 2);
      if (mid <= lo || mid >= hi) break;
      const c = await tryAt(s, mid);
      if (!c) break;
      if (c.meets_target) {
        hi = mid;
        hiCandidate = c;
      } else lo = mid;
    }
    const bracket: [number, number] = [lo, hi];
    if (!hiCandidate.meets_skin) {
      outcomes.push({ structure: name, freeze_s: null, bracket_s: bracket, why: `the shortest freeze meeting the target (${hi} s) already brings ice within the skin margin too often; longer freezes only worsen it` });
      continue;
    }
    const cut = interrupted ? 'interrupted' : exhausted ? 'run budget exhausted' : null;
    outcomes.push({ structure: name, freeze_s: hi, bracket_s: bracket, ...(cut && hi - lo > o.toleranceS ? { why: `${cut} before the bracket reached the tolerance` } : {}) });
    if (!best || better(hiCandidate, best)) best = hiCandidate;
    if (cut) break;
  }
  const chosen = best ? { ...best, phases: schedulePhases({ cycles: best.cycles, thaw: best.thaw }, best.freeze_s, o.thawS) } : null;
  return { chosen, candidates, structures: outcomes, runs, budget_exhausted: exhausted, interrupted, tolerance_s: o.toleranceS };
}
