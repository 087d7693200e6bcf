/**
 * `"preset_ranges"` in the uncertainty section: every number of a used preset (the tissue's,
 * each layer's, each probe's device) that has a published low/high range in presets.ts becomes
 * an uncertain input — triangular with its mode at the preset value (default), or uniform over
 * the range. Numbers the file sets itself keep the file's value (the range belongs to the
 * preset's value, not the user's), and numbers without a range stay fixed; both are listed
 * with the reason in the resolved section's `preset_ranges.fixed`, so a study says plainly
 * what it did not vary.
 */
import { at, describe, isRecord, Issues, knownKeys } from './checks.ts';
import { DEVICE_PRESETS, ENSEMBLE_LIMITS, TISSUE_PRESETS, type Range } from './presets.ts';
import type { PresetRangesSummary, TissuePresetId, UncertainInput } from './schema.ts';

const PRESET_GROUPS = ['tissue', 'layers', 'probes'] as const;
type Group = (typeof PRESET_GROUPS)[number];
const SHAPES = ['triangular', 'uniform'] as const;
const FIELD = 'uncertainty.preset_ranges';
const EXAMPLE = 'true, a list of groups like ["tissue", "probes"], or {"groups": ["tissue"], "distribution": "uniform"}';

export interface PresetRequest {
  groups: Group[];
  distribution: (typeof SHAPES)[number];
  /** paths a previous resolution added (a resolved section validated again keeps them as added) */
  added: string[];
}

/** The request, null when absent or false, undefined with issues. */
export function checkPresetRanges(iss: Issues, value: unknown): PresetRequest | null | undefined {
  if (value === undefined || value === false) return null;
  if (value === true) return { groups: [...PRESET_GROUPS], distribution: 'triangular', added: [] };
  const groupsOf = (path: string, v: unknown): Group[] | undefined => {
    if (!Array.isArray(v) || v.length === 0 || v.some((g) => !(PRESET_GROUPS as readonly unknown[]).includes(g))) {
      iss.add(path, `must be a non-empty list of preset groups from ${PRESET_GROUPS.map((g) => `"${g}"`).join(', ')}, got ${describe(v)}`);
      return undefined;
    }
    return [...new Set(v as Group[])];
  };
  if (Array.isArray(value)) {
    const groups = groupsOf(FIELD, value);
    return groups && { groups, distribution: 'triangular', added: [] };
  }
  if (!isRecord(value)) {
    iss.add(FIELD, `must be ${EXAMPLE}; got ${describe(value)}`);
    return undefined;
  }
  knownKeys(iss, FIELD, value, ['groups', 'distribution', 'added', 'fixed'], 'preset_ranges');
  const groups = value.groups === undefined ? [...PRESET_GROUPS] : groupsOf(at(FIELD, 'groups'), value.groups);
  const distribution = value.distribution ?? 'triangular';
  if (!(SHAPES as readonly unknown[]).includes(distribution)) {
    iss.add(at(FIELD, 'distribution'), `must be "triangular" (mode at the preset value) or "uniform" (flat over the range), got ${describe(distribution)}`);
    return undefined;
  }
  // `added` only matters when a resolved section is validated again; a longer list cannot be one.
  const added = Array.isArray(value.added) && value.added.length <= ENSEMBLE_LIMITS.maxExpandedInputs ? value.added.filter((p): p is string => typeof p === 'string') : [];
  return groups && { groups, distribution: distribution as PresetRequest['distribution'], added };
}

interface Candidate {
  path: string;
  value: unknown;
  range?: Range;
  /** set in the file itself */
  own: boolean;
}

/** The inputs the request adds (skipping paths in `explicit`), and the summary; issues for a named group with nothing to vary. */
export function presetRangeInputs(
  iss: Issues,
  request: PresetRequest,
  file: Record<string, unknown>,
  explicit: ReadonlySet<string>,
): { inputs: UncertainInput[]; summary: PresetRangesSummary } {
  const inputs: UncertainInput[] = [];
  const fixed: PresetRangesSummary['fixed'] = [];
  const added: string[] = [];
  const take = (group: Group, candidates: Candidate[]) => {
    let count = 0;
    for (const c of candidates) {
      if (typeof c.value !== 'number') continue;
      if (explicit.has(c.path) && !request.added.includes(c.path)) {
        fixed.push({ path: c.path, why: 'listed in "inputs": the explicit distribution is used' });
        continue;
      }
      if (explicit.has(c.path)) {
        added.push(c.path); // already expanded by an earlier resolution of this section
        count++;
        continue;
      }
      if (c.own) fixed.push({ path: c.path, why: 'set in the scenario file; the published range belongs to the preset value' });
      else if (!c.range) fixed.push({ path: c.path, why: 'the preset gives no range for this number' });
      else if (c.range.low === c.range.high) fixed.push({ path: c.path, why: 'the preset range has zero width' });
      else {
        const { low, high } = c.range;
        const v = c.value;
        inputs.push(
          request.distribution === 'triangular' && low <= v && v <= high
            ? { path: c.path, distribution: 'triangular', min: low, mode: v, max: high }
            : { path: c.path, distribution: 'uniform', min: low, max: high },
        );
        added.push(c.path);
        count++;
      }
    }
    return count;
  };
  const empty = (group: Group, why: string) => {
    fixed.push({ path: group, why });
    if (request.groups.length < PRESET_GROUPS.length) iss.add(FIELD, `the group "${group}" has nothing to vary: ${why}; drop it from the list or give inputs explicitly`);
  };

  const tissueCandidates = (spec: unknown, prefix: string): Candidate[] | string => {
    if (!isRecord(spec) || typeof spec.preset !== 'string') return `${prefix} has no "preset" to take ranges from`;
    const preset = TISSUE_PRESETS[spec.preset as TissuePresetId];
    if (!preset) return `${prefix}.preset is not a tissue preset`;
    return Object.entries(preset.props).map(([key, p]) => ({ path: `${prefix}.${key}`, value: p.value, range: p.range, own: spec[key] !== undefined }));
  };

  for (const group of request.groups) {
    if (group === 'tissue') {
      const c = tissueCandidates(file.tissue, 'tissue');
      if (typeof c === 'string') empty(group, c);
      else if (take(group, c) === 0) empty(group, `tissue preset "${(file.tissue as { preset: string }).preset}" gives no range for any number the file leaves to it`);
    } else if (group === 'layers') {
      const layers = Array.isArray(file.layers) ? file.layers : [];
      if (layers.length === 0) empty(group, 'the scenario has no layers');
      let count = 0;
      layers.forEach((layer, j) => {
        const c = tissueCandidates(isRecord(layer) ? layer.tissue : undefined, `layers[${j}].tissue`);
        if (typeof c === 'string') fixed.push({ path: `layers[${j}].tissue`, why: c });
        else count += take(group, c);
      });
      if (layers.length > 0 && count === 0) empty(group, 'no layer uses a preset with ranges');
    } else {
      const probes = Array.isArray(file.probes) ? file.probes : [];
      let count = 0;
      probes.forEach((probe, i) => {
        const spec = isRecord(probe) ? probe : {};
        const id = spec.device;
        const device = typeof id === 'string' ? DEVICE_PRESETS[id] : undefined;
        if (!device) return void fixed.push({ path: `probes[${i}]`, why: typeof id === 'string' ? `"${id}" is not a device preset` : 'no device preset: its numbers are the file\'s own' });
        if (!device.provenance) return void fixed.push({ path: `probes[${i}]`, why: `device preset "${id}" records no ranges yet` });
        const surface = isRecord(spec.surface) ? spec.surface : {};
        const ownModel = surface.model !== undefined && surface.model !== device.surface.model;
        const candidates: Candidate[] = [];
        for (const [key, n] of Object.entries(device.provenance)) {
          const path = `probes[${i}].${key}`;
          if (key.startsWith('surface.')) {
            const field = key.slice('surface.'.length);
            if (ownModel) {
              fixed.push({ path, why: `the file gives its own surface model "${String(surface.model)}"` });
              continue;
            }
            candidates.push({ path, value: (device.surface as Record<string, unknown>)[field], range: n.range, own: surface[field] !== undefined });
          } else candidates.push({ path, value: (device as unknown as Record<string, unknown>)[key], range: n.range, own: spec[key] !== undefined });
        }
        count += take(group, candidates);
      });
      if (probes.length > 0 && count === 0) empty(group, 'no probe uses a device preset with ranges');
    }
  }
  return { inputs, summary: { groups: request.groups, distribution: request.distribution, added, fixed } };
}
