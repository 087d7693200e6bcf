/**
 * The workbench's Content-Security-Policy, in one place: Vite sends it as a
 * response header (preview and dev server) and writes it as a <meta http-equiv>
 * into the built index.html, so a static host that sets no headers still
 * enforces it. The tests read the same directives.
 *
 * Why each source is there (docs/reliability-browser.md has the long version):
 * - scripts only from this origin; `'wasm-unsafe-eval'` lets the workers compile
 *   the solver kernels, and is the only form of code generation allowed (no
 *   `'unsafe-eval'`, no inline script: the built page has none).
 * - styles: `'unsafe-inline'` for Plotly alone, which inserts <style> elements
 *   with CSSOM rules (global and per-chart modebar rules under generated ids) and
 *   sets `style` attributes (heatmap image rendering, colour bar, text positions).
 *   Plotly 4's only way out (`.no-inline-styles`) needs its CSS shipped
 *   separately, which plotly.js-dist-min does not contain. The workbench itself
 *   needs no inline style (shell.css is a file; lib/style-props.ts sets dynamic
 *   styles through CSSOM), and an e2e test keeps it that way. Inline style cannot
 *   run script; the risk left is CSS injection, and with every user text rendered
 *   as text there is no attacker markup to carry it, while `img-src`/`font-src`
 *   stop CSS from sending data anywhere but this origin.
 * - images: `data:` and `blob:` for Plotly's heatmap bitmap and PNG export.
 * - `connect-src 'self'`: the workers fetch the .wasm from this origin; nothing
 *   else is fetched (the e2e tests record every request). CSP 3 lets `'self'`
 *   match the same host's ws: URL, which Vite's dev server uses for HMR.
 */

export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'worker-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'manifest-src': ["'self'"],
  'media-src': ["'none'"],
  'frame-src': ["'none'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  // Only a header can forbid framing (clickjacking): browsers ignore it in <meta>.
  'frame-ancestors': ["'none'"],
};

/** Directives a <meta http-equiv> cannot carry (ignored there, with a console error in Chromium). */
const HEADER_ONLY_DIRECTIVES: readonly string[] = ['frame-ancestors', 'report-uri', 'sandbox'];

function serialise(filter: (name: string) => boolean): string {
  return Object.entries(CSP_DIRECTIVES)
    .filter(([name]) => filter(name))
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** The full policy, for the Content-Security-Policy response header. */
export function cspHeaderValue(): string {
  return serialise(() => true);
}

/** The policy for <meta http-equiv="Content-Security-Policy"> (header-only directives left out). */
export function cspMetaValue(): string {
  return serialise((name) => !HEADER_ONLY_DIRECTIVES.includes(name));
}

/** Puts the meta policy first in <head>, before any script or stylesheet it has to govern. */
export function injectCspMeta(html: string): string {
  const tag = `<meta http-equiv="Content-Security-Policy" content="${cspMetaValue()}" />`;
  if (html.includes('http-equiv="Content-Security-Policy"')) return html;
  const charset = /<meta\s+charset=["']?[\w-]+["']?\s*\/?>/i.exec(html);
  if (charset) return html.slice(0, charset.index + charset[0].length) + `\n    ${tag}` + html.slice(charset.index + charset[0].length);
  return html.replace(/<head>/i, `<head>\n    ${tag}`);
}
