/**
 * Regenerates docs/bench.png: builds the workbench, opens the probe bench in
 * Chromium at 1366 px wide, runs the default bench's mesh check (IceSeed 17G in
 * 37 °C gel, 10 min, 0.5 vs 0.25 mm) and captures the table and growth curves.
 *
 *     npx tsx tests/e2e/write-bench-screenshot.ts [--out docs/bench.png]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, preview } from 'vite';
import { openBrowser } from './browser.ts';

const root = resolve(import.meta.dirname, '../..');
const i = process.argv.indexOf('--out');
const out = resolve(i >= 0 ? process.argv[i + 1] : join(root, 'docs/bench.png'));

const dist = mkdtempSync(join(tmpdir(), 'cryo-shot-dist-'));
await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir: dist, emptyOutDir: true } });
const server = await preview({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir: dist }, preview: { port: 0, host: '127.0.0.1' } });
const s = await openBrowser({ width: 1366, height: 1180 });
try {
  await s.page.goto(server.resolvedUrls!.local[0]);
  await s.page.locator('cryo-workbench header h1').waitFor();
  await s.page.locator('cryo-workbench #mode-bench').click();
  await s.page.locator('probe-bench #bench-mesh').click();
  await s.page.locator('probe-bench #bench-mesh-table').waitFor({ timeout: 300_000 });
  await s.page.waitForTimeout(2000);
  await s.page.screenshot({ path: out });
  console.log(`wrote ${out}${s.errors.length ? `; page errors: ${s.errors.join('; ')}` : ''}`);
} finally {
  await s.close();
  await new Promise<void>((res) => server.httpServer.close(() => res()));
  rmSync(dist, { recursive: true, force: true });
}
