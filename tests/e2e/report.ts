/**
 * What the browser reliability tests tried and what happened, one JSON line per
 * trial, for docs/reliability-browser.md. Only written when CRYO_BROWSER_REPORT
 * names a file (write-browser-reliability-report.ts sets it); in `npm test` the
 * calls cost nothing.
 */
import { appendFileSync } from 'node:fs';

export interface Trial {
  /** security, workers, saved work */
  area: 'security' | 'workers' | 'saved work';
  /** what was tried, in a few words */
  trial: string;
  /** the input or fault, as a reader would reproduce it */
  input: string;
  /** what happened, measured */
  outcome: string;
  pass: boolean;
}

export function record(trial: Trial): void {
  const file = process.env.CRYO_BROWSER_REPORT;
  if (file) appendFileSync(file, JSON.stringify(trial) + '\n');
}
