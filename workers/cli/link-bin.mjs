// Puts the `cryo` command into node_modules/.bin (`npm run link:cli`, run by `prepare` at install).
//
// Why not package.json "bin": npm 11 does not link a project's own bin at `npm ci`, so `npx cryo`
// then resolves the project as a package — it installs it into npx's cache on first use (seconds)
// and reads the whole package tree on every call (~0.7 s measured, docs/performance.md). With the
// link in node_modules/.bin, npx finds `cryo` the way it finds `vite` or `asc`.
//
// Usage: node workers/cli/link-bin.mjs
import { chmodSync, lstatSync, mkdirSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Relative, so the link survives moving or copying the checkout. */
export const LINK_TARGET = '../../workers/cli/cryo.mjs';
export const LINK_PATH = join(ROOT, 'node_modules', '.bin', 'cryo');

/** Creates or repairs the link; returns what it did. */
export function linkCli() {
  const entry = join(ROOT, 'workers', 'cli', 'cryo.mjs');
  chmodSync(entry, 0o755); // a checkout without file modes (zip download) would otherwise not run it
  let existing = null;
  try {
    existing = lstatSync(LINK_PATH).isSymbolicLink() ? readlinkSync(LINK_PATH) : 'file';
  } catch {
    // no link yet
  }
  if (existing === LINK_TARGET) return 'kept';
  mkdirSync(join(ROOT, 'node_modules', '.bin'), { recursive: true });
  if (existing !== null) rmSync(LINK_PATH, { force: true });
  symlinkSync(LINK_TARGET, LINK_PATH);
  return existing === null ? 'linked' : 'relinked';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const what = linkCli();
    if (what !== 'kept') process.stderr.write(`cryo: ${what} node_modules/.bin/cryo → workers/cli/cryo.mjs\n`);
  } catch (e) {
    // Symlinks need extra rights on Windows; the command still runs as `node workers/cli/cryo.mjs`.
    process.stderr.write(`cryo: could not link node_modules/.bin/cryo (${e.message}); run the command as: node workers/cli/cryo.mjs\n`);
  }
}
