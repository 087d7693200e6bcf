/**
 * `npm run bench` (last step): start-up wall time of the `cryo` command, the median of N
 * fresh processes each, for `cryo list` (start-up only) and `cryo validate <built-in>`
 * (start-up, validation and grid compile), run as `node workers/cli/cryo.mjs` and as
 * `npx cryo`; Node's own start and npx's own start are measured alongside so the part that
 * is the command's shows. Writes its own marked section of docs/performance.md ("cli-startup-bench"), keeping the others.
 * Timing lives here, never in tests.
 * Usage: tsx tests/bench/cli-startup-bench.ts [--runs 11] [--out docs/performance.md]
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { BUILTIN_SCENARIOS } from '../../scenarios/builtin.ts';
import { buildCli } from '../../workers/cli/build.mjs';
import { linkCli } from '../../workers/cli/link-bin.mjs';
import { writeSection } from './doc-section.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const runs = Math.max(1, Math.floor(Number(arg('runs', '11'))));
const outPath = arg('out', 'docs/performance.md');
const GOAL_S = 0.3;
const HEADING = '## CLI start-up';

await buildCli({ ifStale: true });
linkCli();
const id = Object.keys(BUILTIN_SCENARIOS)[0];
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/** Wall seconds of each of `runs` fresh processes; a failed run stops the bench. */
function wallS(cmd: string, args: string[]): number[] {
  const walls: number[] = [];
  // One unmeasured run first: the first read of the files from disk is not start-up.
  for (let i = 0; i <= runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(cmd, args, { encoding: 'utf8' });
    const s = (performance.now() - t0) / 1000;
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr || r.error}`);
    if (i > 0) walls.push(s);
  }
  return walls;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// npx's own floor: what `npx <command>` costs before any command runs, measured with a command that
// does nothing (a shell script in node_modules/.bin, where npx finds `cryo`), removed afterwards.
const NOOP = 'cryo-bench-noop';
const noopPath = `node_modules/.bin/${NOOP}`;
writeFileSync(noopPath, '#!/bin/sh\nexit 0\n');
chmodSync(noopPath, 0o755);
process.on('exit', () => rmSync(noopPath, { force: true }));

const cases: { label: string; what: string; cmd: string; args: string[] }[] = [
  { label: '`node -e 0`', what: 'Node itself (floor)', cmd: process.execPath, args: ['-e', '0'] },
  { label: '`node workers/cli/cryo.mjs list`', what: 'the command, start-up only', cmd: process.execPath, args: ['workers/cli/cryo.mjs', 'list'] },
  { label: `\`node workers/cli/cryo.mjs validate ${id}\``, what: 'start-up, validation, grid compile', cmd: process.execPath, args: ['workers/cli/cryo.mjs', 'validate', id] },
  { label: '`node_modules/.bin/cryo list`', what: 'the link npx finds, started directly', cmd: 'node_modules/.bin/cryo', args: ['list'] },
  { label: '`npx --version`', what: 'npx starting, without looking for a command', cmd: npx, args: ['--version'] },
  { label: `\`npx ${NOOP}\``, what: 'npx finding and running a command that does nothing (a shell script in node_modules/.bin): its floor', cmd: npx, args: [NOOP] },
  { label: '`npx cryo list`', what: 'the command as the README runs it', cmd: npx, args: ['cryo', 'list'] },
  { label: `\`npx cryo validate ${id}\``, what: 'as the README runs it', cmd: npx, args: ['cryo', 'validate', id] },
];

const rows: string[] = [];
const medians = new Map<string, number>();
for (const c of cases) {
  const walls = wallS(c.cmd, c.args);
  const m = median(walls);
  medians.set(c.label, m);
  rows.push(`| ${c.label} | ${c.what} | ${runs} | ${m.toFixed(3)} | ${Math.min(...walls).toFixed(3)} | ${Math.max(...walls).toFixed(3)} |`);
  process.stderr.write(`${c.label}: median ${m.toFixed(3)} s\n`);
}

const npxList = medians.get('`npx cryo list`')!;
const nodeList = medians.get('`node workers/cli/cryo.mjs list`')!;
const npxFloor = medians.get(`\`npx ${NOOP}\``)!;
const lines = [
  `${HEADING} (Node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(2)})`,
  '',
  `Wall time of fresh processes, median of ${runs} (after one unmeasured run), from the repository root. The command runs the`,
  'JavaScript built by `npm run build:cli` (workers/dist/), no TypeScript loader. `npx` finds it as node_modules/.bin/cryo,',
  'the link `npm run link:cli` makes at install (a package.json "bin" would make npx resolve the project as a package and',
  'read the whole package tree on every call, ~0.7 s). The gap between `npx cryo list` and `node workers/cli/cryo.mjs list`',
  `is npm's own work: \`npx --version\` only starts npm; \`npx ${NOOP}\` also loads npm's exec command and finds and runs`,
  'a command that does nothing, which is the floor of any `npx` call. `node_modules/.bin/cryo` or a `cryo` on the PATH starts like the `node` rows.',
  '',
  '| command | measures | runs | median (s) | min (s) | max (s) |',
  '|---|---|---|---|---|---|',
  ...rows,
  '',
  '| goal | target | this run | met |',
  '|---|---|---|---|',
  `| \`npx cryo list\` | ≤ ${GOAL_S} s | ${npxList.toFixed(3)} s (npx running a no-op ${npxFloor.toFixed(3)} s; \`node workers/cli/cryo.mjs list\` ${nodeList.toFixed(3)} s) | ${npxList <= GOAL_S ? 'yes' : 'no'} |`,
  '',
  npxFloor > GOAL_S
    ? `npx itself, running a command that does nothing, takes ${npxFloor.toFixed(3)} s here: ${(npxFloor / GOAL_S).toFixed(2)} × the target before any of our code runs, so no change to the command can meet it through npx on this npm. What our command adds on top, Node's own start included: ${(npxList - npxFloor).toFixed(3)} s.`
    : `npx itself, running a command that does nothing, takes ${npxFloor.toFixed(3)} s here; our command adds ${(npxList - npxFloor).toFixed(3)} s, Node's own start included.`,
  '',
];
writeSection(outPath, 'cli-startup-bench', lines.join('\n'));
process.stderr.write(lines.join('\n') + '\n');
