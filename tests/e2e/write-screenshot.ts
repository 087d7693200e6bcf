/**
 * Regenerates docs/screenshot.png: builds the workbench, opens it in Chromium at
 * 1366 px wide, runs the default comparison at the chosen grid and captures the
 * page. Also used to look at the page while working on it.
 *
 *     npx tsx tests/e2e/write-screenshot.ts [--out docs/screenshot.png] [--spacing-mm 0.5] [--nerve-depth-mm D] [--full] [--parts]
 *
 * --parts also saves the lethal-zone chart and the verdict table on their own (…-chart.png, …-verdict.png).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, preview } from 'vite';
import { openBrowser, waitForRunsDone, wb } from './browser.ts';

const root = resolve(import.meta.dirname, '../..');
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const out = resolve(arg('--out', join(root, 'docs/screenshot.png')));
const spacing = arg('--spacing-mm', '0.5');
const full = process.argv.includes('--full');
const parts = process.argv.includes('--parts');
const depth = arg('--nerve-depth-mm', '');

const dist = mkdtempSync(join(tmpdir(), 'cryo-shot-dist-'));
await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir: dist, emptyOutDir: true } });
const server = await preview({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir: dist }, preview: { port: 0, host: '127.0.0.1' } });
const url = server.resolvedUrls!.local[0];
const s = await openBrowser({ width: 1366, height: 768 });
try {
  await s.page.goto(url);
  await s.page.locator('cryo-workbench header h1').waitFor();
  await s.page.locator('anatomy-panel #res').selectOption(spacing);
  if (depth) {
    await s.page.locator('anatomy-panel #nerve-depth').fill(depth);
    await s.page.locator('anatomy-panel #nerve-depth').dispatchEvent('change');
  }
  await s.page.locator('cryo-workbench #run').click();
  await waitForRunsDone(s.page, 600_000);
  if (!depth) await wb(s.page, (el) => (el.notices = []));
  await s.page.waitForTimeout(1500);
  if (full) {
    // The panes scroll inside a screen-high page: a full picture needs a screen as tall as the longer pane.
    const heightPx = await wb(s.page, (el) => {
      const root = el.shadowRoot;
      const panes = [...root.querySelectorAll('aside.side, main')].filter((p: any) => p.offsetParent !== null);
      return Math.ceil(Math.max(...panes.map((p: any) => p.getBoundingClientRect().top + p.scrollHeight)));
    });
    await s.page.setViewportSize({ width: s.page.viewportSize()!.width, height: heightPx });
    await s.page.waitForTimeout(1500);
  }
  await s.page.screenshot({ path: out });
  if (parts) {
    await s.page.locator('lethal-zone-chart').screenshot({ path: out.replace(/\.png$/, '-chart.png') });
    await s.page.locator('verdict-table').screenshot({ path: out.replace(/\.png$/, '-verdict.png') });
  }
  console.log(`wrote ${out}${s.errors.length ? `; page errors: ${s.errors.join('; ')}` : ''}`);
} finally {
  await s.close();
  await new Promise<void>((res) => server.httpServer.close(() => res()));
  rmSync(dist, { recursive: true, force: true });
}
