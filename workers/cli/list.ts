/**
 * Text for `cryo list`: the built-in scenarios, device presets and tissue
 * presets a scenario file can name.
 */
import { BUILTIN_SCENARIOS } from '../../scenarios/builtin.ts';
import { DEVICE_PRESETS, TISSUE_PRESETS } from '../../scenarios/presets.ts';

export function listText(): string {
  const out: string[] = [];
  const section = (title: string, rows: [string, string][]) => {
    const width = Math.max(...rows.map(([id]) => id.length));
    out.push(title);
    for (const [id, text] of rows) out.push(`  ${id.padEnd(width)}  ${text}`);
    out.push('');
  };
  section('Built-in scenarios (cryo run <id>):', Object.entries(BUILTIN_SCENARIOS).map(([id, s]) => [id, s.name]));
  section('Devices (probes[].device):', Object.entries(DEVICE_PRESETS).map(([id, d]) => [
    id, `${d.label}; ${d.diameter_mm} mm, active ${d.active_length_mm} mm, ${describeSurface(d.surface)}`,
  ]));
  section('Tissue presets (tissue.preset):', Object.entries(TISSUE_PRESETS).map(([id, t]) => [id, t.label]));
  return out.join('\n');
}

function describeSurface(s: (typeof DEVICE_PRESETS)[string]['surface']): string {
  if (s.model === 'temperature') return `surface ${s.temperature_c} °C`;
  if (s.model === 'convective') return `gas ${s.gas_c} °C, h ${s.h_w_m2k} W/m²/K`;
  if (s.model === 'trace') return `measured surface trace, ${s.points.length} points`;
  return `line sink ${s.w_per_m} W/m`;
}
