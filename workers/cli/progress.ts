/**
 * Progress of a run on stderr: one updating line on a terminal, an occasional
 * plain line otherwise (logs, CI), so output stays readable either way. The scenario's
 * name comes from the file, so its control characters are escaped before they reach the terminal.
 */
import { printable } from '../../scenarios/checks.ts';
import { RUN_OUTPUT } from '../../scenarios/presets.ts';
import type { Progress } from '../engine/run-types.ts';

export function progressPrinter(err: { write(text: string): unknown; isTTY?: boolean }, name: string) {
  let lastLineS = -Infinity;
  return (p: Progress) => {
    const pct = (p.fraction * 100).toFixed(0).padStart(3);
    const eta = p.eta_s === null ? '' : `, ~${Math.ceil(p.eta_s)} s left`;
    const text = `${printable(name)}: ${pct}% (${p.phase}, t = ${p.time_s.toFixed(0)}/${p.total_s.toFixed(0)} s${eta})`;
    if (err.isTTY) {
      err.write(`\r${text}\x1b[K`);
      if (p.fraction >= 1) err.write('\n');
    } else if (p.elapsed_s - lastLineS >= RUN_OUTPUT.log_line_every_s.value || p.fraction >= 1) {
      lastLineS = p.elapsed_s;
      err.write(text + '\n');
    }
  };
}
