/**
 * Times an ensemble of the whole built-in comparison in Chromium (issue 13's benchmark: 32
 * members × 8 protocols at 0.5 mm, target ≤ 30 s once the solver is faster): builds the
 * workbench, runs the ensemble from the panel with perfusion and probe output uncertain and
 * 1 mm placement error, and prints members, runs, wall seconds and seconds per run. A smaller
 * --samples gives the per-run cost on a shared machine; the full figure scales with runs.
 *
 *     npx tsx tests/e2e/ensemble-bench.ts [--samples 32] [--spacing-mm 0.5]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, preview } from 'vite';
import { openBrowser, wb } from './browser.ts';

const root = resolve(import.meta.dirname, '../..');
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const samples = arg('--samples', '32');
const spacing = arg('--spacing-mm', '0.5');

const dist = mkdtempSync(join(tmpdir(), 'cryo-bench-dist-'));
await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir: dist, emptyOutDir: true } });
const server = await preview({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir: dist }, preview: { port: 0, host: '127.0.0.1' } });
const s = await openBrowser();
try {
  await s.page.goto(server.resolvedUrls!.local[0]);
  await s.page.locator('cryo-workbench header h1').waitFor();
  await s.page.locator('anatomy-panel #res').selectOption(spacing);
  const protocols = await wb(s.page, (el) => el.ws.compare.length);
  await s.page.locator('ensemble-panel #ens-samples').fill(samples);
  await s.page.locator('ensemble-panel #ens-run').click();
  await s.page.waitForFunction(
    () => {
      const p = (document.querySelector('cryo-workbench') as any).shadowRoot.querySelector('ensemble-panel');
      return p && !p.running && p.progress && p.progress.runsDone === p.progress.runsTotal;
    },
    undefined,
    { timeout: 3_600_000, polling: 500 },
  );
  const r = await wb(s.page, (el) => {
    const p = el.shadowRoot.querySelector('ensemble-panel');
    return { elapsedS: p.elapsedS, progress: p.progress, workers: el.pool.pool.stats.created };
  });
  const perRun = r.elapsedS / r.progress.runsTotal;
  console.log(
    `ensemble: ${samples} members × ${protocols} protocols at ${spacing} mm: ${r.progress.runsTotal} runs in ${r.elapsedS.toFixed(1)} s ` +
      `(${perRun.toFixed(2)} s per run, ${r.workers} workers, ${availableParallelism()} cores seen by Node); ` +
      `32 × 8 would take about ${(perRun * 256).toFixed(0)} s at this rate`,
  );
  if (s.errors.length) console.log('page errors:', s.errors);
} finally {
  await s.close();
  await server.close();
  rmSync(dist, { recursive: true, force: true });
}
