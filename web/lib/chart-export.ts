/**
 * Chart images people can publish: PNG (2× for print) or SVG (vector, editable) of a Plotly
 * chart with a caption under it that says what the picture is — the protocol(s), the time
 * shown, the grid, and the anatomy (nerve depth and size, skin condition) — so an image
 * separated from the page still carries its context. The chart on screen is not changed: the
 * image is drawn from a copy of its figure with the caption added.
 */
import type { RunRecord } from './analysis.ts';
import { fmtDuration } from './analysis.ts';
import { BASE_LAYOUT, loadPlotly } from './plotly.ts';
import type { SkinBoundary } from '../../scenarios/schema.ts';
import { DEFAULT_SKIN } from '../../scenarios/presets.ts';

export type ImageFormat = 'png' | 'svg';

const LINE_PX = 15;

/** Caption lines of at most `chars` characters, broken between the caption's parts, then at spaces. */
export function wrapCaption(text: string, chars: number): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let cur = '';
    for (const word of para.split(' ')) {
      if (cur && (cur + ' ' + word).length > chars) (lines.push(cur), (cur = word));
      else cur = cur ? `${cur} ${word}` : word;
    }
    if (cur) lines.push(cur);
  }
  return lines;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function skinText(s: SkinBoundary | undefined): string {
  const b = s ?? DEFAULT_SKIN;
  if (b.boundary === 'convective') return `skin in air ${b.ambient_c} °C (h ${b.h_w_m2k} W/m²/K)`;
  if (b.boundary === 'temperature') return `skin held at ${b.temperature_c} °C`;
  return 'skin insulated';
}

/** A liquid bench's bath in words (held or finite, with its room), or '' when there is none (tissue). */
function bathText(t: Record<string, number | undefined> | undefined): string {
  const exchange = t?.bath_exchange_w_m3k;
  if (!t || !(exchange !== undefined && exchange > 0)) return '';
  const startC = t.bath_c ?? t.initial_c;
  const ex = `exchange ${Number(exchange.toPrecision(3))} W/m³/K`;
  if (t.bath_heat_capacity_j_k === undefined) return `liquid bath held at ${startC} °C (${ex})`;
  const room = t.bath_room_w_k ? `, room ${t.bath_room_w_k} W/K at ${t.bath_room_c ?? startC} °C` : '';
  return `finite liquid bath ${t.bath_heat_capacity_j_k} J/K from ${startC} °C (${ex}${room})`;
}

const uniq = <T>(xs: T[]) => [...new Set(xs)];
const span = (xs: number[], unit: string) => {
  const u = uniq(xs.map((x) => Number(x.toFixed(2))));
  return u.length === 1 ? `${u[0]} ${unit}` : `${Math.min(...u)}–${Math.max(...u)} ${unit}`;
};

/**
 * The caption of a chart of `runs` (those with results count) at `shown` (e.g. "t = 6 min,
 * end of the last freeze"): protocol(s), time, grid, anatomy. One line per part.
 */
export function chartCaption(runs: readonly RunRecord[], shown: string): string {
  const done = runs.filter((r) => r.result);
  if (!done.length) return '';
  const labels = done.map((r) => r.label);
  const protocols =
    done.length === 1 ? `Protocol: ${labels[0]}` : `${done.length} protocols: ${labels.slice(0, 8).join('; ')}${labels.length > 8 ? '; …' : ''}`;
  const solvers = done.map((r) => r.result!.solver);
  const grid = `Grid: ${uniq(solvers.map((s) => s.mode)).join(', ')}, ${span(solvers.map((s) => s.spacing_mm), 'mm')} spacing, ${uniq(solvers.map((s) => s.precision)).join(', ')}`;
  const scen = done.map((r) => r.scenario ?? r.file);
  const nerves = scen.map((s) => s.nerve).filter((n): n is NonNullable<typeof n> => !!n);
  const nerve = nerves.length
    ? `nerve ${span(nerves.map((n) => n.center_mm[2]), 'mm')} deep, ${span(nerves.map((n) => n.diameter_mm), 'mm')} across`
    : 'no nerve';
  const tips = scen.map((s) => s.probes?.[0]?.tip_mm?.[2]).filter((z): z is number => typeof z === 'number');
  const probe = tips.length ? `; probe tip ${span(tips, 'mm')} deep` : '';
  // Protocols may bring their own skin protection: say whose is which.
  const skinOf = scen.map((s) => skinText(s.skin));
  const skins = uniq(skinOf);
  const skin =
    skins.length === 1
      ? skins[0]
      : skins.map((k) => `${k} (${done.filter((_, i) => skinOf[i] === k).map((r) => r.label.split(' · ')[0]).join(', ')})`).join('; ');
  // What else draws heat in: blood vessels, a liquid bench's bath.
  const vesselCounts = uniq(scen.map((s) => s.vessels?.length ?? 0));
  const vessels = vesselCounts.some((n) => n > 0) ? `; ${vesselCounts.join('–')} blood vessel${vesselCounts.join() === '1' ? '' : 's'}` : '';
  const baths = uniq(scen.map((s) => bathText(s.tissue as unknown as Record<string, number | undefined>)).filter(Boolean));
  const bath = baths.length ? `; ${baths.join('; ')}` : '';
  return [protocols, `Shown: ${shown}`, grid, `Anatomy: ${nerve}${probe}; ${skin}${vessels}${bath}`].join('\n');
}

/** "t = 6 min (freeze)" for one output time of a run. */
export function timeShown(t_s: number, phase?: string): string {
  return `t = ${fmtDuration(t_s)}${phase ? ` (${phase.replace('_', ' ')})` : ''}`;
}

interface PlotDiv extends HTMLElement {
  data?: object[];
  layout?: Record<string, unknown>;
  /** Plotly's computed layout: `_size` holds the margins as drawn */
  _fullLayout?: { _size?: { l: number; r: number; t: number; b: number } };
}

/** The image of a drawn chart with its caption, as a data URL (what Plotly.toImage returns). */
async function chartImage(el: PlotDiv, format: ImageFormat, caption: string): Promise<{ url: string; width: number; height: number }> {
  const Plotly = await loadPlotly();
  const rect = el.getBoundingClientRect();
  const width = Math.max(600, Math.round(rect.width));
  const plotHeight = Math.max(400, Math.round(rect.height));
  const lines = caption ? wrapCaption(caption, Math.max(60, Math.floor(width / 6.6))) : [];
  const extra = lines.length ? lines.length * LINE_PX + 14 : 0;
  const layout = { ...(el.layout ?? {}) } as Record<string, unknown>;
  const margin = { ...BASE_LAYOUT.margin, ...((layout.margin as object | undefined) ?? {}) } as { l: number; r: number; t: number; b: number };
  // Plotly widens margins on screen to fit a legend or long tick labels below the axes; the
  // caption goes below what was actually drawn there, not below the margin the chart asked for.
  const drawn = el._fullLayout?._size;
  const bottom = Math.max(margin.b, drawn?.b ?? 0);
  const left = drawn?.l ?? margin.l;
  const annotations = [...((layout.annotations as object[] | undefined) ?? [])];
  if (lines.length) {
    annotations.push({
      text: lines.map(escapeHtml).join('<br>'),
      xref: 'paper',
      yref: 'paper',
      x: 0,
      y: 0,
      xanchor: 'left',
      yanchor: 'top',
      xshift: -left + 8,
      yshift: -bottom - 4,
      align: 'left',
      showarrow: false,
      font: { size: 11, color: '#33404d' },
    });
  }
  const height = plotHeight + extra;
  const figure = { data: el.data ?? [], layout: { ...layout, width, height, margin: { ...margin, b: bottom + extra }, annotations } };
  const url = await Plotly.toImage(figure, { format, width, height, scale: format === 'png' ? 2 : 1 });
  return { url, width, height };
}

/** Saves the chart as `filename.png` / `filename.svg` with the caption under it. */
export async function downloadChart(el: PlotDiv, filename: string, format: ImageFormat, caption: string): Promise<void> {
  const { url } = await chartImage(el, format, caption);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${filename}.${format}`;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
}
