/**
 * Switching a scenario's geometry mode in the editor: the size is converted so
 * the same tissue is modelled (a radius becomes a width of twice it, a 3D box
 * gets its y extent), and the switch says in words what changes — above all
 * that a planar model's probe is an endless line across the cross-section, so
 * its numbers are not comparable with an axisymmetric run of the same probe.
 */
import type { GeometryMode, ScenarioFile } from '../../scenarios/schema.ts';

const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback);

/** The size in the new mode from the size in the old one (mm). */
export function convertSize(from: GeometryMode, to: GeometryMode, size: unknown): number[] {
  const s = Array.isArray(size) ? size : [];
  // Lateral half-width and depth, whatever the old mode.
  const depth = num(from === '3d' ? s[2] : s[1], 40);
  const half = from === 'axisymmetric' ? num(s[0], 20) : from === 'planar' ? num(s[0], 40) / 2 : Math.min(num(s[0], 40), num(s[1], 40)) / 2;
  if (to === 'axisymmetric') return [half, depth];
  if (to === 'planar') return [2 * half, depth];
  return [2 * half, 2 * half, depth];
}

/** What a switch changes, in words for the editor. */
function modeSwitchNotes(from: GeometryMode, to: GeometryMode, file: ScenarioFile, size: number[]): string[] {
  if (from === to) return [];
  const notes: string[] = [];
  const dims = to === 'axisymmetric' ? `radius ${size[0]} mm, depth ${size[1]} mm` : to === 'planar' ? `width ${size[0]} mm, depth ${size[1]} mm` : `${size[0]} × ${size[1]} mm, depth ${size[2]} mm`;
  notes.push(`Size converted to the same tissue block: ${dims}.`);
  const probes = file.probes?.length ?? 0;
  if (to === 'planar') {
    notes.push(
      `Planar models one cross-section: each probe becomes an endless line across it (no tip, no cold-segment length), so zones and coverage are not comparable with the ${from} run of the same probe.`,
    );
    if ((file.vessels?.length ?? 0) === 0) notes.push('Vessels can be added in this mode (Blood vessels section).');
  } else if (to === 'axisymmetric') {
    if (probes > 1) notes.push(`Axisymmetric holds one probe on the axis; ${probes - 1} other probe(s) will be reported as problems.`);
    if (file.vessels?.length) notes.push('Vessels are not axisymmetric: they will be reported as problems (remove them, or use planar or 3D).');
  } else {
    notes.push('3D runs the full volume: the most faithful and the slowest (a coarse grid is advisable first).');
  }
  return notes;
}

/** The scenario in the new mode, and what changed. */
export function switchGeometryMode(file: ScenarioFile, to: GeometryMode): { file: ScenarioFile; notes: string[] } {
  const from = file.geometry?.mode ?? 'axisymmetric';
  if (from === to) return { file, notes: [] };
  const size = convertSize(from, to, file.geometry?.size_mm);
  const next: ScenarioFile = { ...file, geometry: { ...file.geometry, mode: to, size_mm: size } };
  return { file: next, notes: modeSwitchNotes(from, to, file, size) };
}
