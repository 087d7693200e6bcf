/**
 * What the anatomy panel's number fields do with what the user typed. A blank, a
 * typo or a value that puts the nerve outside the body is refused with a message
 * for that field and changes nothing; any other value is stored as typed (never
 * clamped). A value some protocol cannot sit with (a cold segment reaching above
 * the skin) makes that protocol invalid, with the validator's reason, and leaves
 * the others runnable.
 */
import type { Layer, Vec3 } from '../../scenarios/schema.ts';
import type { Anatomy } from './workspace.ts';

export type AnatomyField = 'nerve_depth_mm' | 'nerve_lateral_mm' | 'nerve_diameter_mm' | 'skin_layer_mm' | 'fat_layer_mm';

export interface FieldEdit {
  anatomy: Anatomy;
  /** the refusal shown beside the field (the anatomy is then unchanged) */
  error: string | null;
  /** set when the nerve centre moved (probes follow it unless asked not to) */
  nerveTo?: Vec3;
}

const WHAT: Record<AnatomyField, string> = {
  nerve_depth_mm: 'the depth of the nerve centre below the skin in mm, e.g. 20',
  nerve_lateral_mm: 'the distance from the probe axis to the nerve centre in mm, e.g. 2.5',
  nerve_diameter_mm: 'the nerve diameter in mm, e.g. 3',
  skin_layer_mm: 'the skin layer thickness in mm (0 = none)',
  fat_layer_mm: 'the fat layer thickness in mm (0 = none)',
};

const fmt = (v: number) => String(Math.round(v * 1000) / 1000);

export function editAnatomyField(anatomy: Anatomy, field: AnatomyField, text: string): FieldEdit {
  const refuse = (error: string): FieldEdit => ({ anatomy, error });
  const t = text.trim();
  if (t === '') return refuse(`empty: enter ${WHAT[field]}`);
  const v = Number(t);
  if (!Number.isFinite(v)) return refuse(`“${t.slice(0, 20)}” is not a number: enter ${WHAT[field]}`);
  const size = anatomy.geometry?.size_mm;
  const depth = Array.isArray(size) && typeof size[size.length - 1] === 'number' ? size[size.length - 1] : Infinity;
  const width = Array.isArray(size) && typeof size[0] === 'number' ? size[0] : Infinity;
  const axi = anatomy.geometry?.mode === 'axisymmetric';
  const n = anatomy.nerve;
  if (field === 'skin_layer_mm' || field === 'fat_layer_mm') {
    if (v < 0) return refuse(`must be 0 or more: enter ${WHAT[field]}`);
    const simple = simpleLayers(anatomy.layers);
    if (!simple) return refuse('the layers are custom; edit them in the editor');
    const next = field === 'skin_layer_mm' ? { ...simple, skin_mm: v } : { ...simple, fat_mm: v };
    if (next.skin_mm + next.fat_mm >= depth) return refuse(`the layers (${fmt(next.skin_mm + next.fat_mm)} mm) must be thinner than the ${fmt(depth)}-mm-deep model`);
    const layers = layersFor(next.skin_mm, next.fat_mm);
    const out: Anatomy = { ...anatomy, layers };
    if (!layers) delete out.layers;
    return { anatomy: out, error: null };
  }
  if (!n) return refuse('this anatomy has no nerve; add one in the editor');
  const r = n.diameter_mm / 2;
  const c: Vec3 = [...n.center_mm];
  if (field === 'nerve_depth_mm') {
    if (v - r <= 0 || v + r >= depth) {
      return refuse(`the ${fmt(n.diameter_mm)}-mm nerve must lie below the skin and inside the ${fmt(depth)}-mm-deep model: enter a depth between ${fmt(r)} and ${fmt(depth - r)} mm`);
    }
    c[2] = v;
    return { anatomy: { ...anatomy, nerve: { ...n, center_mm: c } }, error: null, nerveTo: c };
  }
  if (field === 'nerve_lateral_mm') {
    const max = axi ? width - r : width / 2 - r;
    if ((axi && v < 0) || Math.abs(v) >= max) {
      return refuse(`the nerve must lie inside the model: enter a distance ${axi ? 'from 0' : `between −${fmt(max)}`} ${axi ? 'up to' : 'and'} ${fmt(max)} mm`);
    }
    c[0] = v;
    return { anatomy: { ...anatomy, nerve: { ...n, center_mm: c } }, error: null, nerveTo: c };
  }
  const maxD = Math.min(2 * c[2], 2 * (depth - c[2]), 50);
  if (v <= 0 || v >= maxD) return refuse(`must be more than 0 and less than ${fmt(maxD)} mm, so the nerve stays below the skin and inside the model`);
  return { anatomy: { ...anatomy, nerve: { ...n, diameter_mm: v } }, error: null };
}

/** Skin and fat thicknesses if the layers are exactly [skin][fat] from the surface (either may be absent). */
export function simpleLayers(layers: Layer[] | undefined): { skin_mm: number; fat_mm: number } | null {
  const ls = layers ?? [];
  const plain = (l: Layer, preset: string) => l.tissue.preset === preset && Object.keys(l.tissue).length === 1;
  if (ls.length === 0) return { skin_mm: 0, fat_mm: 0 };
  if (ls.length === 1 && ls[0].from_depth_mm === 0) {
    if (plain(ls[0], 'skin')) return { skin_mm: ls[0].to_depth_mm, fat_mm: 0 };
    if (plain(ls[0], 'fat')) return { skin_mm: 0, fat_mm: ls[0].to_depth_mm };
  }
  if (ls.length === 2 && ls[0].from_depth_mm === 0 && plain(ls[0], 'skin') && plain(ls[1], 'fat') && ls[1].from_depth_mm === ls[0].to_depth_mm) {
    return { skin_mm: ls[0].to_depth_mm, fat_mm: ls[1].to_depth_mm - ls[1].from_depth_mm };
  }
  return null;
}

export function layersFor(skin_mm: number, fat_mm: number): Layer[] | undefined {
  const out: Layer[] = [];
  if (skin_mm > 0) out.push({ from_depth_mm: 0, to_depth_mm: skin_mm, tissue: { preset: 'skin' } });
  if (fat_mm > 0) out.push({ from_depth_mm: skin_mm, to_depth_mm: skin_mm + fat_mm, tissue: { preset: 'fat' } });
  return out.length ? out : undefined;
}

/** Which anatomy field a validator issue is about, for showing it beside that field. */
export function fieldOfIssue(path: string): AnatomyField | 'resolution' | null {
  if (path === 'nerve.center_mm[2]') return 'nerve_depth_mm';
  if (path === 'nerve.center_mm[0]' || path === 'nerve.center_mm[1]') return 'nerve_lateral_mm';
  if (path === 'nerve.diameter_mm') return 'nerve_diameter_mm';
  if (path.startsWith('layers')) return 'skin_layer_mm';
  if (path.startsWith('geometry')) return 'resolution';
  return null;
}
