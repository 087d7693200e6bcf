#!/usr/bin/env node
// Entry point of the `cryo` command: runs the CLI built into plain JavaScript by
// `npm run build:cli` (workers/cli/build.mjs, run at install), so no TypeScript loader starts.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cli.mjs', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('cryo: the command is not built yet (workers/dist/cli.mjs is missing); run: npm run build:cli\n');
  process.exitCode = 1;
} else {
  const { main } = await import(bundle.href);
  process.exitCode = await main(process.argv.slice(2));
}
