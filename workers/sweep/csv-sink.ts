/**
 * Writes sweep rows as CSV, one complete line per call, synchronously: a row is in the
 * file (the operating system's cache) as soon as its run finishes, so an interrupted or
 * killed sweep keeps every finished row and never a half-written one.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { SummaryValue } from './sweep-columns.ts';

/** Seven significant digits: far below solver error, and keeps files readable. */
function cell(v: SummaryValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(Number(v.toPrecision(7))) : String(v);
  const s = String(v).replace(/\r?\n/g, '; ');
  return /[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: readonly (SummaryValue | undefined)[]): string {
  return values.map(cell).join(',') + '\n';
}

export interface RowSink {
  write(line: string): void;
  close(): void;
}

/** A file (created or truncated), or the given stream when no path is given. */
export function openSink(path: string | undefined, stdout: { write(text: string): unknown }): RowSink {
  if (!path) return { write: (line) => void stdout.write(line), close: () => {} };
  const fd = openSync(path, 'w');
  let open = true;
  return {
    write: (line) => void writeSync(fd, line),
    close: () => {
      if (open) closeSync(fd);
      open = false;
    },
  };
}
