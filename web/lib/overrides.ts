/**
 * Per-protocol anatomy variants: a protocol may replace the shared anatomy's
 * bulk tissue (another tissue, or perfusion off), skin protection, nerve,
 * vessels or geometry for its own runs only, so "perfusion off / on", "vessel
 * near / far" or "nerve closer / further" run side by side as two protocols on
 * otherwise the same anatomy. Everything else stays shared. An edit in the editor to an overridden field changes the variant,
 * never the shared anatomy.
 */
import type { Geometry, Nerve, ScenarioFile, SkinBoundary, TissueSpec, Vessel } from '../../scenarios/schema.ts';
import type { Anatomy } from './workspace.ts';

export interface AnatomyOverrides {
  tissue?: TissueSpec;
  skin?: SkinBoundary;
  nerve?: Nerve;
  vessels?: Vessel[];
  /** replaces the shared geometry (a vessel needs a 3D model) */
  geometry?: Geometry;
}

const OVERRIDE_KEYS = ['tissue', 'skin', 'nerve', 'vessels', 'geometry'] as const;

/** Assumption lines the variant adds to a file start with this (and are dropped again on edit). */
export const VARIANT_PREFIX = 'variant for this protocol only: ';

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Overrides read back from a save: the usable fields, or undefined when none are. */
export function asOverrides(v: unknown): AnatomyOverrides | undefined {
  if (!isObj(v)) return undefined;
  const out: AnatomyOverrides = {};
  if (isObj(v.tissue)) out.tissue = v.tissue as TissueSpec;
  if (isObj(v.skin) && typeof v.skin.boundary === 'string') out.skin = v.skin as SkinBoundary;
  if (isObj(v.nerve) && Array.isArray(v.nerve.center_mm)) out.nerve = v.nerve as unknown as Nerve;
  if (Array.isArray(v.vessels) && v.vessels.every(isObj)) out.vessels = v.vessels as unknown as Vessel[];
  if (isObj(v.geometry) && typeof v.geometry.mode === 'string') out.geometry = v.geometry as unknown as Geometry;
  return Object.keys(out).length ? out : undefined;
}

/** Words for a variant, for the protocol list and the file's assumptions. */
export function describeOverrides(o: AnatomyOverrides | undefined, names: { tissue?: (t: TissueSpec) => string; skin?: (s: SkinBoundary) => string } = {}): string {
  if (!o) return '';
  const parts: string[] = [];
  if (o.tissue) parts.push(`tissue ${names.tissue ? names.tissue(o.tissue) : JSON.stringify(o.tissue)}`);
  if (o.skin) parts.push(`skin ${names.skin ? names.skin(o.skin) : o.skin.boundary}`);
  if (o.nerve) parts.push(`nerve centre at x ${o.nerve.center_mm[0]} mm, depth ${o.nerve.center_mm[2]} mm`);
  if (o.vessels) parts.push(o.vessels.length ? o.vessels.map((v) => `vessel ${v.diameter_mm} mm across at x ${v.center_mm[0]} mm, depth ${v.center_mm[2]} mm`).join(', ') : 'no vessels');
  if (o.geometry) parts.push(`${o.geometry.mode} model ${o.geometry.size_mm.join(' × ')} mm, grid ${o.geometry.spacing_mm} mm`);
  return parts.join('; ');
}

/**
 * Short words for a run label, so two variants never look alike: the workbench's run labels
 * (cryo-workbench.ts `short`) name tissue and skin; nerve, vessel and geometry variants need these.
 */
export function variantLabelWords(o: AnatomyOverrides | undefined): string[] {
  if (!o) return [];
  const out: string[] = [];
  if (o.vessels) out.push(o.vessels.length ? `vessel ${o.vessels.map((v) => `x ${v.center_mm[0]} mm`).join(', ')}` : 'no vessel');
  if (o.nerve) out.push(`nerve at x ${o.nerve.center_mm[0]} mm`);
  if (o.geometry) out.push(o.geometry.mode === '3d' ? '3D' : o.geometry.mode);
  return out;
}

/** The protocol's scenario with its variant applied (the shared anatomy's fields replaced). */
export function withOverrides(file: ScenarioFile, o: AnatomyOverrides | undefined, words = describeOverrides(o)): ScenarioFile {
  if (!o || !Object.keys(o).length) return file;
  const out: ScenarioFile = { ...file };
  if (o.tissue) out.tissue = structuredClone(o.tissue);
  if (o.nerve) out.nerve = structuredClone(o.nerve);
  if (o.vessels) out.vessels = structuredClone(o.vessels);
  if (o.geometry) out.geometry = structuredClone(o.geometry);
  if (o.skin) {
    out.skin = structuredClone(o.skin);
    // The paper's skin protection no longer describes this run.
    if (out.adjuncts?.skin) {
      const { skin: _paper, ...rest } = out.adjuncts;
      if (Object.keys(rest).length) out.adjuncts = rest;
      else delete out.adjuncts;
      out.assumptions = (out.assumptions ?? []).filter((a) => !a.startsWith('skin:') && !/skin protection/i.test(a));
    }
  }
  out.assumptions = [...(out.assumptions ?? []), `${VARIANT_PREFIX}${words}`];
  return out;
}

/**
 * An edited scenario of a protocol with a variant: the overridden fields go back to the
 * variant and the file gets the shared anatomy's values there, so splitting it leaves the
 * shared anatomy as it was.
 */
export function keepOverridesOnEdit(file: ScenarioFile, o: AnatomyOverrides | undefined, shared: Anatomy): { file: ScenarioFile; overrides: AnatomyOverrides | undefined } {
  const cleaned: ScenarioFile = { ...file, assumptions: (file.assumptions ?? []).filter((a) => !a.startsWith(VARIANT_PREFIX)) };
  if (!cleaned.assumptions!.length) delete cleaned.assumptions;
  if (!o) return { file: cleaned, overrides: undefined };
  const next: AnatomyOverrides = {};
  for (const k of OVERRIDE_KEYS) {
    if (!o[k]) continue;
    (next as Record<string, unknown>)[k] = structuredClone(file[k] ?? o[k]);
    if (shared[k] !== undefined) (cleaned as unknown as Record<string, unknown>)[k] = structuredClone(shared[k]);
    else delete (cleaned as unknown as Record<string, unknown>)[k];
  }
  return { file: cleaned, overrides: next };
}
