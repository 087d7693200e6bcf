/**
 * Each benchmark owns one marked section of docs/performance.md (<!-- name:start --> … <!-- name:end -->)
 * and replaces only that one, so benches run in any order, or alone, keep each other's figures.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const TITLE = '# Performance';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `doc` with the section `name` holding `body`: replaced where it is, or appended at the end when
 * the document has none yet. The body is written between the markers as given (trailing blank
 * lines trimmed); everything outside that section is kept byte for byte.
 */
export function replaceSection(doc: string, name: string, body: string): string {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`section name "${name}": use lower-case letters, digits and dashes`);
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const section = `${start}\n${body.replace(/\s+$/, '')}\n${end}`;
  const marked = new RegExp(`${escape(start)}[\\s\\S]*?${escape(end)}`);
  // A function replacement: the body's own `$` characters are not patterns.
  if (marked.test(doc)) return doc.replace(marked, () => section);
  const head = doc.trim() === '' ? `${TITLE}\n` : doc.replace(/\s+$/, '\n');
  return `${head}\n${section}\n`;
}

/** Writes `body` as section `name` of the document at `path` (created with its title if missing). */
export function writeSection(path: string, name: string, body: string): void {
  const old = existsSync(path) ? readFileSync(path, 'utf8') : '';
  writeFileSync(path, replaceSection(old, name, body));
}
