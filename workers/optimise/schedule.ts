/**
 * The schedules the optimiser searches: a structure (number of freezes, thaw type between
 * them) and one freeze duration shared by every freeze, with a fixed thaw between freezes:
 *   freeze t [thaw τ, freeze t] × (cycles − 1),   total = cycles·t + (cycles − 1)·τ.
 * One shared duration keeps the search one-dimensional and monotone (docs/method.md §5b).
 */
import type { PhaseSpec } from '../../scenarios/schema.ts';

export type ThawType = 'passive' | 'active';

export interface Structure {
  cycles: number;
  /** null for a single freeze (no thaw in between) */
  thaw: ThawType | null;
}

export function schedulePhases(s: Structure, freezeS: number, thawS: number): PhaseSpec[] {
  const phases: PhaseSpec[] = [{ phase: 'freeze', duration_s: freezeS }];
  for (let c = 1; c < s.cycles; c++) {
    phases.push(s.thaw === 'active' ? { phase: 'active_thaw', duration_s: thawS } : { phase: 'passive_thaw', duration_s: thawS });
    phases.push({ phase: 'freeze', duration_s: freezeS });
  }
  return phases;
}

export const totalS = (s: Structure, freezeS: number, thawS: number) => s.cycles * freezeS + (s.cycles - 1) * thawS;

/** Every structure the options allow; a single freeze has no thaw type, so it appears once. */
export function structures(cycles: readonly number[], thaws: readonly ThawType[]): Structure[] {
  const out: Structure[] = [];
  for (const c of [...new Set(cycles)].sort((a, b) => a - b)) {
    if (c === 1) out.push({ cycles: 1, thaw: null });
    else for (const t of [...new Set(thaws)]) out.push({ cycles: c, thaw: t });
  }
  return out;
}

export const structureName = (s: Structure) => (s.cycles === 1 ? '1 freeze' : `${s.cycles} freezes, ${s.thaw} thaw`);
