/**
 * Turns the scenario's objects into what the kernel sees: a material per cell
 * (tissue by depth, 0 for probe, vessel and shaft cells) and the boundary links
 * that couple tissue cells to the skin, the far field, probes and vessels.
 *
 * Probe and vessel surfaces are placed at sub-cell accuracy: each link carries
 * the distance s from the cell centre to where its grid line crosses the surface
 * (a Shortley–Weller cut). A tissue cell closer than half a cell to a surface is
 * absorbed into the solid, so s ≥ dx/2 and the time step is at most 1/3 shorter.
 * Radial links to an axisymmetric probe use the exact log-profile distance
 * r_face·ln(r_cell/a), which stays right when the probe is thinner than a cell.
 */
import type { Scenario, TissueProps } from '../../scenarios/schema.ts';
import { EngineInputError } from './engine-input-error.ts';
import type { Grid } from './grid.ts';
import { inShaft, probeShape, rayToSurface, vesselShape, type Shape } from './shapes.ts';

export const CELL = { TISSUE: 0, PROBE: 1, VESSEL: 2, SHAFT: 3, HALO: 255 } as const;
export const OWNER_SKIN = 0;
export const OWNER_FAR_FIELD = 1;
export const probeOwner = (p: number) => 2 + p;
export const vesselOwner = (s: Scenario, v: number) => 2 + s.probes.length + v;

export interface Links {
  cell: number[];
  owner: number[];
  aT: number[];
  s: number[];
  aQ: number[];
  vol: number[];
  /** host-only: the solid neighbour across a probe/vessel surface link (-1 otherwise) and the geometric distance to the surface (m) */
  solid: number[];
  sGeom: number[];
}

export interface CellMap {
  /** per padded cell: CELL.* */
  kind: Uint8Array;
  /** per padded cell: owner id of the solid it belongs to, -1 for tissue */
  solidOwner: Int16Array;
  /** per padded cell: kernel material (0 inactive, m+1 = materials[m]) */
  mat: Uint8Array;
  materials: TissueProps[];
  links: Links;
}

/** Tissue at each depth: layers override the base tissue, later layers override earlier ones. */
export function materialsOf(s: Scenario): { list: TissueProps[]; at(depthMm: number): number } {
  const list = [s.tissue, ...s.layers.map((l) => l.tissue)];
  return {
    list,
    at(depthMm) {
      for (let l = s.layers.length - 1; l >= 0; l--) {
        const layer = s.layers[l];
        if (depthMm >= layer.from_depth_mm && depthMm < layer.to_depth_mm) return l + 1;
      }
      return 0;
    },
  };
}

export function buildCellMap(s: Scenario, g: Grid): CellMap {
  const n = g.NX * g.NZ;
  const kind = new Uint8Array(n).fill(CELL.HALO);
  const solidOwner = new Int16Array(n).fill(-1);
  const mat = new Uint8Array(n);
  const materials = materialsOf(s);
  const mode = g.mode;
  const shapes: { owner: number; kind: number; shape: Shape }[] = [];
  s.probes.forEach((p, i) => {
    if (p.diameter_mm > 0) shapes.push({ owner: probeOwner(i), kind: CELL.PROBE, shape: probeShape(mode, p) });
  });
  s.vessels.forEach((v, i) => shapes.push({ owner: vesselOwner(s, i), kind: CELL.VESSEL, shape: vesselShape(v) }));
  const shapeOf = new Map(shapes.map((sh) => [sh.owner, sh]));

  for (let k = 0; k < g.nz; k++) {
    for (let i = 0; i < g.nx; i++) {
      const c = g.index(i, k);
      const a = g.xMm(i);
      const z = g.zMm(k);
      kind[c] = CELL.TISSUE;
      mat[c] = materials.at(z) + 1;
      for (const sh of shapes) {
        if (sh.shape.sdf(a, z) < 0) {
          kind[c] = sh.kind;
          solidOwner[c] = sh.owner;
          break;
        }
      }
      if (kind[c] === CELL.TISSUE && s.probes.some((p) => inShaft(mode, p, a, z))) kind[c] = CELL.SHAFT;
    }
  }
  // A probe thinner than the axis cell still needs a solid to couple to: the axis cells of its active segment.
  if (mode === 'axisymmetric') {
    s.probes.forEach((p, pi) => {
      if (p.diameter_mm <= 0) return;
      const zTop = p.tip_mm[2] - p.active_length_mm;
      for (let k = 0; k < g.nz; k++) {
        const z = g.zMm(k);
        const c = g.index(0, k);
        if (z >= zTop && z <= p.tip_mm[2] && kind[c] === CELL.TISSUE && p.diameter_mm / 2 < g.xMm(0)) {
          kind[c] = CELL.PROBE;
          solidOwner[c] = probeOwner(pi);
        }
      }
    });
  }

  const dirs = [
    { di: 1, dk: 0 }, { di: -1, dk: 0 }, { di: 0, dk: 1 }, { di: 0, dk: -1 },
  ];
  const isSolid = (c: number) => kind[c] === CELL.PROBE || kind[c] === CELL.VESSEL;
  // Distance along a grid line from a tissue cell to the surface of its solid neighbour.
  const cutDistanceMm = (i: number, k: number, di: number, dk: number, owner: number): number => {
    const sh = shapeOf.get(owner);
    const d = g.spacingMm;
    if (!sh) return d; // axis cells standing in for a sub-cell probe
    const hit = rayToSurface(sh.shape, g.xMm(i), g.zMm(k), di, dk, 2 * d);
    return hit ?? d;
  };
  for (let pass = 0; pass < 8; pass++) {
    let changed = false;
    for (let k = 0; k < g.nz; k++) {
      for (let i = 0; i < g.nx; i++) {
        const c = g.index(i, k);
        if (kind[c] !== CELL.TISSUE) continue;
        for (const { di, dk } of dirs) {
          const nb = c + di + g.NX * dk;
          if (!isSolid(nb)) continue;
          const sMm = cutDistanceMm(i, k, di, dk, solidOwner[nb]);
          // A cell exactly half a cell away stays tissue (no round-off absorption).
          if (sMm < g.spacingMm / 2 - 1e-9 * g.spacingMm) {
            kind[c] = kind[nb];
            solidOwner[c] = solidOwner[nb];
            changed = true;
            break;
          }
        }
      }
    }
    if (!changed) break;
  }
  for (let c = 0; c < n; c++) if (kind[c] !== CELL.TISSUE) mat[c] = 0;

  const links: Links = { cell: [], owner: [], aT: [], s: [], aQ: [], vol: [], solid: [], sGeom: [] };
  const add = (c: number, owner: number, aT: number, sM: number, aQ: number, solid = -1, sGeomM = sM) => {
    links.cell.push(c);
    links.owner.push(owner);
    links.aT.push(aT);
    links.s.push(sM);
    links.aQ.push(aQ);
    links.vol.push(g.vol[c % g.NX]);
    links.solid.push(solid);
    links.sGeom.push(sGeomM);
  };
  const dm = g.spacingM;
  const faceWeight = (c: number, di: number) => (di > 0 ? g.gE[c % g.NX] : di < 0 ? g.gW[c % g.NX] : 1);

  if (s.skin.boundary !== 'insulated') {
    for (let i = 0; i < g.nx; i++) {
      const c = g.index(i, 0);
      if (kind[c] === CELL.TISSUE) add(c, OWNER_SKIN, 1 / dm, dm / 2, 0);
    }
  }
  if (s.far_field.boundary === 'temperature') {
    for (let i = 0; i < g.nx; i++) {
      const c = g.index(i, g.nz - 1);
      if (kind[c] === CELL.TISSUE) add(c, OWNER_FAR_FIELD, 1 / dm, dm / 2, 0);
    }
    for (let k = 0; k < g.nz; k++) {
      const east = g.index(g.nx - 1, k);
      if (kind[east] === CELL.TISSUE) add(east, OWNER_FAR_FIELD, faceWeight(east, 1) / dm, dm / 2, 0);
      if (mode === 'planar') {
        const west = g.index(0, k);
        if (kind[west] === CELL.TISSUE) add(west, OWNER_FAR_FIELD, faceWeight(west, -1) / dm, dm / 2, 0);
      }
    }
  }

  // Probe and vessel surfaces.
  const surfaceLinkStart = links.cell.length;
  for (let k = 0; k < g.nz; k++) {
    for (let i = 0; i < g.nx; i++) {
      const c = g.index(i, k);
      if (kind[c] !== CELL.TISSUE) continue;
      for (const { di, dk } of dirs) {
        const nb = c + di + g.NX * dk;
        if (!isSolid(nb)) continue;
        const owner = solidOwner[nb];
        const sGeomM = cutDistanceMm(i, k, di, dk, owner) * 1e-3;
        let sM = sGeomM;
        const pIndex = owner - 2;
        if (mode === 'axisymmetric' && di < 0 && pIndex >= 0 && pIndex < s.probes.length) {
          const radiusM = (s.probes[pIndex].diameter_mm / 2) * 1e-3;
          const rCell = g.xMm(i) * 1e-3;
          // Only where the ray meets the probe's side wall is the exact cylindrical distance the right one.
          if (Math.abs(sGeomM - (rCell - radiusM)) < 1e-6 * dm) sM = (rCell - dm / 2) * Math.log(rCell / radiusM);
        }
        add(c, owner, faceWeight(c, di) / dm, sM, 0, nb, sGeomM);
      }
    }
  }
  // Line-sink power is shared by a probe's surface faces in proportion to their area.
  s.probes.forEach((p, pi) => {
    const owner = probeOwner(pi);
    const lengthM = mode === 'axisymmetric' ? p.active_length_mm * 1e-3 : 1;
    if (p.diameter_mm > 0) {
      let areaSum = 0;
      for (let l = surfaceLinkStart; l < links.cell.length; l++) {
        if (links.owner[l] === owner) areaSum += links.aT[l] * links.vol[l];
      }
      if (areaSum === 0) {
        throw new EngineInputError([{
          path: `probes[${pi}].diameter_mm`,
          message: `the probe (${p.diameter_mm} mm) touches no tissue cell at ${g.spacingMm} mm spacing; use a finer geometry.spacing_mm or check its position`,
        }]);
      }
      for (let l = surfaceLinkStart; l < links.cell.length; l++) {
        if (links.owner[l] === owner) links.aQ[l] = ((links.aT[l] * links.vol[l]) / areaSum) * lengthM / links.vol[l];
      }
    } else {
      addLinePower(s, g, kind, pi, add);
    }
  });
  return { kind, solidOwner, mat, materials: materials.list, links };
}

/** A zero-diameter line sink: its power spread over the cells around the line (bilinear in planar, along the axis in axisymmetric). */
function addLinePower(
  s: Scenario, g: Grid, kind: Uint8Array, pi: number,
  add: (c: number, owner: number, aT: number, sM: number, aQ: number) => void,
): void {
  const p = s.probes[pi];
  const owner = probeOwner(pi);
  const weights: { c: number; w: number }[] = [];
  if (g.mode === 'planar') {
    const fi = (p.tip_mm[0] - g.x0Mm) / g.spacingMm;
    const fk = (p.tip_mm[2] - g.spacingMm / 2) / g.spacingMm;
    const i0 = Math.floor(fi);
    const k0 = Math.floor(fk);
    for (const [i, k, w] of [
      [i0, k0, (1 - (fi - i0)) * (1 - (fk - k0))], [i0 + 1, k0, (fi - i0) * (1 - (fk - k0))],
      [i0, k0 + 1, (1 - (fi - i0)) * (fk - k0)], [i0 + 1, k0 + 1, (fi - i0) * (fk - k0)],
    ] as const) {
      const ic = Math.min(Math.max(i, 0), g.nx - 1);
      const kc = Math.min(Math.max(k, 0), g.nz - 1);
      if (w > 0) weights.push({ c: g.index(ic, kc), w }); // metres of line per metre of depth: 1
    }
  } else {
    const zTop = p.tip_mm[2] - p.active_length_mm;
    for (let k = 0; k < g.nz; k++) {
      const lo = Math.max(zTop, g.zMm(k) - g.spacingMm / 2);
      const hi = Math.min(p.tip_mm[2], g.zMm(k) + g.spacingMm / 2);
      if (hi > lo) weights.push({ c: g.index(0, k), w: (hi - lo) * 1e-3 });
    }
  }
  const usable = weights.filter(({ c }) => kind[c] === CELL.TISSUE);
  const total = weights.reduce((a, b) => a + b.w, 0);
  const usableTotal = usable.reduce((a, b) => a + b.w, 0);
  if (usableTotal === 0) {
    throw new EngineInputError([{ path: `probes[${pi}].tip_mm`, message: 'the line sink lies in no tissue cell; move it into the tissue' }]);
  }
  for (const { c, w } of usable) add(c, owner, 0, 1, (w * total) / usableTotal / g.vol[c % g.NX]);
}
