/**
 * Ctrl-C during a sweep: the real command, interrupted after its first finished row, exits
 * 130 and leaves a CSV with a valid header and only complete rows.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { csvRecords, dir, readCsv, tinyScenario, writeScenario } from './sweep-fixtures.ts';

const BIN = fileURLToPath(new URL('../../workers/cli/cryo.mjs', import.meta.url));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('keeps every finished row and exits 130 on SIGINT', async () => {
  // Runs of about a second each at 0.25 mm, one thread: the sweep is far from done after its first row.
  const base = writeScenario('slow.json', tinyScenario({ geometry: { mode: 'axisymmetric', spacing_mm: 0.25, size_mm: [15, 30] } }));
  const out = join(dir, 'interrupted.csv');
  const child = spawn(process.execPath, [BIN, 'sweep', base, '--vary', 'protocol[0].duration_s=200:900:100', '--workers', '1', '--out', out], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  const rowsNow = () => (existsSync(out) ? readFileSync(out, 'utf8').split('\n').length - 1 : 0);
  for (let waitedMs = 0; rowsNow() < 2 && waitedMs < 25_000; waitedMs += 50) await sleep(50);
  expect(rowsNow(), err).toBeGreaterThanOrEqual(2);
  child.kill('SIGINT');
  const code = await exited;

  expect(code, err).toBe(130);
  expect(err).toMatch(/stopped by SIGINT/);
  const text = readFileSync(out, 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  const [header, ...rows] = readCsv(text);
  expect(header.slice(0, 3)).toEqual(['run', 'protocol[0].duration_s', 'freeze1_iso_0c_radius_mm']);
  expect(header.at(-1)).toBe('error');
  expect(rows.length).toBeGreaterThanOrEqual(1);
  expect(rows.length).toBeLessThan(8);
  for (const row of rows) expect(row).toHaveLength(header.length);
  for (const row of csvRecords(text)) {
    expect(row.error).toBe('');
    expect(Number(row.freeze1_iso_0c_radius_mm)).toBeGreaterThan(0);
  }
}, 30_000);
