/**
 * The ensemble's random numbers: mulberry32, a 32-bit generator that is tiny, fast and the
 * same in every JavaScript engine, so a seed gives the same members on the CLI, in every
 * shard and in the browser. Its period (2^32) is far beyond the ≤ 4096 × (inputs + 3)
 * numbers an ensemble draws.
 */

/** Uniform numbers in [0, 1) from a 32-bit unsigned seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
