/**
 * `cryo run --vti PREFIX [--vti-times 60,120]`: writes the whole temperature field (2D or 3D) at
 * the chosen times as VTK image data, PREFIX-t60s.vti, …, and PREFIX.pvd listing them, which
 * ParaView opens as a time series (workers/export/vti.ts). Fields exist at output times only
 * (`output.interval_s`), so each requested time is taken at the nearest one, and the command
 * says which. Without --vti-times: the end of the last freeze (the largest ice), else the end.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Scenario } from '../../scenarios/schema.ts';
import type { Field } from '../engine/analysis/field.ts';
import { pvdXml, vtiFromField, type FullField } from '../export/vti.ts';
import { UsageError } from './args.ts';

export interface VtiOption {
  onOutputField: (field: Field, time_s: number, cellKind: Uint8Array) => void;
  /** writes the files and returns one line per file for stderr */
  write(): string[];
}

/** The run's output times, as run.ts makes them: every interval from 0, and the end. */
function outputTimes(s: Scenario): number[] {
  const total = s.protocol.reduce((t, p) => t + p.duration_s, 0);
  const out: number[] = [];
  for (let i = 0; i * s.output.interval_s < total - 1e-9; i++) out.push(i * s.output.interval_s);
  out.push(total);
  return out;
}

function defaultTime(s: Scenario): number {
  let t = 0;
  let lastFreezeEnd: number | null = null;
  for (const p of s.protocol) {
    t += p.duration_s;
    if (p.phase === 'freeze') lastFreezeEnd = t;
  }
  return lastFreezeEnd ?? t;
}

const label = (t: number) => String(Number(t.toFixed(3))).replace('.', 'p');

export function vtiOption(prefix: string | undefined, timesText: string | undefined, s: Scenario): VtiOption | undefined {
  if (prefix === undefined) {
    if (timesText !== undefined) throw new UsageError('--vti-times needs --vti PREFIX (where to write the .vti files)');
    return undefined;
  }
  if (prefix.trim() === '' || prefix.endsWith('/')) throw new UsageError(`--vti needs a file prefix such as out/field (got "${prefix}")`);
  const outputs = outputTimes(s);
  const total = outputs[outputs.length - 1];
  const wanted = timesText === undefined ? [String(defaultTime(s))] : timesText.split(',').map((x) => x.trim());
  // output time → the time asked for
  const chosen = new Map<number, number>();
  for (const w of wanted) {
    const t = Number(w);
    if (w === '' || !Number.isFinite(t) || t < 0 || t > total + 1e-9) {
      throw new UsageError(`--vti-times: "${w}" is not a time between 0 and ${total} s (the protocol's length); give seconds, e.g. --vti-times 60,${total}`);
    }
    let best = outputs[0];
    for (const o of outputs) if (Math.abs(o - t) < Math.abs(best - t)) best = o;
    chosen.set(best, t);
  }
  // Kept as float32 (what the file holds): a 30-million-cell 3D field is 120 MB a time.
  const kept = new Map<number, { field: FullField; kind: Uint8Array }>();
  return {
    onOutputField(field, time_s, cellKind) {
      for (const t of chosen.keys()) {
        if (Math.abs(t - time_s) < 1e-6 && !kept.has(t)) {
          kept.set(t, { field: { ...field, values: Float32Array.from(field.values) }, kind: Uint8Array.from(cellKind) });
        }
      }
    },
    write() {
      const dir = dirname(prefix);
      if (dir && dir !== '.') mkdirSync(dir, { recursive: true });
      const lines: string[] = [];
      const entries: { time_s: number; file: string }[] = [];
      for (const [t, asked] of [...chosen].sort((a, b) => a[0] - b[0])) {
        const got = kept.get(t);
        if (!got) continue;
        const file = `${prefix}-t${label(t)}s.vti`;
        writeFileSync(file, vtiFromField(got.field, t, got.kind, `${s.name} (${s.geometry.mode}, ${s.geometry.spacing_mm} mm grid) at t = ${t} s`));
        entries.push({ time_s: t, file: basename(file) });
        const note = Math.abs(asked - t) > 1e-9 ? ` (nearest output to ${asked} s; outputs are every ${s.output.interval_s} s)` : '';
        lines.push(`cryo: wrote ${file}: temperature field at t = ${t} s, ${got.field.nx}×${got.field.ny}×${got.field.nz} points${note}`);
      }
      writeFileSync(`${prefix}.pvd`, pvdXml(entries));
      lines.push(`cryo: wrote ${prefix}.pvd (open it in ParaView for the ${entries.length} time(s))`);
      return lines;
    },
  };
}
