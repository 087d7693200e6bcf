/**
 * Ctrl-C during an ensemble: the real command, interrupted after its first finished member,
 * exits 130 and still writes a valid document with the finished members and `complete: false`.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import type { EnsembleFile } from '../../workers/ensemble/ensemble-file.ts';
import { dir, tinyScenario, writeScenario } from '../sweep/sweep-fixtures.ts';

const BIN = fileURLToPath(new URL('../../workers/cli/cryo.mjs', import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('keeps every finished member and exits 130 on SIGINT', async () => {
  // Members of about a second each at 0.25 mm on one thread: far from done after the first.
  const base = writeScenario(
    'slow-ensemble.json',
    tinyScenario({
      geometry: { mode: 'axisymmetric', spacing_mm: 0.25, size_mm: [15, 30] },
      uncertainty: { inputs: [{ path: 'protocol[0].duration_s', distribution: 'uniform', min: 200, max: 900 }], samples: 8 },
    }),
  );
  const out = join(dir, 'interrupted-ensemble.json');
  const child = spawn(process.execPath, [BIN, 'ensemble', base, '--workers', '1', '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  for (let waitedMs = 0; !/ensemble: 1\/8 runs/.test(err) && waitedMs < 25_000; waitedMs += 50) await sleep(50);
  expect(err).toMatch(/ensemble: 1\/8 runs/);
  child.kill('SIGINT');
  const code = await exited;

  expect(code, err).toBe(130);
  expect(err).toMatch(/stopped by SIGINT/);
  const doc: EnsembleFile = JSON.parse(readFileSync(out, 'utf8'));
  expect(doc.complete).toBe(false);
  const p = doc.protocols[0];
  expect(p.samples).toBeGreaterThanOrEqual(1);
  expect(p.samples).toBeLessThan(8);
  expect(p.members.every((m) => m.figures && !m.error)).toBe(true);
  expect(p.percentiles.nerve!.min_c.p50).toBeLessThan(0);
}, 30_000);
