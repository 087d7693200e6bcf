/**
 * Runs the `cryo` command in-process (fast) or as a real subprocess (exit codes,
 * the bin script), capturing stdout and stderr.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { main } from '../../workers/cli/main.ts';

export async function cryoInProcess(args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, {
    out: { write: (s: string) => (out += s) },
    err: { write: (s: string) => (err += s), isTTY: false },
  });
  return { code, out, err };
}

const BIN = fileURLToPath(new URL('../../workers/cli/cryo.mjs', import.meta.url));

export function cryoProcess(args: string[], cwd?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd, timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
