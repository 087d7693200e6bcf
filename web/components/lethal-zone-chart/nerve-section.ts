/**
 * One protocol's picture of the zones at the nerve: the scored cross-section
 * (result.nerve.section) coloured by the coldest zone each point reached during
 * the run, the nerve drawn in as a circle, the probe axis where it falls in the
 * window, and the covered shares, which are the verdict's numbers because they
 * are counted on the same points (analysis.ts sectionView).
 */
import { html, nothing, svg } from 'lit';
import { fmtPct, nerveInsideZone, SECTION_ZONES_C, type SectionView } from '../../lib/analysis.ts';
import { isothermColour, NERVE_COLOUR, PROBE_COLOUR } from '../../lib/palette.ts';
import { styleProps } from '../../lib/style-props.ts';
import { SECTION_TILE_PX } from '../../ui-presets.ts';

const SIZE_PX = SECTION_TILE_PX.value;
const WARM_FILL = '#f4f4f2';

/** Runs of equal zone along each row, so a tile is a few hundred rectangles, not thousands. */
function rowRuns(view: SectionView): { x: number; y: number; w: number; zone: number }[] {
  const out: { x: number; y: number; w: number; zone: number }[] = [];
  for (let j = 0; j < view.cells; j++) {
    let start = 0;
    for (let i = 1; i <= view.cells; i++) {
      const here = view.zone[start + view.cells * j];
      if (i === view.cells || view.zone[i + view.cells * j] !== here) {
        out.push({ x: start, y: j, w: i - start, zone: here });
        start = i;
      }
    }
  }
  return out;
}

export function zoneFill(zone: number): string {
  return zone < 0 ? WARM_FILL : isothermColour(SECTION_ZONES_C[zone]);
}

/** The probe shaft in the section's plane (axisymmetric): its radius and how far below the nerve centre its deepest tip goes. */
export interface ShaftInSection {
  radius_mm: number;
  tip_below_centre_mm: number;
}

export function nerveSectionTile(view: SectionView, label: string, colour: string, previous: boolean, shaft: ShaftInSection | null) {
  const n = view.cells;
  const px = SIZE_PX / n;
  const c = SIZE_PX / 2;
  const rPx = view.radius_mm / view.spacing_mm * px;
  const mmPx = px / view.spacing_mm;
  // The probe axis lies on the "toward" side, at the nerve centre's distance from it (axisymmetric).
  const axisX = view.probe_distance_mm !== null ? c - view.probe_distance_mm * mmPx : null;
  const block = nerveInsideZone(view, -20);
  const lethal = nerveInsideZone(view, -40);
  return html`<figure class="tile" ${styleProps({ '--tile-px': `${SIZE_PX}px` })} data-block=${block ? 'inside' : 'outside'} data-lethal=${lethal ? 'inside' : 'outside'}>
    <svg viewBox="0 0 ${SIZE_PX} ${SIZE_PX}" width=${SIZE_PX} height=${SIZE_PX} role="img"
      aria-label="${label}: nerve cross-section, ${fmtPct(view.covered['-20'])} at or below −20 °C, ${fmtPct(view.covered['-40'])} at or below −40 °C">
      <g shape-rendering="crispEdges">
        ${rowRuns(view).map((r) => svg`<rect x=${r.x * px} y=${r.y * px} width=${r.w * px} height=${px} fill=${zoneFill(r.zone)} />`)}
      </g>
      ${axisX !== null && shaft && axisX + shaft.radius_mm * mmPx >= 0
        ? svg`<rect class="shaft" x=${axisX - shaft.radius_mm * mmPx} y="0" width=${2 * shaft.radius_mm * mmPx}
            height=${Math.max(0, c + shaft.tip_below_centre_mm * mmPx)} fill=${PROBE_COLOUR} />`
        : nothing}
      ${axisX !== null && axisX >= 0
        ? svg`<line x1=${axisX} x2=${axisX} y1="0" y2=${SIZE_PX} stroke=${PROBE_COLOUR} stroke-width="2" stroke-dasharray="4 3" />
            <text x=${axisX + 3 + (shaft?.radius_mm ?? 0) * mmPx} y="11" class="axis-label">probe</text>`
        : axisX !== null
          ? svg`<text x="3" y="11" class="axis-label">← probe axis ${view.probe_distance_mm!.toFixed(1)} mm</text>`
          : svg`<text x="3" y="11" class="axis-label">← toward the probe</text>`}
      <circle cx=${c} cy=${c} r=${rPx} fill="none" stroke=${NERVE_COLOUR} stroke-width="2.5" />
      <line x1=${SIZE_PX - 6 - mmPx} x2=${SIZE_PX - 6} y1=${SIZE_PX - 6} y2=${SIZE_PX - 6} stroke="#222" stroke-width="2" />
      <text x=${SIZE_PX - 6 - mmPx / 2} y=${SIZE_PX - 9} text-anchor="middle" class="axis-label">1 mm</text>
    </svg>
    <figcaption>
      <span class="swatch" ${styleProps({ background: colour })}></span><strong>${label}</strong>${previous ? html` <em class="previous">(previous results)</em>` : nothing}
      <span class="share ${block ? 'yes' : ''}" data-threshold="-20">≤ −20 °C: ${fmtPct(view.covered['-20'])}${block ? ' ✔' : ''}</span>
      <span class="share ${lethal ? 'yes' : ''}" data-threshold="-40">≤ −40 °C: ${fmtPct(view.covered['-40'])}${lethal ? ' ✔' : ''}</span>
    </figcaption>
  </figure>`;
}
