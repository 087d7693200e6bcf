/**
 * Checks the far field: one condition for the sides and the bottom of the domain
 * (`{"boundary": "temperature", "temperature_c": 37}`, `"insulated"`, or `"convective"`
 * with `ambient_c` and `h_w_m2k`), or `{"sides": {...}, "bottom": {...}}` with one each.
 */
import { at, describe, has, Issues, knownKeys, num, oneOf, record } from './checks.ts';
import { DEFAULT_FAR_FIELD } from './presets.ts';
import type { FarFieldBoundary, FarFieldSide } from './schema.ts';

const KINDS = ['temperature', 'insulated', 'convective'] as const;
const SIDE_KEYS: Record<FarFieldSide['boundary'], string[]> = {
  temperature: ['boundary', 'temperature_c'],
  insulated: ['boundary'],
  convective: ['boundary', 'ambient_c', 'h_w_m2k'],
};

function checkSide(iss: Issues, path: string, value: unknown): FarFieldSide | undefined {
  const b = record(iss, path, value, '{"boundary": "temperature", "temperature_c": 37}');
  if (!b) return undefined;
  const kind = oneOf(iss, at(path, 'boundary'), b.boundary, KINDS, 'the far-field boundary');
  if (!kind) return undefined;
  knownKeys(iss, path, b, SIDE_KEYS[kind], `a ${kind} far field`);
  if (kind === 'insulated') return { boundary: kind };
  if (kind === 'temperature') {
    const temperature_c = num(iss, at(path, 'temperature_c'), b.temperature_c, { gt: -273.15, max: 100 });
    return temperature_c === undefined ? undefined : { boundary: kind, temperature_c };
  }
  const ambient_c = num(iss, at(path, 'ambient_c'), b.ambient_c, { gt: -273.15, max: 100 });
  const h_w_m2k = num(iss, at(path, 'h_w_m2k'), b.h_w_m2k, {
    gt: 0,
    max: 1e6,
    hint: 'a dish wall or stirred liquid ≈ 10–1000; use "boundary": "insulated" for no exchange',
  });
  return ambient_c === undefined || h_w_m2k === undefined ? undefined : { boundary: kind, ambient_c, h_w_m2k };
}

export function checkFarField(iss: Issues, value: unknown): FarFieldBoundary | undefined {
  if (value === undefined) return { ...DEFAULT_FAR_FIELD };
  const b = record(iss, 'far_field', value, '{"boundary": "temperature", "temperature_c": 37} or {"sides": {...}, "bottom": {...}}');
  if (!b) return undefined;
  if (!has(b, 'sides') && !has(b, 'bottom')) return checkSide(iss, 'far_field', b);
  if (has(b, 'boundary')) {
    iss.add('far_field.boundary', `give either one condition ("boundary": ...) or "sides" and "bottom", not both; got boundary ${describe(b.boundary)}`);
    return undefined;
  }
  knownKeys(iss, 'far_field', b, ['sides', 'bottom'], 'a far field split into sides and bottom');
  const sides = checkSide(iss, 'far_field.sides', b.sides);
  const bottom = checkSide(iss, 'far_field.bottom', b.bottom);
  return sides && bottom ? { sides, bottom } : undefined;
}

/** The condition on the sides and on the bottom, whichever form the far field was written in. */
export function farFieldParts(f: FarFieldBoundary): { sides: FarFieldSide; bottom: FarFieldSide } {
  return 'sides' in f && f.sides ? { sides: f.sides, bottom: f.bottom } : { sides: f as FarFieldSide, bottom: f as FarFieldSide };
}
