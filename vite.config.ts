/**
 * Vite builds and serves the workbench (web/); Vitest runs every test (tests/).
 * COOP/COEP headers make the page cross-origin isolated so SharedArrayBuffer is
 * available to workers (see docs and ../shared/domain/stack-notes.md).
 */
import { defineConfig } from 'vitest/config';

const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
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
  server: { headers: isolationHeaders, host: '127.0.0.1' },
  preview: { headers: isolationHeaders, host: '127.0.0.1' },
  test: {
    root: '.',
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: ['tests/e2e/**', '**/node_modules/**'] },
      },
      {
        // Browser tests against the built app: the global setup builds it once and
        // serves it with `vite preview`; files run one at a time (one Chromium each).
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
