/**
 * The share-link loader (web/lib/url-params.ts, then validateScenario on the decoded
 * scenario) on arbitrary query strings: never throws, every parameter given is used or
 * reported under `link.<name>`, a decoded scenario gets the validator's contract
 * (properties.ts).
 */
import { describe, expect, it } from 'vitest';
import { MIN_INPUTS, recorded, shareLinkProperty } from './properties.ts';
import { BUILTIN_SCENARIOS } from '../../scenarios/builtin.ts';
import type { ScenarioFile } from '../../scenarios/schema.ts';
import { publishedProcedure } from '../../web/lib/builtins.ts';
import { parseUrlParams, toBase64Url } from '../../web/lib/url-params.ts';
import { anatomyOf, combine, procedureOf } from '../../web/lib/workspace.ts';

describe('share links (property-based)', () => {
  it(shareLinkProperty.title, async () => {
    const stats = await recorded(shareLinkProperty);
    expect(stats.inputs).toBeGreaterThanOrEqual(Math.min(shareLinkProperty.numRuns, MIN_INPUTS));
    expect(stats.extra['scenario decoded']).toBeGreaterThan(0);
  });
});

describe('regressions found by the properties in web/', () => {
  it('link parameters named like Object.prototype members (constructor, toString, __proto__) are reported, not ignored', () => {
    const { issues } = parseUrlParams('?constructor=1&toString=2&__proto__=3&scenario_=4');
    expect(issues.map((i) => i.path).sort()).toEqual(['link.__proto__', 'link.constructor', 'link.scenario_', 'link.toString']);
  });

  it('a share link whose geometry.size_mm is not an array does not throw while the page places the protocols', () => {
    const link = '?scenario=' + toBase64Url(JSON.stringify({ schema: 'cryo-scenario/1', name: 'x', nerve: { center_mm: [0, 0, 20] }, geometry: { size_mm: 5 } }));
    const { values } = parseUrlParams(link);
    const anatomy = anatomyOf(values.scenario as ScenarioFile, 'from link');
    expect(() => combine(anatomy, publishedProcedure('yoon-2016')!)).not.toThrow();
    const yoon = BUILTIN_SCENARIOS['yoon-2016'];
    expect(() => combine(anatomy, procedureOf(yoon))).not.toThrow();
  });
});
