/**
 * Freezing dose–response: the probability of an effect (cell death, a lasting nerve block)
 * at a point whose coldest temperature over the run was T, as a logistic curve through the
 * temperatures of 50 % and 95 % effect (scenarios/presets.ts DOSE_RESPONSE):
 *   P(T) = 1 / (1 + exp((T − T50) / s)),  s = (T50 − T95) / ln 19,
 * since P(T95) = 0.95 ⇔ exp((T95 − T50)/s) = 1/19. Over the nerve's equal-area sample points
 * the mean of P is the expected blocked share of the cross-section.
 */
import { DOSE_RESPONSE } from '../../../scenarios/presets.ts';

export function logistic(t50C: number, t95C: number): (tC: number) => number {
  const s = (t50C - t95C) / Math.log(19);
  return (tC) => 1 / (1 + Math.exp((tC - t50C) / s));
}

const nerveBlock = logistic(DOSE_RESPONSE.nerve_block.t50_c.value, DOSE_RESPONSE.nerve_block.t95_c.value);

/** Expected blocked share of a cross-section sampled at equal-area points (their coldest °C). */
export function blockProbability(coldestC: readonly number[]): number {
  return coldestC.reduce((sum, t) => sum + nerveBlock(t), 0) / coldestC.length;
}
