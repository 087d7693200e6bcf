/**
 * Geometry-mode switches in the editor (web/lib/geometry-switch.ts): the size is
 * converted to the same tissue block in every direction, a switch to 3D gives
 * three numbers (not the old depth in the y box), the result validates, and the
 * notes say what changes (planar: the probe becomes an endless line).
 */
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../scenarios/validate.ts';
import { BUILTIN_SCENARIOS } from '../../scenarios/builtin.ts';
import { convertSize, switchGeometryMode } from '../../web/lib/geometry-switch.ts';
import type { ScenarioFile } from '../../scenarios/schema.ts';

describe('geometry mode switch', () => {
  it('converts the size to the same block', () => {
    expect(convertSize('axisymmetric', 'planar', [20, 40])).toEqual([40, 40]);
    expect(convertSize('axisymmetric', '3d', [20, 40])).toEqual([40, 40, 40]);
    expect(convertSize('planar', 'axisymmetric', [50, 30])).toEqual([25, 30]);
    expect(convertSize('3d', 'axisymmetric', [40, 30, 35])).toEqual([15, 35]);
    expect(convertSize('3d', 'planar', [40, 30, 35])).toEqual([30, 35]);
    // a broken size gets sensible defaults rather than NaN
    expect(convertSize('axisymmetric', '3d', ['x'])).toEqual([40, 40, 40]);
  });

  it('a built-in switched to 3D has three size numbers and validates; planar says the probe becomes a line', () => {
    const file = structuredClone(Object.values(BUILTIN_SCENARIOS)[0]) as ScenarioFile;
    expect(file.geometry.mode).toBe('axisymmetric');
    const to3d = switchGeometryMode({ ...file, geometry: { ...file.geometry, spacing_mm: 1 } }, '3d');
    expect(to3d.file.geometry.size_mm).toHaveLength(3);
    expect(to3d.file.geometry.size_mm[2]).toBe(file.geometry.size_mm[1]);
    const v = validateScenario(to3d.file);
    expect(v.ok ? [] : v.issues.filter((i) => i.path.startsWith('geometry'))).toEqual([]);
    const planar = switchGeometryMode(file, 'planar');
    expect(planar.notes.join(' ')).toMatch(/endless line/);
    expect(switchGeometryMode(file, 'axisymmetric')).toEqual({ file, notes: [] });
  });
});
