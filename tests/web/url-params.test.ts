/**
 * The share link's typed parameters: round trip of a scenario through base64url,
 * and messages (never exceptions) for broken, unknown or out-of-range values.
 */
import { describe, expect, it } from 'vitest';
import { buildQuery, fromBase64Url, parseUrlParams, toBase64Url } from '../../web/lib/url-params.ts';
import { scenarioFile } from './fixtures/results.ts';

describe('url params', () => {
  it('round-trips a scenario and the comparison set', () => {
    const q = buildQuery({ scenario: { ...scenarioFile, name: 'Ünïcode −40 °C' }, id: ['von-falck-2022'], compare: ['yoon-2016', 'cazzato-2016'], margin_mm: 10, target_c: -40 });
    const { values, issues, present } = parseUrlParams('?' + q);
    expect(issues).toEqual([]);
    expect(values.scenario).toEqual({ ...scenarioFile, name: 'Ünïcode −40 °C' });
    expect(values.compare).toEqual(['yoon-2016', 'cazzato-2016']);
    expect(values.id).toEqual(['von-falck-2022']);
    expect(values.margin_mm).toBe(10);
    expect(present.has('target_c')).toBe(true);
  });

  it('reports broken values with paths and keeps defaults', () => {
    const { values, issues } = parseUrlParams('?scenario=%%%&margin_mm=abc&target_c=5&compare=ok,bad%20id&foo=1');
    expect(values.scenario).toBeNull();
    expect(Number.isNaN(values.margin_mm)).toBe(true);
    const paths = issues.map((i) => i.path);
    expect(paths).toEqual(['link.scenario', 'link.compare', 'link.margin_mm', 'link.target_c', 'link.foo']);
    expect(issues.find((i) => i.path === 'link.foo')!.message).toMatch(/unknown/);
  });

  it('rejects valid base64 that is not a JSON object', () => {
    expect(parseUrlParams('?scenario=' + toBase64Url('[1,2]')).issues[0].message).toMatch(/object/);
    expect(parseUrlParams('?scenario=' + toBase64Url('{oops')).issues[0].message).toMatch(/JSON/);
  });

  it('base64url has no padding or unsafe characters', () => {
    const s = toBase64Url('??>>~~ ÿ');
    expect(s).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(fromBase64Url(s)).toBe('??>>~~ ÿ');
  });
});
