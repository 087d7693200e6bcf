/**
 * A sweep reports each isotherm at the END of every freeze. The engine records the field
 * only at multiples of `output.interval_s` (and at the very end), so before a sweep run the
 * interval is replaced by the largest one that lands on every freeze end: the greatest
 * common divisor of those times, in whole milliseconds. The sweep never reports the other
 * output times, so nothing it writes depends on the interval otherwise (nerve and skin
 * figures are tracked at every kernel chunk, not at outputs).
 */
import type { Result, Scenario } from '../../scenarios/schema.ts';

/** More outputs than this per run would cost more in isotherm extraction than they are worth. */
const MAX_SWEEP_OUTPUTS = 20_000;

/** End time (s) of every freeze phase, in protocol order. */
export function freezeEndTimesS(s: Scenario): number[] {
  const ends: number[] = [];
  let t = 0;
  for (const phase of s.protocol) {
    t += phase.duration_s;
    if (phase.phase === 'freeze') ends.push(t);
  }
  return ends;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * The scenario with an output interval that records every freeze end. When the freeze ends
 * are not whole milliseconds, or would need more than MAX_SWEEP_OUTPUTS outputs, the
 * scenario's own interval is kept and `outputIndexAt` falls back to the last output
 * before the end.
 */
export function withFreezeEndOutputs(s: Scenario): Scenario {
  const endsMs = freezeEndTimesS(s).map((t) => t * 1000);
  if (endsMs.length === 0 || endsMs.some((ms) => Math.abs(ms - Math.round(ms)) > 1e-6)) return s;
  const stepMs = endsMs.map(Math.round).reduce(gcd);
  const totalS = s.protocol.reduce((sum, p) => sum + p.duration_s, 0);
  if (stepMs <= 0 || totalS / (stepMs / 1000) > MAX_SWEEP_OUTPUTS) return s;
  return { ...s, output: { ...s.output, interval_s: stepMs / 1000 } };
}

/** Index into `result.times_s` of the state at the end of a freeze that ended at `endS`. */
export function outputIndexAt(result: Result, endS: number): number {
  let best = -1;
  for (let i = 0; i < result.times_s.length; i++) if (result.times_s[i] <= endS + 1e-6) best = i;
  return best;
}
