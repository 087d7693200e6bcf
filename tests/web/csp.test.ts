/**
 * The Content-Security-Policy the build ships: no inline script and no eval
 * (only 'wasm-unsafe-eval' for the solver kernels), everything else from this
 * origin, plugins, <base> and forms off, framing forbidden by the header; the
 * <meta> copy leaves out what a <meta> cannot carry and sits before every script.
 */
import { describe, expect, it } from 'vitest';
import { CSP_DIRECTIVES, cspHeaderValue, cspMetaValue, injectCspMeta } from '../../web/csp.ts';

const parse = (policy: string) => new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...v]) => [name, v]));

describe('content security policy', () => {
  it('allows script from this origin and wasm compilation, nothing else', () => {
    const p = parse(cspHeaderValue());
    expect(p.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(cspHeaderValue()).not.toMatch(/'unsafe-eval'|'unsafe-hashes'|\*|https?:/);
    expect(p.get('worker-src')).toEqual(["'self'"]);
    expect(p.get('connect-src')).toEqual(["'self'"]);
    expect(p.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(p.get('object-src')).toEqual(["'none'"]);
    expect(p.get('base-uri')).toEqual(["'none'"]);
    expect(p.get('frame-ancestors')).toEqual(["'none'"]);
    // Inline is allowed for styles only (Plotly), never for scripts.
    const inline = [...p].filter(([, v]) => v.includes("'unsafe-inline'")).map(([k]) => k);
    expect(inline).toEqual(['style-src']);
  });

  it('the meta copy is the header minus frame-ancestors, placed right after the charset', () => {
    expect(parse(cspMetaValue()).has('frame-ancestors')).toBe(false);
    expect(parse(cspMetaValue()).size).toBe(Object.keys(CSP_DIRECTIVES).length - 1);
    const html = '<!doctype html><html><head>\n<meta charset="utf-8" />\n<style>x{}</style><script type="module" src="/a.js"></script></head></html>';
    const out = injectCspMeta(html);
    const meta = out.indexOf('http-equiv="Content-Security-Policy"');
    expect(meta).toBeGreaterThan(out.indexOf('charset'));
    expect(meta).toBeLessThan(out.indexOf('<style>'));
    expect(injectCspMeta(out)).toBe(out);
  });
});
