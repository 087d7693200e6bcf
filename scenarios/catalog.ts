/**
 * What `cryo list` (and the UI's pickers) show: every built-in scenario, comparison set,
 * device preset and tissue preset, each with a one-line description.
 */
import { BUILTIN_COMPARISONS, BUILTIN_SCENARIOS } from './builtin.ts';
import { DEVICE_PRESETS, TISSUE_PRESETS } from './presets.ts';
import type { ProbeSurface } from './schema.ts';

export interface CatalogEntry {
  id: string;
  description: string;
}

export interface PresetCatalog {
  scenarios: CatalogEntry[];
  comparisons: CatalogEntry[];
  devices: CatalogEntry[];
  tissues: CatalogEntry[];
}

function surfaceText(s: ProbeSurface): string {
  if (s.model === 'temperature') return `surface held at ${s.temperature_c} °C`;
  if (s.model === 'convective') return `gas ${s.gas_c} °C, h ${s.h_w_m2k} W/m²/K`;
  if (s.model === 'trace') return `measured surface trace, ${s.points.length} points`;
  return `line sink ${s.w_per_m} W/m`;
}

export function listPresets(): PresetCatalog {
  return {
    scenarios: Object.entries(BUILTIN_SCENARIOS).map(([id, s]) => ({ id, description: s.name })),
    comparisons: Object.entries(BUILTIN_COMPARISONS).map(([id, c]) => ({
      id,
      description: `${c.name} (${c.protocols.length} protocols)`,
    })),
    devices: Object.entries(DEVICE_PRESETS).map(([id, d]) => ({
      id,
      description:
        `${d.label}: ${d.diameter_mm} mm, ${d.active_length_mm} mm cold segment, ${surfaceText(d.surface)}` +
        (d.estimates.length ? ` (estimates: ${d.estimates.join(', ')})` : ''),
    })),
    tissues: Object.entries(TISSUE_PRESETS).map(([id, t]) => {
      const p = t.props;
      return {
        id,
        description:
          `${t.label}: k ${p.k_unfrozen_w_mk.value}/${p.k_frozen_w_mk.value} W/m/K, ` +
          `perfusion ${Math.round(p.perfusion_w_m3k.value)} W/m³/K`,
      };
    }),
  };
}
