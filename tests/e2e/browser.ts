/**
 * Shared helpers for the browser tests: launches Debian's Chromium through
 * playwright-core with the flags that keep it quiet on a closed network,
 * records console errors and page errors, and reaches into the workbench's
 * shadow roots.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Session {
  context: BrowserContext;
  page: Page;
  errors: string[];
  close(): Promise<void>;
}

export async function openBrowser(viewport = { width: 1366, height: 768 }): Promise<Session> {
  const dir = mkdtempSync(join(tmpdir(), 'cryo-e2e-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    viewport,
    acceptDownloads: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  const watch = (p: Page) => {
    p.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
    p.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  };
  watch(page);
  context.on('page', watch);
  return {
    context,
    page,
    errors,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `fn` inside the page with the workbench element (shadow DOM is not reachable by CSS alone). */
export function wb<T>(page: Page, fn: (el: any) => T): Promise<T> {
  return page.evaluate(`(${fn.toString()})(document.querySelector('cryo-workbench'))`) as Promise<T>;
}

/** Waits until the workbench reports finished runs (or the timeout). */
export async function waitForRunsDone(page: Page, timeoutMs = 150_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const el = document.querySelector('cryo-workbench') as any;
      return el && !el.running && el.runs.length > 0 && el.runs.every((r: any) => r.result || r.error);
    },
    undefined,
    { timeout: timeoutMs, polling: 250 },
  );
}
