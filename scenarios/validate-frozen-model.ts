/**
 * Checks a frozen-property model (`tissue.k_frozen_model`, `tissue.c_frozen_model`):
 * "constant", "ice_law", or a user table `{ "table": [[temp_c, value], ...] }` —
 * at least two rows, temperatures strictly increasing, values finite and positive.
 */
import { at, describe, fmt, Issues, isRecord, knownKeys, list, num } from './checks.ts';
import { MAX_PROPERTY_TABLE_ROWS } from './presets.ts';
import type { FrozenPropertyModel } from './schema.ts';

const ABSOLUTE_ZERO_C = -273.15;
const NAMED = ['constant', 'ice_law'] as const;

/** `unit` and `max` describe the property's values (e.g. "W/m/K", 1000). */
export function checkFrozenModel(
  iss: Issues,
  path: string,
  value: unknown,
  unit: string,
  max: number,
): FrozenPropertyModel | undefined {
  if (typeof value === 'string' && (NAMED as readonly string[]).includes(value)) return value as FrozenPropertyModel;
  const example = `{"table": [[-150, 4.5], [-40, 2.6], [-1, 2.2]]}`;
  if (!isRecord(value)) {
    iss.add(path, `must be "constant", "ice_law" or ${example} ([temp_c, value in ${unit}] rows), got ${describe(value)}`);
    return undefined;
  }
  knownKeys(iss, path, value, ['table'], 'a frozen-property model');
  const tablePath = at(path, 'table');
  const rows = list(iss, tablePath, value.table, `of [temp_c, value in ${unit}] rows, e.g. [[-150, 4.5], [-1, 2.2]]`, {
    max: MAX_PROPERTY_TABLE_ROWS,
  });
  if (!rows) return undefined;
  if (rows.length < 2) {
    iss.add(tablePath, `needs at least 2 rows [temp_c, value], got ${rows.length}; for one value use "constant" and the *_frozen_* field`);
    return undefined;
  }
  const out: [number, number][] = [];
  let ok = true;
  rows.forEach((row, i) => {
    const rowPath = at(tablePath, i);
    if (!Array.isArray(row) || row.length !== 2) {
      iss.add(rowPath, `must be a pair [temp_c, value in ${unit}], got ${describe(row)}`);
      ok = false;
      return;
    }
    const t = num(iss, at(rowPath, 0), row[0], { gt: ABSOLUTE_ZERO_C, max: 100, hint: 'the temperature in °C' });
    const v = num(iss, at(rowPath, 1), row[1], { gt: 0, max, hint: `the property in ${unit}` });
    if (t === undefined || v === undefined) ok = false;
    else out.push([t, v]);
  });
  if (!ok) return undefined;
  for (let i = 1; i < out.length; i++) {
    if (!(out[i][0] > out[i - 1][0])) {
      iss.add(
        at(at(tablePath, i), 0),
        `temperatures must increase strictly from row to row: ${fmt(out[i][0])} °C follows ${fmt(out[i - 1][0])} °C; sort the rows by temperature`,
      );
      return undefined;
    }
  }
  return { table: out };
}
