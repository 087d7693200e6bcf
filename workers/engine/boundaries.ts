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
import type { Scenario, TissueProps, Vec3 } from '../../scenarios/schema.ts';
import { farFieldParts } from '../../scenarios/validate-far-field.ts';
import { ScenarioInputError } from '../../scenarios/input-error.ts';
import type { Grid } from './grid.ts';
import { probeShape, rayToSurface, shaftTest, vesselShape, type Shape } from './shapes.ts';
import { coldestImposedC, hasFrozenTable } from '../../scenarios/frozen-properties.ts';
import { buildFrozenTable, type FrozenTable } from './frozen-table.ts';

export const CELL = { TISSUE: 0, PROBE: 1, VESSEL: 2, SHAFT: 3, HALO: 255 } as const;
export const OWNER_SKIN = 0;
/** The far field's bottom face (and, in the one-condition form, the same condition as its sides). */
export const OWNER_FAR_FIELD = 1;
export const probeOwner = (p: number) => 2 + p;
export const vesselOwner = (s: Scenario, v: number) => 2 + s.probes.length + v;
/** The far field's sides (outer radius, ±x, ±y): last, so probe and vessel owners keep their numbers. */
export const farSidesOwner = (s: Scenario) => 2 + s.probes.length + s.vessels.length;
/** Owners a scenario has: skin, far-field bottom, probes, vessels, far-field sides. */
export const ownerCount = (s: Scenario) => farSidesOwner(s) + 1;

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
  /** per material: its tabulated frozen branch, null where the frozen properties are constant */
  frozen: (FrozenTable | null)[];
  links: Links;
  /**
   * Per owner: true surface area / area of the grid faces that link to it. A wall film
   * (1/h) acts on the true surface, so convective owners scale h by this; without it the
   * staircase faces (up to ~2× the true area on coarse grids) would extract too much heat.
   */
  filmScale: number[];
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

/** Each material's tabulated frozen branch (null: constant), down to the coldest temperature the scenario imposes. */
export function frozenTablesOf(s: Scenario): (FrozenTable | null)[] {
  const floorC = coldestImposedC(s);
  return materialsOf(s).list.map((p) => (hasFrozenTable(p) ? buildFrozenTable(p, floorC) : null));
}

/** The grid directions a face can point in: ±x, ±z, and ±y in 3D. */
function directions(g: Grid): Vec3[] {
  const dirs: Vec3[] = [[1, 0, 0], [-1, 0, 0], [0, 0, 1], [0, 0, -1]];
  if (g.mode === '3d') dirs.push([0, 1, 0], [0, -1, 0]);
  return dirs;
}

/** Calls fn for every interior cell (i, j, k) with its padded index. */
function forEachCell(g: Grid, fn: (c: number, i: number, j: number, k: number) => void): void {
  for (let k = 0; k < g.nz; k++) for (let j = 0; j < g.ny; j++) for (let i = 0; i < g.nx; i++) fn(g.index(i, k, j), i, j, k);
}

export function buildCellMap(s: Scenario, g: Grid, frozen: (FrozenTable | null)[] = frozenTablesOf(s)): CellMap {
  const n = g.NX * g.NY * g.NZ;
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
  const shafts = s.probes.map((p) => shaftTest(mode, p)).filter((t) => t !== null);
  const plane = g.NX * g.NY;
  const offset = (d: Vec3) => d[0] + g.NX * d[1] + plane * d[2];

  forEachCell(g, (c, i, j, k) => {
    const pt = g.point(i, k, j);
    kind[c] = CELL.TISSUE;
    mat[c] = materials.at(pt[2]) + 1;
    for (const sh of shapes) {
      if (sh.shape.sdf(pt) < 0) {
        kind[c] = sh.kind;
        solidOwner[c] = sh.owner;
        break;
      }
    }
    if (kind[c] === CELL.TISSUE && shafts.some((inside) => inside(pt))) kind[c] = CELL.SHAFT;
  });
  claimSubCellProbes(s, g, kind, solidOwner);

  const dirs = directions(g);
  const isSolid = (c: number) => kind[c] === CELL.PROBE || kind[c] === CELL.VESSEL;
  // Distance along a grid line from a tissue cell to the surface of its solid neighbour.
  const cutDistanceMm = (pt: Vec3, dir: Vec3, owner: number): number => {
    const sh = shapeOf.get(owner);
    const d = g.spacingMm;
    if (!sh) return d;
    return rayToSurface(sh.shape, pt, dir, 2 * d) ?? d; // no crossing: a cell standing in for a thinner probe
  };
  for (let pass = 0; pass < 8; pass++) {
    let changed = false;
    forEachCell(g, (c, i, j, k) => {
      if (kind[c] !== CELL.TISSUE) return;
      for (const dir of dirs) {
        const nb = c + offset(dir);
        if (!isSolid(nb)) continue;
        const sMm = cutDistanceMm(g.point(i, k, j), dir, solidOwner[nb]);
        // A cell exactly half a cell away stays tissue (no round-off absorption).
        if (sMm < g.spacingMm / 2 - 1e-9 * g.spacingMm) {
          kind[c] = kind[nb];
          solidOwner[c] = solidOwner[nb];
          changed = true;
          break;
        }
      }
    });
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
  const tissueLink = (c: number, owner: number, aT: number) => {
    if (kind[c] === CELL.TISSUE) add(c, owner, aT, dm / 2, 0);
  };

  const far = farFieldParts(s.far_field);
  const bottom = far.bottom.boundary !== 'insulated';
  const sides = far.sides.boundary !== 'insulated';
  const sidesOwner = farSidesOwner(s);
  forEachCell(g, (c, i, j, k) => {
    if (k === 0 && s.skin.boundary !== 'insulated') tissueLink(c, OWNER_SKIN, 1 / dm);
    if (bottom && k === g.nz - 1) tissueLink(c, OWNER_FAR_FIELD, 1 / dm);
    if (!sides) return;
    if (i === g.nx - 1) tissueLink(c, sidesOwner, faceWeight(c, 1) / dm);
    if (i === 0 && mode !== 'axisymmetric') tissueLink(c, sidesOwner, 1 / dm);
    if (mode === '3d' && j === 0) tissueLink(c, sidesOwner, 1 / dm);
    if (mode === '3d' && j === g.ny - 1) tissueLink(c, sidesOwner, 1 / dm);
  });

  // Probe and vessel surfaces.
  const surfaceLinkStart = links.cell.length;
  forEachCell(g, (c, i, j, k) => {
    if (kind[c] !== CELL.TISSUE) return;
    for (const dir of dirs) {
      const nb = c + offset(dir);
      if (!isSolid(nb)) continue;
      const owner = solidOwner[nb];
      const sGeomM = cutDistanceMm(g.point(i, k, j), dir, owner) * 1e-3;
      let sM = sGeomM;
      const pIndex = owner - 2;
      if (mode === 'axisymmetric' && dir[0] < 0 && pIndex >= 0 && pIndex < s.probes.length) {
        const radiusM = (s.probes[pIndex].diameter_mm / 2) * 1e-3;
        const rCell = g.xMm(i) * 1e-3;
        // Only where the ray meets the probe's side wall is the exact cylindrical distance the right one.
        if (Math.abs(sGeomM - (rCell - radiusM)) < 1e-6 * dm) sM = (rCell - dm / 2) * Math.log(rCell / radiusM);
      }
      add(c, owner, faceWeight(c, dir[0]) / dm, sM, 0, nb, sGeomM);
    }
  });
  // Line-sink power is shared by a probe's surface faces in proportion to their area.
  s.probes.forEach((p, pi) => {
    const owner = probeOwner(pi);
    const lengthM = mode === 'planar' ? 1 : p.active_length_mm * 1e-3;
    if (p.diameter_mm > 0) {
      let areaSum = 0;
      for (let l = surfaceLinkStart; l < links.cell.length; l++) {
        if (links.owner[l] === owner) areaSum += links.aT[l] * links.vol[l];
      }
      if (areaSum === 0) {
        throw new ScenarioInputError([{
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
  return { kind, solidOwner, mat, materials: materials.list, frozen, links, filmScale: filmScales(s, g, links, surfaceLinkStart) };
}

/** True surface area (m², or m²/m in planar mode) over linked face area, per owner (1 where there is no film). */
function filmScales(s: Scenario, g: Grid, links: Links, firstSurfaceLink: number): number[] {
  const scale = new Array(ownerCount(s)).fill(1);
  const linked = new Array(scale.length).fill(0);
  for (let l = firstSurfaceLink; l < links.cell.length; l++) if (links.aT[l] > 0) linked[links.owner[l]] += links.aT[l] * links.vol[l];
  const mm = 1e-3;
  s.probes.forEach((p, i) => {
    const d = p.diameter_mm * mm;
    const area = g.mode === 'planar' ? Math.PI * d : Math.PI * d * p.active_length_mm * mm + (Math.PI * d * d) / 4;
    if (d > 0 && linked[probeOwner(i)] > 0) scale[probeOwner(i)] = area / linked[probeOwner(i)];
  });
  s.vessels.forEach((v, i) => {
    const d = v.diameter_mm * mm;
    const area = g.mode === 'planar' ? Math.PI * d : Math.PI * d * chordInDomainMm(g, v.center_mm, v.direction) * mm;
    if (linked[vesselOwner(s, i)] > 0 && area > 0) scale[vesselOwner(s, i)] = area / linked[vesselOwner(s, i)];
  });
  return scale;
}

/** Length (mm) of the part of the line through `p` along `u` that lies inside the 3D domain box. */
function chordInDomainMm(g: Grid, p: Vec3, u: Vec3): number {
  const lo = [g.x0Mm - g.spacingMm / 2, g.y0Mm - g.spacingMm / 2, 0];
  const hi = [g.x0Mm + (g.nx - 0.5) * g.spacingMm, g.y0Mm + (g.ny - 0.5) * g.spacingMm, g.nz * g.spacingMm];
  let t0 = -Infinity;
  let t1 = Infinity;
  for (let a = 0; a < 3; a++) {
    if (Math.abs(u[a]) < 1e-12) {
      if (p[a] < lo[a] || p[a] > hi[a]) return 0;
      continue;
    }
    const ta = (lo[a] - p[a]) / u[a];
    const tb = (hi[a] - p[a]) / u[a];
    t0 = Math.max(t0, Math.min(ta, tb));
    t1 = Math.min(t1, Math.max(ta, tb));
  }
  return Math.max(0, t1 - t0) / Math.hypot(u[0], u[1], u[2]);
}

/**
 * A probe thinner than the grid may contain no cell centre. In axisymmetric mode the axis
 * cells of its active segment stand in for it; in 3D every cell its axis passes through
 * (sampled every quarter cell) does. Their links carry the distance to the true surface.
 */
function claimSubCellProbes(s: Scenario, g: Grid, kind: Uint8Array, solidOwner: Int16Array): void {
  s.probes.forEach((p, pi) => {
    if (p.diameter_mm <= 0) return;
    const claim = (c: number) => {
      if (kind[c] !== CELL.TISSUE && kind[c] !== CELL.SHAFT) return;
      kind[c] = CELL.PROBE;
      solidOwner[c] = probeOwner(pi);
    };
    if (g.mode === 'axisymmetric') {
      if (p.diameter_mm / 2 >= g.xMm(0)) return;
      const zTop = p.tip_mm[2] - p.active_length_mm;
      for (let k = 0; k < g.nz; k++) {
        const z = g.zMm(k);
        if (z >= zTop && z <= p.tip_mm[2] && kind[g.index(0, k)] === CELL.TISSUE) claim(g.index(0, k));
      }
    } else if (g.mode === '3d') {
      const u = p.direction;
      const samples = Math.ceil((4 * p.active_length_mm) / g.spacingMm);
      for (let q = 0; q <= samples; q++) {
        const t = (p.active_length_mm * q) / samples;
        const pt: Vec3 = [p.tip_mm[0] - u[0] * t, p.tip_mm[1] - u[1] * t, p.tip_mm[2] - u[2] * t];
        // The nearest cell along each axis; on an exact tie both, so mirrored probes claim mirrored cells.
        const nearest = (f: number) => (Math.abs(f - Math.floor(f) - 0.5) < 1e-9 ? [Math.floor(f), Math.ceil(f)] : [Math.round(f)]);
        for (const i of nearest((pt[0] - g.x0Mm) / g.spacingMm)) {
          for (const j of nearest((pt[1] - g.y0Mm) / g.spacingMm)) {
            for (const k of nearest((pt[2] - g.spacingMm / 2) / g.spacingMm)) {
              if (i >= 0 && i < g.nx && j >= 0 && j < g.ny && k >= 0 && k < g.nz) claim(g.index(i, k, j));
            }
          }
        }
      }
    }
  });
}

/** A zero-diameter line sink: its power spread over the cells around the line (bilinear in planar, along the axis in axisymmetric, trilinear along the segment in 3D). */
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
  } else if (g.mode === '3d') {
    // Points every quarter cell along the segment, each carrying its share of the length, spread trilinearly.
    const samples = Math.max(1, Math.ceil((4 * p.active_length_mm) / g.spacingMm));
    const share = (p.active_length_mm * 1e-3) / samples;
    const u = p.direction;
    for (let q = 0; q < samples; q++) {
      const t = (p.active_length_mm * (q + 0.5)) / samples;
      const f = [(p.tip_mm[0] - u[0] * t - g.x0Mm) / g.spacingMm, (p.tip_mm[1] - u[1] * t - g.y0Mm) / g.spacingMm, (p.tip_mm[2] - u[2] * t - g.spacingMm / 2) / g.spacingMm];
      const base = f.map(Math.floor);
      for (let corner = 0; corner < 8; corner++) {
        const idx = [0, 1, 2].map((a) => base[a] + ((corner >> a) & 1));
        const w = [0, 1, 2].reduce((acc, a) => acc * ((corner >> a) & 1 ? f[a] - base[a] : 1 - (f[a] - base[a])), 1);
        if (w <= 0) continue;
        const i = Math.min(Math.max(idx[0], 0), g.nx - 1);
        const j = Math.min(Math.max(idx[1], 0), g.ny - 1);
        const k = Math.min(Math.max(idx[2], 0), g.nz - 1);
        weights.push({ c: g.index(i, k, j), w: w * share });
      }
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
    throw new ScenarioInputError([{ path: `probes[${pi}].tip_mm`, message: 'the line sink lies in no tissue cell; move it into the tissue' }]);
  }
  for (const { c, w } of usable) add(c, owner, 0, 1, (w * total) / usableTotal / g.vol[c % g.NX]);
}
