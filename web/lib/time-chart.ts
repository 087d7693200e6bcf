/**
 * Pieces shared by the two time-series charts: phase shading from the resolved
 * protocol (exact boundaries, not sampled ones) and the minute axis.
 */
import { phaseIntervals } from './analysis.ts';
import { PHASE_FILL, PHASE_LABEL } from './palette.ts';

export function phaseShapes(protocol: { phase: string; duration_s: number }[] | undefined): { shapes: object[]; annotations: object[] } {
  const shapes: object[] = [];
  const annotations: object[] = [];
  for (const iv of phaseIntervals(protocol ?? [])) {
    shapes.push({
      type: 'rect', xref: 'x', yref: 'paper', x0: iv.start_s / 60, x1: iv.end_s / 60, y0: 0, y1: 1,
      fillcolor: PHASE_FILL[iv.phase] ?? 'rgba(0,0,0,0.05)', line: { width: 0 }, layer: 'below',
    });
    annotations.push({
      xref: 'x', yref: 'paper', x: (iv.start_s + iv.end_s) / 120, y: 1, yanchor: 'bottom', showarrow: false,
      text: PHASE_LABEL[iv.phase] ?? iv.phase, font: { size: 10, color: '#52606d' },
    });
  }
  return { shapes, annotations };
}

export const minutes = (times_s: number[]) => times_s.map((t) => t / 60);
