/**
 * Reads back the VTK image data (.vti) and collection (.pvd) files the exporters write, the way
 * a VTK reader does: the ImageData's WholeExtent, Origin and Spacing, the field data's
 * TimeValue, and each point-data array decoded from base64 (a UInt32 byte count, then the
 * little-endian values) or ASCII. Independent of workers/export/vti.ts, so a test of the writer
 * can fail; refuses what it does not understand instead of guessing.
 */

export interface ParsedVti {
  extent: number[];
  dims: [number, number, number];
  origin: [number, number, number];
  spacing: [number, number, number];
  time_s: number | null;
  arrays: Record<string, { type: string; values: number[] }>;
}

function attr(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}

function decode(type: string, format: string, body: string): number[] {
  const text = body.trim();
  if (format === 'ascii') return text.split(/\s+/).filter(Boolean).map(Number);
  if (format !== 'binary') throw new Error(`unsupported DataArray format "${format}"`);
  const bytes = Buffer.from(text.replace(/\s+/g, ''), 'base64');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = view.getUint32(0, true);
  if (size !== bytes.length - 4) throw new Error(`binary block says ${size} bytes, holds ${bytes.length - 4}`);
  const out: number[] = [];
  if (type === 'Float32') for (let o = 4; o < bytes.length; o += 4) out.push(view.getFloat32(o, true));
  else if (type === 'Float64') for (let o = 4; o < bytes.length; o += 8) out.push(view.getFloat64(o, true));
  else if (type === 'UInt8') for (let o = 4; o < bytes.length; o++) out.push(view.getUint8(o));
  else throw new Error(`unsupported DataArray type "${type}"`);
  return out;
}

export function parseVti(xml: string): ParsedVti {
  const file = /<VTKFile\b[^>]*>/.exec(xml)?.[0];
  if (!file || attr(file, 'type') !== 'ImageData') throw new Error('not a VTK ImageData file');
  if (attr(file, 'byte_order') !== 'LittleEndian' || attr(file, 'header_type') !== 'UInt32') throw new Error('expected LittleEndian with UInt32 headers');
  const image = /<ImageData\b[^>]*>/.exec(xml)?.[0];
  if (!image) throw new Error('no <ImageData>');
  const extent = attr(image, 'WholeExtent')!.trim().split(/\s+/).map(Number);
  const origin = attr(image, 'Origin')!.trim().split(/\s+/).map(Number) as [number, number, number];
  const spacing = attr(image, 'Spacing')!.trim().split(/\s+/).map(Number) as [number, number, number];
  const dims: [number, number, number] = [extent[1] - extent[0] + 1, extent[3] - extent[2] + 1, extent[5] - extent[4] + 1];
  const arrays: ParsedVti['arrays'] = {};
  let time_s: number | null = null;
  for (const m of xml.matchAll(/<DataArray\b([^>]*)>([\s\S]*?)<\/DataArray>/g)) {
    const tag = `<DataArray ${m[1]}>`;
    const name = attr(tag, 'Name')!;
    const type = attr(tag, 'type')!;
    const values = decode(type, attr(tag, 'format') ?? 'ascii', m[2]);
    if (name === 'TimeValue') time_s = values[0];
    else arrays[name] = { type, values };
  }
  return { extent, dims, origin, spacing, time_s, arrays };
}

/** The value of a point-data array at the point nearest (x, y, z) mm, and how far that point is. */
export function valueAt(v: ParsedVti, name: string, p: [number, number, number]): { value: number; index: [number, number, number]; offGrid_mm: number } {
  const idx = p.map((c, a) => Math.round((c - v.origin[a]) / v.spacing[a])) as [number, number, number];
  idx.forEach((k, a) => {
    if (k < 0 || k >= v.dims[a]) throw new Error(`point ${p} lies outside the image along axis ${a}`);
  });
  const off = Math.hypot(...p.map((c, a) => c - (v.origin[a] + idx[a] * v.spacing[a])));
  const [i, j, k] = idx;
  return { value: v.arrays[name].values[i + v.dims[0] * (j + v.dims[1] * k)], index: idx, offGrid_mm: off };
}

export function parsePvd(xml: string): { time_s: number; file: string }[] {
  if (!/<VTKFile\b[^>]*type="Collection"/.test(xml)) throw new Error('not a VTK collection');
  return [...xml.matchAll(/<DataSet\b[^>]*>/g)].map((m) => ({ time_s: Number(attr(m[0], 'timestep')), file: attr(m[0], 'file')! }));
}
