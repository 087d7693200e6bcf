/**
 * Vite builds and serves the workbench (web/); Vitest runs every test (tests/).
 * COOP/COEP headers make the page cross-origin isolated so SharedArrayBuffer is
 * available to workers (see docs and ../shared/domain/stack-notes.md). The
 * Content-Security-Policy (web/csp.ts) goes out as a header from both servers and
 * into the built index.html as a <meta>, so static hosting enforces it too.
 */
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { cspHeaderValue, injectCspMeta } from './web/csp.ts';

// Only under Vitest: the sequencer imports vitest/node (about 0.4 s), which `vite` itself never needs.
const testSequencer = process.env.VITEST ? (await import('./tests/support/longest-first-sequencer.ts')).default : undefined;

const securityHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Content-Security-Policy': cspHeaderValue(),
  // Files are what they say they are: a scenario JSON is never sniffed into HTML or script.
  'X-Content-Type-Options': 'nosniff',
  // Share links carry the whole scenario in the query string: never send it to another site.
  'Referrer-Policy': 'no-referrer',
};

/** Writes the CSP into the built page only; the dev server sends it as a header. */
const cspMeta: Plugin = {
  name: 'cryo-csp-meta',
  apply: 'build',
  transformIndexHtml: { order: 'post', handler: (html) => injectCspMeta(html) },
};

export default defineConfig({
  root: 'web',
  publicDir: 'public',
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    target: 'es2022',
    // Never inline the solver kernel as a data URL: workers fetch and compile it
    // with WebAssembly.compileStreaming, which needs a real .wasm response.
    assetsInlineLimit: (file: string) => (file.endsWith('.wasm') ? false : undefined),
    // Plotly is one 4.6 MB chunk by nature and is loaded lazily; do not warn about it.
    chunkSizeWarningLimit: 5000,
  },
  worker: { format: 'es' },
  plugins: [cspMeta],
  server: { headers: securityHeaders, host: '127.0.0.1' },
  preview: { headers: securityHeaders, host: '127.0.0.1' },
  test: {
    root: '.',
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Long unit files first: a fresh clone has no timing cache (tests/support/longest-first-sequencer.ts).
    sequence: { sequencer: testSequencer },
    projects: [
      {
        extends: true,
        // Two unit files at once: on 2 cores the unit project took 220 s instead of ~350 s one at a time.
        test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: ['tests/e2e/**', '**/node_modules/**'], globalSetup: ['tests/support/build-cli-setup.ts'], maxWorkers: 2 },
      },
      {
        // Browser tests against the built app: the global setup builds it once and
        // serves it with `vite preview`; files run one at a time (one Chromium each).
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/global-setup.ts', 'tests/support/build-cli-setup.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
