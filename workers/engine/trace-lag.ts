/**
 * A trace surface with `lag_s` → the same surface as plain points: the exact first-order lag of
 * the piecewise-linear trace, τ dy/dt = u − y with y(0) = u(0), sampled densely enough that the
 * kernels' linear interpolation between samples stays within LAG_TOLERANCE_C of it.
 * On a piece u = u₀ + b (t − t₀): y = u − bτ + (y₀ − u₀ + bτ) e^{−(t − t₀)/τ}, a line plus a decaying
 * exponential; samples crowd where the exponential bends and thin out as it dies away.
 */
import type { Scenario, TraceSurface } from '../../scenarios/schema.ts';

/** What linear interpolation between samples may miss of the exact lagged surface (°C; a thermocouple reads to ~0.1). */
const LAG_TOLERANCE_C = 0.01;

/** Exact lagged value at t on the piece starting at (t0, u0, y0) with slope b. */
function laggedAt(t: number, t0: number, u0: number, y0: number, b: number, tauS: number): number {
  return u0 + b * (t - t0) - b * tauS + (y0 - u0 + b * tauS) * Math.exp(-(t - t0) / tauS);
}

/**
 * Sample times inside (t0, t1] of a piece whose exponential part starts at size `a`: at s = (t − t0)/τ
 * the interpolation error over a gap g is g²/8 · |a| e^{−s}/τ², so gaps τ √(8 tol/|a|) e^{s/2} keep it
 * at LAG_TOLERANCE_C; once |a| e^{−s} is below it the rest of the piece is a line.
 */
function sampleTimes(t0: number, t1: number, tauS: number, a: number): number[] {
  const out: number[] = [];
  const size = Math.abs(a);
  let s = 0;
  while (size * Math.exp(-s) > LAG_TOLERANCE_C) {
    s += Math.sqrt((8 * LAG_TOLERANCE_C) / size) * Math.exp(s / 2);
    const t = t0 + s * tauS;
    if (t >= t1) break;
    out.push(t);
  }
  if (Number.isFinite(t1)) out.push(t1);
  return out;
}

/** The lagged trace's points (the offset is unchanged: a constant passes through the lag). */
export function laggedTracePoints(points: readonly [number, number][], tauS: number): [number, number][] {
  const out: [number, number][] = [];
  let [t0, u0] = points[0];
  // Before the first point the trace holds its first value, so the lag has nothing to follow yet.
  let y0 = u0;
  out.push([t0, y0]);
  for (let i = 1; i <= points.length; i++) {
    const last = i === points.length;
    const [t1, u1] = last ? [Infinity, u0] : points[i];
    const b = last ? 0 : (u1 - u0) / (t1 - t0);
    for (const t of sampleTimes(t0, t1, tauS, y0 - u0 + b * tauS)) out.push([t, laggedAt(t, t0, u0, y0, b, tauS)]);
    if (last) {
      // Settled within LAG_TOLERANCE_C of the trace's last value: hold that value from one τ later.
      out.push([out[out.length - 1][0] + tauS, u0]);
      break;
    }
    y0 = laggedAt(t1, t0, u0, y0, b, tauS);
    [t0, u0] = [t1, u1];
  }
  return out;
}

/** The surface the kernels follow: a trace with a lag becomes its lagged points. */
function resolveTraceLag(surf: TraceSurface): TraceSurface {
  if (!surf.lag_s) return surf;
  return { model: 'trace', points: laggedTracePoints(surf.points, surf.lag_s), offset_c: surf.offset_c };
}

/** The scenario with every lagged trace replaced by its lagged points (the same object when none lags). */
export function withTraceLagsResolved(s: Scenario): Scenario {
  if (!s.probes.some((p) => p.surface.model === 'trace' && p.surface.lag_s)) return s;
  return { ...s, probes: s.probes.map((p) => (p.surface.model === 'trace' ? { ...p, surface: resolveTraceLag(p.surface) } : p)) };
}
