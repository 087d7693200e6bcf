/**
 * Ctrl-C during `cryo optimise`: the real command, interrupted after its first candidate,
 * finishes the candidate under way, writes the summary with every candidate tried and
 * `interrupted: true`, and exits 130.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { dir, tinyScenario, writeScenario } from '../sweep/sweep-fixtures.ts';

const BIN = fileURLToPath(new URL('../../workers/cli/cryo.mjs', import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('keeps the candidates tried and exits 130 on SIGINT', async () => {
  // Candidates of about a second each at 0.25 mm in one thread: far from done after the first.
  const base = writeScenario(
    'slow-optimise.json',
    tinyScenario({ name: 'slow optimise', geometry: { mode: 'axisymmetric', spacing_mm: 0.25, size_mm: [15, 30] }, protocol: [{ phase: 'freeze', duration_s: 60 }] }),
  );
  const summary = join(dir, 'interrupted-optimise.json');
  const child = spawn(process.execPath, [BIN, 'optimise', base, '--samples', '1', '--workers', '1', '--max-total-s', '900', '--tolerance-s', '1', '--summary', summary], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  for (let waitedMs = 0; !/1\/2000 runs/.test(err) && waitedMs < 25_000; waitedMs += 50) await sleep(50);
  expect(err).toMatch(/1\/2000 runs/);
  child.kill('SIGINT');
  const code = await exited;

  expect(code, err).toBe(130);
  expect(err).toMatch(/stopping after the candidate under way/);
  const doc = JSON.parse(readFileSync(summary, 'utf8'));
  expect(doc.interrupted).toBe(true);
  expect(doc.candidates.length).toBeGreaterThanOrEqual(1);
  expect(doc.candidates.length).toBeLessThan(10); // a full search: ≥ 10 bisection steps at 1 s tolerance
  expect(doc.runs).toBe(doc.candidates.length);
}, 30_000);
