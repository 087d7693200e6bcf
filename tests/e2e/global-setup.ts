/**
 * Builds the workbench once (wasm kernel if missing, then `vite build` into a
 * temporary folder) and serves it with Vite's preview server on a free port, so
 * every browser test runs against the real built app with its COOP/COEP headers.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, preview } from 'vite';
import type { TestProject } from 'vitest/node';

const root = resolve(import.meta.dirname, '../..');

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    distDir: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => res(port));
    });
    srv.on('error', rej);
  });
}

function newestMtime(dir: string): number {
  let t = 0;
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isFile()) t = Math.max(t, st.mtimeMs);
  }
  return t;
}

/** Rebuilds the kernels when any file the worker imports is missing or older than its sources. */
function ensureWasm() {
  const worker = readFileSync(join(root, 'workers/pool/simulation.worker.ts'), 'utf8');
  const outputs = [...worker.matchAll(/wasm\/build\/([\w.-]+\.wasm)/g)].map((m) => join(root, 'wasm/build', m[1]));
  const src = join(root, 'wasm/assembly');
  const newestSource = existsSync(src) ? newestMtime(src) : 0;
  if (outputs.some((w) => !existsSync(w) || newestSource > statSync(w).mtimeMs)) {
    execFileSync('npm', ['run', '--silent', 'build:wasm'], { cwd: root, stdio: 'inherit' });
  }
}

export default async function setup(project: TestProject) {
  ensureWasm();
  const outDir = mkdtempSync(join(tmpdir(), 'cryo-e2e-dist-'));
  await build({
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  const port = await freePort();
  const server = await preview({
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  project.provide('baseUrl', `http://127.0.0.1:${port}/`);
  project.provide('distDir', outDir);
  return async () => {
    await new Promise<void>((res) => server.httpServer.close(() => res()));
    rmSync(outDir, { recursive: true, force: true });
  };
}
