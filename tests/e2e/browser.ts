/**
 * Shared helpers for the browser tests: launches Debian's Chromium through
 * playwright-core with the flags that keep it quiet on a closed network,
 * records console errors and page errors, Content-Security-Policy violations
 * and every request, and reaches into the workbench's shadow roots.
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

/**
 * Flags for the memory and worker checks: `measureUserAgentSpecificMemory` answers
 * at once instead of at the next garbage collection, `gc()` is callable, and
 * `performance.memory` is exact rather than rounded.
 */
export const MEMORY_ARGS = ['--enable-blink-features=ForceEagerMeasureMemory', '--js-flags=--expose-gc', '--enable-precise-memory-info'];

export interface Session {
  context: BrowserContext;
  page: Page;
  errors: string[];
  /** every URL requested by any page or worker of the session */
  requests: string[];
  close(): Promise<void>;
}

export async function openBrowser(viewport = { width: 1366, height: 768 }, extraArgs: string[] = []): Promise<Session> {
  const dir = mkdtempSync(join(tmpdir(), 'cryo-e2e-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, ...extraArgs],
    viewport,
    acceptDownloads: true,
  });
  // Collected in the page itself from the first script on, so nothing is missed before a test looks.
  await context.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  const requests: string[] = [];
  const watch = (p: Page) => {
    p.on('console', (m) => {
      if (m.type() === 'error' || /Content.Security.Policy/i.test(m.text())) errors.push(`console: ${m.text()}`);
    });
    p.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    p.on('worker', (w) => w.on('console', (m) => m.type() === 'error' && errors.push(`worker console: ${m.text()}`)));
  };
  watch(page);
  context.on('page', watch);
  context.on('request', (r) => requests.push(r.url()));
  return {
    context,
    page,
    errors,
    requests,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** CSP violations the page has seen (events on its document). */
export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
}

/**
 * Runs in the page: every element of the document and of every shadow root
 * below it, so a check cannot miss what a component rendered.
 */
export function allElementsScript(): string {
  return `(() => {
    const out = [];
    const walk = (root) => {
      for (const el of root.querySelectorAll('*')) {
        out.push(el);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return out;
  })()`;
}

/** A browser on the workbench at `url`, once its header has rendered and its warm start is over. */
export async function openWorkbench(url: string): Promise<Session> {
  const s = await openBrowser();
  await s.page.goto(url);
  await s.page.locator('cryo-workbench header h1').waitFor();
  await waitForWarmStart(s.page);
  return s;
}

/**
 * Waits until the page's idle-time start of the workers and charts is over
 * (web/components/cryo-workbench/warm-start.ts), so a test that counts workers or jobs
 * does not race it.
 */
export async function waitForWarmStart(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.waitForFunction(() => (document.querySelector('cryo-workbench') as any)?.warmed === true, undefined, { timeout: timeoutMs, polling: 50 });
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
