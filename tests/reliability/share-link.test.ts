/**
 * The share-link loader (web/lib/url-params.ts, then validateScenario on the decoded
 * scenario) on arbitrary query strings: never throws, every parameter given is used or
 * reported under `link.<name>`, a decoded scenario gets the validator's contract
 * (properties.ts). The `it.fails` cases pin defects found in web/ code this suite may not
 * change; each is reported, and its test starts failing (flip it to `it`) once fixed.
 */
import { describe, expect, it } from 'vitest';
import { KNOWN_DEFECTS } from './known-defects.ts';
import { MIN_INPUTS, recorded, shareLinkProperty } from './properties.ts';

describe('share links (property-based)', () => {
  it(shareLinkProperty.title, async () => {
    const stats = await recorded(shareLinkProperty);
    expect(stats.inputs).toBeGreaterThanOrEqual(Math.min(shareLinkProperty.numRuns, MIN_INPUTS));
    expect(stats.extra['scenario decoded']).toBeGreaterThan(0);
  });
});

describe('known defects in web/ (reported; flip to `it` when fixed)', () => {
  for (const d of KNOWN_DEFECTS.filter((k) => k.file.startsWith('web/'))) it.fails(`${d.file}: ${d.title}`, () => d.check());
});
