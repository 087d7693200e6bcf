/**
 * Shared setup of the sweep tests: a tiny, coarse scenario (1 mm cells, two short freezes)
 * that runs in a few hundredths of a second, and a CSV reader that honours quoted fields.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const dir = mkdtempSync(join(tmpdir(), 'cryo-sweep-'));

export function tinyScenario(over: Record<string, unknown> = {}) {
  return {
    schema: 'cryo-scenario/1',
    name: 'tiny sweep base',
    geometry: { mode: 'axisymmetric', spacing_mm: 1, size_mm: [15, 30] },
    tissue: { preset: 'generic' },
    probes: [{ device: 'icesphere-17g', tip_mm: [0, 0, 18] }],
    protocol: [
      { phase: 'freeze', duration_s: 30 },
      { phase: 'passive_thaw', duration_s: 20 },
      { phase: 'freeze', duration_s: 30 },
    ],
    nerve: { center_mm: [4, 0, 16], direction: [0, 1, 0], diameter_mm: 2 },
    ...over,
  };
}

export function writeScenario(name: string, scenario: object): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(scenario));
  return path;
}

/** Rows of a CSV text (RFC 4180 quoting), header included; a trailing newline ends the last row. */
export function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows;
}

/** The CSV as objects keyed by header name. */
export function csvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = readCsv(text);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}
