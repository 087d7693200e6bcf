// The benchmarks' section writer: each replaces only its own marked section of docs/performance.md.
import { describe, expect, it } from 'vitest';
import { replaceSection } from './doc-section.ts';

const doc = [
  '# Performance',
  '',
  '<!-- a:start -->',
  'old a',
  '<!-- a:end -->',
  '',
  'between, by hand',
  '',
  '<!-- b:start -->',
  'old b $1',
  '<!-- b:end -->',
  '',
].join('\n');

describe('replaceSection', () => {
  it('replaces its own section in place and keeps every other byte', () => {
    const out = replaceSection(doc, 'a', 'new a\nsecond line\n\n');
    expect(out).toBe(doc.replace('old a', 'new a\nsecond line'));
  });

  it('keeps the other sections when run in any order', () => {
    const ab = replaceSection(replaceSection(doc, 'a', 'A2'), 'b', 'B2');
    const ba = replaceSection(replaceSection(doc, 'b', 'B2'), 'a', 'A2');
    expect(ab).toBe(ba);
    expect(ab).toContain('between, by hand');
    expect(ab).toContain('<!-- a:start -->\nA2\n<!-- a:end -->');
    expect(ab).toContain('<!-- b:start -->\nB2\n<!-- b:end -->');
  });

  it('appends a new section at the end and is idempotent', () => {
    const once = replaceSection(doc, 'c', 'C');
    expect(once.startsWith(doc.trimEnd())).toBe(true);
    expect(once.endsWith('<!-- c:start -->\nC\n<!-- c:end -->\n')).toBe(true);
    expect(replaceSection(once, 'c', 'C')).toBe(once);
  });

  it('takes `$` in a body literally', () => {
    expect(replaceSection(doc, 'b', "cost $& and $1 and $'")).toContain("<!-- b:start -->\ncost $& and $1 and $'\n<!-- b:end -->");
  });

  it('starts an empty document with the title', () => {
    expect(replaceSection('', 'a', 'A')).toBe('# Performance\n\n<!-- a:start -->\nA\n<!-- a:end -->\n');
  });

  it('does not take one section name for another that starts the same', () => {
    const d = replaceSection(replaceSection('', 'native-bench', 'N'), 'native', 'X');
    expect(d).toContain('<!-- native-bench:start -->\nN\n<!-- native-bench:end -->');
    expect(d).toContain('<!-- native:start -->\nX\n<!-- native:end -->');
  });
});
