/**
 * Pieces shared by the two time-series charts: phase shading from the resolved
 * protocol (exact boundaries, not sampled ones) and the minute axis.
 */
import { phaseIntervals } from './analysis.ts';
import { PHASE_FILL, PHASE_LABEL } from './palette.ts';

/**
 * `fit` (the plot's width in px and the time axis's end) drops labels wider than their
 * phase on screen: on a phone "freeze" and "passive thaw" would otherwise run together.
 */
export function phaseShapes(
  protocol: { phase: string; duration_s: number }[] | undefined,
  fit?: { widthPx: number; axisEnd_s: number },
): { shapes: object[]; annotations: object[] } {
  const shapes: object[] = [];
  const annotations: object[] = [];
  const intervals = phaseIntervals(protocol ?? []);
  const total = intervals.at(-1)?.end_s ?? 0;
  for (const iv of intervals) {
    shapes.push({
      type: 'rect', xref: 'x', yref: 'paper', x0: iv.start_s / 60, x1: iv.end_s / 60, y0: 0, y1: 1,
      fillcolor: PHASE_FILL[iv.phase] ?? 'rgba(0,0,0,0.05)', line: { width: 0 }, layer: 'below',
    });
    // Short phases (a 10-s reposition) are shaded but not labelled: their labels would collide.
    if (iv.end_s - iv.start_s < MIN_LABELLED_FRACTION * total) continue;
    const text = PHASE_LABEL[iv.phase] ?? iv.phase;
    if (fit && fit.axisEnd_s > 0 && ((iv.end_s - iv.start_s) / fit.axisEnd_s) * fit.widthPx < text.length * LABEL_CHAR_PX + 4) continue;
    annotations.push({
      xref: 'x', yref: 'paper', x: (iv.start_s + iv.end_s) / 120, y: 1, yanchor: 'bottom', showarrow: false,
      text: PHASE_LABEL[iv.phase] ?? iv.phase, font: { size: 10, color: '#52606d' },
    });
  }
  return { shapes, annotations };
}

/** Average width of a 10-px phase-label character (px), measured on system-ui. */
const LABEL_CHAR_PX = 6;

/** Phases shorter than this share of the protocol get no text label. */
const MIN_LABELLED_FRACTION = 0.08;

export const minutes = (times_s: number[]) => times_s.map((t) => t / 60);
