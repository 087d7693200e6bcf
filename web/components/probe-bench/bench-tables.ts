/**
 * The probe bench's two tables as templates: the manufacturer-style width × length table of
 * one run, and the mesh check (the same bench on a coarse and a fine grid side by side, with
 * the change in every cell and a verdict on whether the coarse grid is good enough), and the
 * series of the growth and probe-surface charts.
 */
import { html, nothing } from 'lit';
import type { Result } from '../../../scenarios/schema.ts';
import { fmtC, fmtDuration, fmtNum } from '../../lib/analysis.ts';
import { benchDifferences, benchGrowth, benchTable, deviceOf, type BenchRow, type BenchSetup } from '../../lib/bench.ts';
import { PROTOCOL_COLOURS } from '../../lib/palette.ts';
import { BENCH_MEDIA, DRAFT_SPACING_MM } from '../../ui-presets.ts';
import type { LineSeries } from './bench-line-chart.ts';

/** One finished bench run, with the setup it was run for. */
export interface BenchRun {
  setup: BenchSetup;
  result: Result;
}

/** A mesh difference this large (mm) is worth a second look: a cell is 0.5 mm at the coarse grid. */
const NOTABLE_DIFF_MM = 0.5;

export function benchTableView(rows: BenchRow[], run: BenchRun) {
  const isos = run.setup.isothermsC;
  const spacing = run.result.solver.spacing_mm;
  return html`<div class="table-wrap">
      <table id="bench-table">
        <caption class="sr-only">Isotherm width × length at each time</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            ${isos.map((c) => html`<th scope="col">${fmtC(c)}<br /><abbr title="width × length, millimetres">w × l (mm)</abbr></th>`)}
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (row) => html`<tr data-time=${row.time_s}>
              <th scope="row">${fmtDuration(row.time_s)}${row.sampled_s !== row.time_s ? html`<span class="sub">(read at ${fmtDuration(row.sampled_s)})</span>` : nothing}</th>
              ${row.cells.map(
                (c) => html`<td data-iso=${c.isotherm_c} data-width=${c.width_mm ?? ''} data-length=${c.length_mm ?? ''}>
                  ${c.width_mm === null ? '—' : fmtNum(c.width_mm)} × ${c.length_mm === null ? '—' : fmtNum(c.length_mm)}
                </td>`,
              )}
            </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <p class="caption ${spacing >= DRAFT_SPACING_MM.value ? 'draft' : ''}">
      ${deviceOf(run.setup)?.label ?? run.setup.device} in ${BENCH_MEDIA.find((m) => m.id === run.setup.medium)?.label} at
      ${fmtC(run.setup.mediumC)}, one ${fmtDuration(run.setup.freezeS)} freeze · grid ${spacing} mm. Width: across the isotherm at the middle
      of the cold segment; length: along the probe. — means the isotherm has not reached that far yet.
    </p>`;
}

export function meshView(m: { coarse: BenchRun; fine: BenchRun }) {
  const isos = m.fine.setup.isothermsC;
  const times = m.fine.setup.timesS;
  const diffs = benchDifferences(benchTable(m.coarse.result, times, isos), benchTable(m.fine.result, times, isos));
  const cmMm = m.coarse.result.solver.spacing_mm;
  const fnMm = m.fine.result.solver.spacing_mm;
  const worst = Math.max(0, ...diffs.flatMap((d) => [d.width_diff_mm, d.length_diff_mm]).filter((v): v is number => v !== null).map(Math.abs));
  const num = (v: number | null) => (v === null ? '—' : fmtNum(v));
  // Rounded before the sign is chosen, so a tiny negative change reads 0.0, not −0.0.
  const signed = (d: number | null) => {
    if (d === null) return '—';
    const r = Math.round(d * 10) / 10;
    return `${r > 0 ? '+' : r < 0 ? '−' : '±'}${Math.abs(r).toFixed(1)}`;
  };
  const big = (d: number | null) => (d !== null && Math.abs(d) > NOTABLE_DIFF_MM ? 'diff-big' : '');
  const rows = times.map((t) => diffs.filter((d) => d.time_s === t));
  return html`<h3 id="mesh-title">Mesh check: width × length (mm) on the ${cmMm} mm and the ${fnMm} mm grid</h3>
    <div class="table-wrap">
      <table id="bench-mesh-table" aria-labelledby="mesh-title">
        <thead>
          <tr>
            <th scope="col">Time</th>
            ${isos.map((c) => html`<th scope="col">${fmtC(c)}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (cells, i) => html`<tr>
              <th scope="row">${fmtDuration(times[i])}</th>
              ${cells.map((d) => {
                const coarseW = d.width_mm === null || d.width_diff_mm === null ? null : d.width_mm - d.width_diff_mm;
                const coarseL = d.length_mm === null || d.length_diff_mm === null ? null : d.length_mm - d.length_diff_mm;
                return html`<td data-time=${d.time_s} data-iso=${d.isotherm_c} data-width-diff=${d.width_diff_mm ?? ''} data-length-diff=${d.length_diff_mm ?? ''}>
                  <span class="sub">${cmMm} mm: ${num(coarseW)} × ${num(coarseL)}</span>
                  ${fnMm} mm: <b>${num(d.width_mm)} × ${num(d.length_mm)}</b>
                  <span class="sub">change <span class=${big(d.width_diff_mm)}>${signed(d.width_diff_mm)}</span> ×
                    <span class=${big(d.length_diff_mm)}>${signed(d.length_diff_mm)}</span></span>
                </td>`;
              })}
            </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <p class="caption" id="mesh-verdict">
      Largest change ${fmtNum(worst)} mm (all sizes in mm).
      ${worst <= NOTABLE_DIFF_MM
        ? `Within one coarse cell (${cmMm} mm): the ${cmMm}-mm grid is good enough for this table.`
        : `More than one coarse cell: use the ${fnMm}-mm grid (or finer) for these numbers.`}
    </p>`;
}

/** Growth curves: width solid and length dashed per isotherm; with a mesh check, the coarse widths dotted. */
export function growthSeries(run: BenchRun, mesh: { coarse: BenchRun } | null): LineSeries[] {
  const out: LineSeries[] = [];
  const suffix = mesh ? ` (${run.result.solver.spacing_mm} mm)` : '';
  benchGrowth(run.result, run.setup.isothermsC).forEach((g, i) => {
    const colour = PROTOCOL_COLOURS[i % PROTOCOL_COLOURS.length];
    out.push({ name: `${fmtC(g.isotherm_c)} width${suffix}`, times_s: g.times_s, values: g.width_mm, colour, dash: 'solid', unit: 'mm' });
    out.push({ name: `${fmtC(g.isotherm_c)} length${suffix}`, times_s: g.times_s, values: g.length_mm, colour, dash: 'dash', unit: 'mm' });
  });
  if (mesh) {
    const c = mesh.coarse;
    benchGrowth(c.result, c.setup.isothermsC).forEach((g, i) => {
      out.push({ name: `${fmtC(g.isotherm_c)} width (${c.result.solver.spacing_mm} mm)`, times_s: g.times_s, values: g.width_mm, colour: PROTOCOL_COLOURS[i % PROTOCOL_COLOURS.length], dash: 'dot', unit: 'mm' });
    });
  }
  return out;
}

/** The mean cold-surface temperature of each probe over the run. */
export function surfaceSeries(run: BenchRun): LineSeries[] {
  return run.result.probes.map((p, i) => ({ name: `probe ${i + 1} surface`, times_s: run.result.times_s, values: p.surface_c, colour: '#444444', unit: '°C' }));
}
