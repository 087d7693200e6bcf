#!/usr/bin/env node
// Entry point of the `cryo` command: runs the CLI built into plain JavaScript by
// `npm run build:cli` (workers/cli/build.mjs, run at install), so no TypeScript loader starts.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/cli.mjs', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('cryo: the command is not built yet (workers/dist/cli.mjs is missing); run: npm run build:cli\n');
  process.exitCode = 1;
} else {
  const changed = changedSource();
  if (changed) process.stderr.write(`cryo: warning: ${changed} changed after the command was built; run: npm run build:cli\n`);
  // Stack traces (CRYO_DEBUG) name the TypeScript source lines, through the bundle's source map.
  if (process.env.CRYO_DEBUG) process.setSourceMapsEnabled(true);
  const { main } = await import(bundle.href);
  process.exitCode = await main(process.argv.slice(2));
}

/**
 * The first source newer than the bundle, if any (a few hundred µs of stat calls): after a
 * `git pull` or an edit the bundle would otherwise run old code without a word. A source that
 * is absent (a copy of the built files only) is not a change.
 */
function changedSource() {
  try {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const builtMs = statSync(bundle).mtimeMs;
    for (const file of JSON.parse(readFileSync(new URL('../dist/inputs.json', import.meta.url), 'utf8'))) {
      const s = statSync(root + file, { throwIfNoEntry: false });
      if (s && s.mtimeMs > builtMs) return file;
    }
  } catch {
    // no list of inputs: nothing to compare against
  }
  return null;
}
