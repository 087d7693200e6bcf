/**
 * The map draws no isotherm inside a probe whose surface is warmer than it: the snapshots carry
 * each ghost cell's surface temperature, and the contour of a level reads that surface where it
 * and the ghost value fall on different sides of the level. On the GelMA cool-down (10 s in: the
 * surface at −22.6 °C, a tip ghost at −42 °C) no level colder than every tissue cell and every
 * surface has a cell at or below it; a level the surface has reached keeps its ghost crossings.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { ScenarioFile } from '../../scenarios/schema.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { runScenario } from '../../workers/engine/run.ts';
import { loadKernels } from '../../workers/node/kernel-node.ts';
import { CELL } from '../../workers/engine/boundaries.ts';
import { contourValues } from '../../web/components/temperature-map/contour-values.ts';
import { framesForStorage } from '../../web/lib/result-storage.ts';
import { makeRun } from './fixtures/results.ts';

describe('contourValues', () => {
  const t = Float32Array.from([-42, -3, 10]);
  const ghosts = { cells: Uint32Array.from([0]), surface_c: Float32Array.from([-22.6]) };

  it('a ghost colder than the level beside a warmer surface reads its surface', () => {
    expect([...contourValues(t, ghosts, -40)]).toEqual([Math.fround(-22.6), -3, 10]);
  });

  it('leaves the snapshot as it is where ghost and surface agree, or without ghosts', () => {
    expect(contourValues(t, ghosts, -20)).toBe(t);
    expect(contourValues(t, ghosts, 0)).toBe(t);
    expect(contourValues(t, undefined, -40)).toBe(t);
    expect([...t]).toEqual([-42, -3, 10]);
  });
});

describe('map snapshots of the GelMA cool-down', () => {
  it('carry ghost surfaces, and no contour colder than tissue and surface has a cell to pass', () => {
    const gelma: ScenarioFile = JSON.parse(readFileSync(new URL('../../scenarios/experiments/sarshoghi-icesphere-gelma.json', import.meta.url), 'utf8'));
    gelma.geometry.spacing_mm = 0.5;
    gelma.protocol = [{ phase: 'freeze', duration_s: 30 }];
    gelma.output = { ...(gelma.output ?? {}), interval_s: 2, isotherms_c: [0, -20, -40] };
    const v = validateScenario(gelma);
    if (!v.ok) throw new Error('invalid');
    const { result, frames } = runScenario(v.scenario, loadKernels(), { frames: true });
    expect(frames!.ghosts).toHaveLength(frames!.times_s.length);
    let spurious = 0;
    let checked = 0;
    let withGhosts = 0;
    frames!.temperatures_c.forEach((T, ti) => {
      const ghosts = frames!.ghosts![ti];
      if (ghosts.cells.length) withGhosts++;
      let coldestTissue = Infinity;
      T.forEach((x, c) => frames!.cell_kind[c] === CELL.TISSUE && (coldestTissue = Math.min(coldestTissue, x)));
      const coldest = Math.min(coldestTissue, ...result.probes.map((p) => p.surface_c[ti]), ...ghosts.surface_c);
      for (const level of [-40, -30, -20]) {
        if (level >= coldest) continue;
        checked++;
        if (T.some((x) => x <= level)) spurious++; // what the map drew before
        expect(contourValues(T, ghosts, level).some((x) => x <= level), `${level} °C at ${frames!.times_s[ti]} s`).toBe(false);
      }
    });
    expect(withGhosts).toBe(frames!.times_s.length - 1); // all but t = 0, where ghosts equal their surfaces
    expect(checked).toBeGreaterThan(10);
    expect(spurious).toBeGreaterThan(0);
  });
});

describe('stored snapshots', () => {
  it('keep each snapshot\'s ghosts with it when thinned to a byte budget', () => {
    const n = 100;
    const frames = {
      nx: 10, nz: 10, spacing_mm: 1, x0_mm: 0.5, z0_mm: 0.5,
      times_s: Array.from({ length: n }, (_, i) => i * 10),
      temperatures_c: Array.from({ length: n }, () => new Float32Array(100)),
      ghosts: Array.from({ length: n }, (_, i) => ({ cells: Uint32Array.from([0]), surface_c: Float32Array.from([-i]) })),
      cell_kind: new Uint8Array(100),
    };
    const thin = framesForStorage([makeRun('a', { frames })], 400 * 50).runs[0].frames!;
    expect(thin.ghosts).toHaveLength(thin.times_s.length);
    thin.times_s.forEach((t, i) => expect(thin.ghosts![i].surface_c[0]).toBe(-t / 10));
  });
});
