/**
 * VTK XML image data (`.vti`) of a temperature field, which ParaView, VisIt and VTK-based tools
 * open directly, and a `.pvd` collection that lists one `.vti` per time so ParaView plays them
 * as a time series. Used by `cryo run --vti` (full 2D or 3D fields) and the workbench's Download
 * menu (the map frame on screen). No DOM and no Node APIs: it runs in both.
 *
 * Layout: one point per grid cell centre, so `Origin` is the first cell centre and `Spacing` the
 * grid spacing, all in mm; x is the lateral axis (the radius r in axisymmetric mode), y the
 * second lateral axis (3D only; a 2D field is one layer at y = 0, or at the slice's y), z the
 * depth below the skin (pointing into the body). Point data: `temperature_c` (Float32, °C) and,
 * when known, `cell_kind` (UInt8: 0 tissue, 1 probe, 2 vessel, 3 probe shaft); field data:
 * `TimeValue` (s, which ParaView reads as the time of the file). Arrays are base64-encoded
 * binary (little-endian, a UInt32 byte count before the values, header and values encoded as
 * one block — VTK's uncompressed inline form), a quarter of the ASCII size.
 */

export interface VtiImage {
  /** points along x, y, z */
  dims: [number, number, number];
  /** the first point (cell centre), mm */
  origin_mm: [number, number, number];
  spacing_mm: number;
  /** x fastest, then y, then z (index = i + nx·(j + ny·k)), °C; NaN where undefined */
  temperature_c: ArrayLike<number>;
  /** optional per point: 0 tissue, 1 probe, 2 vessel, 3 probe shaft */
  cell_kind?: ArrayLike<number>;
  time_s: number;
  /** free text kept as a comment (scenario, mode) */
  note?: string;
}

const B64 = new TextEncoder().encode('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');
const PAD = 61; // '='

/**
 * Base64 of bytes, without btoa or Buffer so the module runs unchanged in the browser and Node:
 * the characters go into a byte array decoded once (a 120 MB 3D field in about a second).
 */
export function base64(bytes: Uint8Array): string {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let o = 0;
  const whole = bytes.length - (bytes.length % 3);
  for (let i = 0; i < whole; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out[o++] = B64[n >> 18];
    out[o++] = B64[(n >> 12) & 63];
    out[o++] = B64[(n >> 6) & 63];
    out[o++] = B64[n & 63];
  }
  const rest = bytes.length - whole;
  if (rest) {
    const n = (bytes[whole] << 16) | (rest === 2 ? bytes[whole + 1] << 8 : 0);
    out[o++] = B64[n >> 18];
    out[o++] = B64[(n >> 12) & 63];
    out[o++] = rest === 2 ? B64[(n >> 6) & 63] : PAD;
    out[o++] = PAD;
  }
  return new TextDecoder('latin1').decode(out);
}

/** VTK's uncompressed binary block: a UInt32 byte count, then the values, little-endian, one base64 block. */
function binaryBlock(values: ArrayLike<number>, type: 'Float32' | 'UInt8'): string {
  const size = type === 'Float32' ? 4 : 1;
  const buf = new ArrayBuffer(4 + values.length * size);
  const view = new DataView(buf);
  view.setUint32(0, values.length * size, true);
  for (let i = 0; i < values.length; i++) {
    if (type === 'Float32') view.setFloat32(4 + 4 * i, values[i], true);
    else view.setUint8(4 + i, values[i]);
  }
  return base64(new Uint8Array(buf));
}

function range(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return Number.isFinite(lo) ? [lo, hi] : [0, 0];
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/--/g, '- -');
/** Numbers in attributes: exact enough for mm, without float noise. */
const n = (v: number) => String(Number(v.toPrecision(10)));

/** The `.vti` text of one field. Throws when the arrays do not match the dimensions (a caller bug). */
export function vtiXml(img: VtiImage): string {
  const [nx, ny, nz] = img.dims;
  const count = nx * ny * nz;
  if (img.temperature_c.length !== count) throw new Error(`temperature_c has ${img.temperature_c.length} values, the image ${nx}×${ny}×${nz} = ${count} points`);
  if (img.cell_kind && img.cell_kind.length !== count) throw new Error(`cell_kind has ${img.cell_kind.length} values, the image ${count} points`);
  const extent = `0 ${nx - 1} 0 ${ny - 1} 0 ${nz - 1}`;
  const [lo, hi] = range(img.temperature_c);
  const arrays = [
    `        <DataArray type="Float32" Name="temperature_c" NumberOfComponents="1" format="binary" RangeMin="${n(lo)}" RangeMax="${n(hi)}">\n          ${binaryBlock(img.temperature_c, 'Float32')}\n        </DataArray>`,
  ];
  if (img.cell_kind) {
    arrays.push(`        <DataArray type="UInt8" Name="cell_kind" NumberOfComponents="1" format="binary">\n          ${binaryBlock(img.cell_kind, 'UInt8')}\n        </DataArray>`);
  }
  return [
    '<?xml version="1.0"?>',
    ...(img.note ? [`<!-- ${xmlEscape(img.note)} -->`] : []),
    '<!-- cryo workbench temperature field: points at cell centres, lengths in mm, x lateral (r in axisymmetric mode), z depth below the skin; temperature_c in °C -->',
    '<VTKFile type="ImageData" version="1.0" byte_order="LittleEndian" header_type="UInt32">',
    `  <ImageData WholeExtent="${extent}" Origin="${img.origin_mm.map(n).join(' ')}" Spacing="${n(img.spacing_mm)} ${n(img.spacing_mm)} ${n(img.spacing_mm)}">`,
    '    <FieldData>',
    `      <DataArray type="Float64" Name="TimeValue" NumberOfTuples="1" format="ascii">${n(img.time_s)}</DataArray>`,
    '    </FieldData>',
    `    <Piece Extent="${extent}">`,
    '      <PointData Scalars="temperature_c">',
    ...arrays,
    '      </PointData>',
    '      <CellData></CellData>',
    '    </Piece>',
    '  </ImageData>',
    '</VTKFile>',
    '',
  ].join('\n');
}

/** A ParaView collection: one dataset per time, files named relative to the .pvd. */
export function pvdXml(entries: readonly { time_s: number; file: string }[]): string {
  return [
    '<?xml version="1.0"?>',
    '<VTKFile type="Collection" version="1.0" byte_order="LittleEndian">',
    '  <Collection>',
    ...entries.map((e) => `    <DataSet timestep="${n(e.time_s)}" group="" part="0" file="${xmlEscape(e.file)}"/>`),
    '  </Collection>',
    '</VTKFile>',
    '',
  ].join('\n');
}

/** What the engine's full fields are (workers/engine/analysis/field.ts), without importing the engine. */
export interface FullField {
  nx: number;
  ny: number;
  nz: number;
  spacingMm: number;
  /** first cell centre along x (r) and y, mm; the first depth centre is spacing / 2 */
  x0Mm: number;
  y0Mm: number;
  values: ArrayLike<number>;
}

/** A whole 2D or 3D field at one time (the CLI). Its values are already x, y, z ordered. */
export function vtiFromField(f: FullField, time_s: number, cellKind?: ArrayLike<number>, note?: string): string {
  return vtiXml({
    dims: [f.nx, f.ny, f.nz],
    origin_mm: [f.x0Mm, f.ny > 1 ? f.y0Mm : 0, f.spacingMm / 2],
    spacing_mm: f.spacingMm,
    temperature_c: f.values,
    cell_kind: cellKind,
    time_s,
    note,
  });
}

/** The workbench's map snapshots (workers/engine/run-types.ts FieldFrames), without importing them. */
export interface FrameSet {
  nx: number;
  nz: number;
  spacing_mm: number;
  x0_mm: number;
  z0_mm: number;
  times_s: number[];
  temperatures_c: ArrayLike<number>[];
  cell_kind: ArrayLike<number>;
  cell_kind_changes?: { after_s: number; cell_kind: ArrayLike<number> }[];
  slice_y_mm?: number;
}

/** The cell kinds of the snapshot at `time_s`: the first snapshot's, or those after the last reposition before it. */
export function cellKindAt(frames: Pick<FrameSet, 'cell_kind' | 'cell_kind_changes'>, time_s: number): ArrayLike<number> {
  let kinds = frames.cell_kind;
  for (const c of frames.cell_kind_changes ?? []) if (time_s > c.after_s) kinds = c.cell_kind;
  return kinds;
}

/** One map snapshot: the 2D field, or in 3D runs the x–z slice through the first probe's tip (at its y). */
export function vtiFromFrame(frames: FrameSet, index: number, note?: string): string {
  const t = frames.temperatures_c[index];
  if (!t) throw new Error(`no snapshot ${index}: the run kept ${frames.temperatures_c.length}`);
  return vtiXml({
    dims: [frames.nx, 1, frames.nz],
    origin_mm: [frames.x0_mm, frames.slice_y_mm ?? 0, frames.z0_mm],
    spacing_mm: frames.spacing_mm,
    temperature_c: t,
    cell_kind: cellKindAt(frames, frames.times_s[index]),
    time_s: frames.times_s[index],
    note,
  });
}
