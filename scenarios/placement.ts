/**
 * Where a protocol's probes go on an anatomy, and where they are at time t.
 *
 * A protocol is written for one target: its probe tips and reposition targets are
 * stored as absolute coordinates next to the nerve they were placed against
 * (clinicians place the probe by imaging the target). Placing it on another anatomy
 * applies the same offsets from that anatomy's nerve. Placement is a pure function
 * of (published protocol, anatomy): nothing is clamped or rounded into what is
 * stored, so editing the anatomy and back gives the published placement exactly,
 * and an anatomy the protocol cannot sit in is left for the validator to reject
 * with its reason (e.g. a cold segment reaching above the skin).
 *
 * Published adjuncts (a scenario's `adjuncts`) are part of the procedure: `skin`
 * carries the protocol's skin protection (warm gel, warm saline gauze) to other
 * anatomies, `placement` its probe-to-nerve distance (in axisymmetric mode, the gap
 * between the probe axis and the nerve's near edge), `hydrodissection` the fluid a
 * paper injects between skin and a shallow nerve. Callers may override each with
 * the anatomy's own.
 *
 * Used by the comparison (scenarios/comparison.ts), the workbench's workspace and
 * analysis, and the engine's probe schedule: one definition for all of them.
 */
import type { Adjuncts, Nerve, PhaseSpec, ProbeSpec, ScenarioFile, SkinBoundary, Vec3 } from './schema.ts';

// ----- vectors -------------------------------------------------------------------------

export const add = (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
export const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
export const scale = (a: Vec3, s: number): Vec3 => [a[0] * s, a[1] * s, a[2] * s];
export const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
export const cross = (a: Vec3, b: Vec3): Vec3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
export const norm = (a: Vec3): number => Math.hypot(a[0], a[1], a[2]);
/** Unit vector; a zero vector stays zero rather than becoming NaN. */
export const unit = (a: Vec3): Vec3 => scale(a, 1 / (norm(a) || 1));

/** Three finite numbers, or null: files and links can hold anything where a point belongs. */
export function asVec3(v: unknown): Vec3 | null {
  return Array.isArray(v) && v.length === 3 && v.every((x) => typeof x === 'number' && Number.isFinite(x)) ? (v as Vec3) : null;
}

// ----- what belongs to the patient, what to the procedure ------------------------------

/** Scenario fields that describe the patient (shared by every protocol on one anatomy). */
export const ANATOMY_KEYS = ['geometry', 'tissue', 'layers', 'skin', 'far_field', 'nerve', 'vessels', 'sensors', 'output', 'solver'] as const;
/** Scenario fields that describe the procedure (what a protocol brings to an anatomy). */
export const PROCEDURE_KEYS = ['name', 'source', 'assumptions', 'probes', 'protocol', 'adjuncts'] as const;

/** The anatomy of a comparison set: the patient fields it may hold, and the old fixed probe depth. */
export const COMPARISON_ANATOMY_KEYS = ['geometry', 'tissue', 'layers', 'skin', 'far_field', 'nerve', 'probe_tip_depth_mm', 'sensors'] as const;

export type AnatomyFields = Partial<Pick<ScenarioFile, (typeof ANATOMY_KEYS)[number]>>;

/**
 * A protocol as published: its probes and phases, where its target was, and the
 * adjuncts it brings (each only when the paper describes it).
 */
export interface PublishedProtocol {
  probes: ProbeSpec[];
  protocol: PhaseSpec[];
  /** nerve the probe coordinates were placed against (null: none, coordinates are absolute) */
  target: Pick<Nerve, 'center_mm' | 'diameter_mm'> | null;
  adjuncts?: Adjuncts;
  /** the skin of the published scenario (used when `adjuncts.skin` says it belongs to the protocol) */
  skin?: SkinBoundary;
}

/** Which adjuncts a placement applies: the protocol's published ones, or the anatomy's settings for all. */
export interface AdjunctChoice {
  skin: 'published' | 'anatomy';
  placement: 'published' | 'anatomy';
  /** absent: published */
  hydrodissection?: 'published' | 'anatomy';
}

export const PUBLISHED_ADJUNCTS: AdjunctChoice = { skin: 'published', placement: 'published', hydrodissection: 'published' };

export interface Placed {
  probes: ProbeSpec[];
  protocol: PhaseSpec[];
  /** the anatomy's nerve, at the protocol's published distance from the probe when that applies */
  nerve?: Nerve;
  skin?: SkinBoundary;
  /** set when hydrodissection lifted the skin: the anatomy's depth-dependent fields, every depth grown by the fluid */
  lifted?: Partial<Pick<ScenarioFile, 'geometry' | 'layers' | 'sensors' | 'vessels'>>;
  /** adjuncts actually applied, with their sources (for the scenario file and the UI) */
  applied: Adjuncts | undefined;
}

/** The published scenario seen as a protocol to place elsewhere. */
export function publishedOf(file: Pick<ScenarioFile, 'probes' | 'protocol' | 'nerve' | 'adjuncts' | 'skin'>): PublishedProtocol {
  const c = asVec3(file.nerve?.center_mm);
  const d = file.nerve?.diameter_mm;
  return {
    // Kept as written, even when malformed: the validator names what is wrong with it.
    probes: structuredClone(file.probes),
    protocol: structuredClone(file.protocol),
    target: c ? { center_mm: [...c] as Vec3, diameter_mm: typeof d === 'number' ? d : 0 } : null,
    ...(file.adjuncts ? { adjuncts: structuredClone(file.adjuncts) } : {}),
    ...(file.adjuncts?.skin && file.skin ? { skin: structuredClone(file.skin) } : {}),
  };
}

/**
 * Places a published protocol on an anatomy. Probe tips and absolute reposition
 * targets keep their offset from the nerve centre (axisymmetric: the depth offset;
 * the probe stays on the axis). With the published placement adjunct in
 * axisymmetric mode the nerve is put at the published gap from the probe axis
 * (its depth and size stay the anatomy's). Never throws: malformed parts are left
 * as they are for the validator to report.
 */
export function placeProtocol(p: PublishedProtocol, anatomy: AnatomyFields, choice: AdjunctChoice = PUBLISHED_ADJUNCTS): Placed {
  const axi = anatomy.geometry?.mode === 'axisymmetric';
  const hydro = p.adjuncts?.hydrodissection;
  const nerveAt = asVec3(anatomy.nerve?.center_mm);
  const lift = choice.hydrodissection !== 'anatomy' && hydro && nerveAt && nerveAt[2] < hydro.below_depth_mm ? hydro.fluid_mm : 0;
  const to: Vec3 | null = nerveAt ? [nerveAt[0], nerveAt[1], nerveAt[2] + lift] : null;
  const from = p.target ? asVec3(p.target.center_mm) : null;
  const delta: Vec3 | null = to && from ? (axi ? [0, 0, to[2] - from[2]] : sub(to, from)) : null;
  const move = (v: unknown): unknown => {
    const a = asVec3(v);
    return a && delta ? add(a, delta) : structuredClone(v);
  };
  const probes = !Array.isArray(p.probes)
    ? structuredClone(p.probes)
    : p.probes.map((pr) => (pr && typeof pr === 'object' ? ({ ...structuredClone(pr), tip_mm: move(pr.tip_mm) } as ProbeSpec) : structuredClone(pr)));
  // A pull-back is relative to the probe already; an absolute target moves with it.
  const protocol = !Array.isArray(p.protocol)
    ? structuredClone(p.protocol)
    : p.protocol.map((ph) =>
        ph && typeof ph === 'object' && ph.phase === 'reposition' && ph.tip_mm !== undefined
          ? ({ ...structuredClone(ph), tip_mm: move(ph.tip_mm) } as PhaseSpec)
          : structuredClone(ph),
      );
  const applied: Adjuncts = {};
  let nerve = anatomy.nerve ? structuredClone(anatomy.nerve) : undefined;
  if (lift && nerve && to) {
    nerve = { ...nerve, center_mm: to };
    applied.hydrodissection = structuredClone(hydro!);
  }
  const gap = publishedGap(p);
  if (choice.placement === 'published' && p.adjuncts?.placement && axi && nerve && to && gap !== null && typeof nerve.diameter_mm === 'number') {
    const lateral = Math.hypot(to[0], to[1]);
    const r = gap + nerve.diameter_mm / 2;
    const dir: [number, number] = lateral > 0 ? [to[0] / lateral, to[1] / lateral] : [1, 0];
    nerve = { ...nerve, center_mm: [dir[0] * r, dir[1] * r, to[2]] };
    applied.placement = p.adjuncts.placement;
  }
  let skin = anatomy.skin ? structuredClone(anatomy.skin) : undefined;
  if (choice.skin === 'published' && p.adjuncts?.skin && p.skin) {
    skin = structuredClone(p.skin);
    applied.skin = p.adjuncts.skin;
  }
  return { probes, protocol, nerve, skin, ...(lift ? { lifted: liftBy(anatomy, lift) } : {}), applied: Object.keys(applied).length ? applied : undefined };
}

/** Assumption lines for the adjuncts a placement applied that change the anatomy (a reader must know). */
export function adjunctAssumptions(applied: Adjuncts | undefined): string[] {
  const h = applied?.hydrodissection;
  if (!h) return [];
  return [
    `protocol: hydrodissection (${h.source}): the nerve is shallower than ${h.below_depth_mm} mm, so ${h.fluid_mm} mm of saline ` +
      '(the gel preset: water-like, body temperature, no perfusion) is modelled under the skin; every depth in this run is ' +
      `${h.fluid_mm} mm greater than the anatomy's`,
  ];
}

/**
 * The anatomy under `fluid_mm` of injected saline: a water-like layer (the gel preset, no
 * perfusion) between skin and tissue, every depth below it (layers, sensors, vessels, the
 * model's depth) grown by the fluid.
 */
function liftBy(a: AnatomyFields, fluid_mm: number): NonNullable<Placed['lifted']> {
  // Malformed entries are copied untouched so the validator reports them at their own path.
  const down = (v: unknown): unknown => {
    const p = asVec3(v);
    return p ? [p[0], p[1], p[2] + fluid_mm] : structuredClone(v);
  };
  const deeper = (d: unknown): unknown => (typeof d === 'number' ? d + fluid_mm : d);
  const each = <T>(xs: T[] | undefined, f: (x: T) => T): T[] | undefined =>
    Array.isArray(xs) ? xs.map((x) => (x && typeof x === 'object' ? f(x) : structuredClone(x))) : xs;
  const out: NonNullable<Placed['lifted']> = {};
  if (a.geometry && typeof a.geometry === 'object') {
    const size = Array.isArray(a.geometry.size_mm) ? [...a.geometry.size_mm] : a.geometry.size_mm;
    if (Array.isArray(size) && typeof size[size.length - 1] === 'number') size[size.length - 1] += fluid_mm;
    out.geometry = { ...a.geometry, size_mm: size };
  }
  const gelLayer = { from_depth_mm: 0, to_depth_mm: fluid_mm, tissue: { preset: 'gel' as const } };
  out.layers = Array.isArray(a.layers) || a.layers === undefined
    ? [gelLayer, ...(each(a.layers, (l) => ({ ...structuredClone(l), from_depth_mm: deeper(l.from_depth_mm), to_depth_mm: deeper(l.to_depth_mm) }) as typeof l) ?? [])]
    : structuredClone(a.layers);
  if (a.sensors !== undefined) out.sensors = each(a.sensors, (x) => ({ ...x, position_mm: down(x.position_mm) }) as typeof x);
  if (a.vessels !== undefined) out.vessels = each(a.vessels, (v) => ({ ...structuredClone(v), center_mm: down(v.center_mm) }) as typeof v);
  return out;
}

/** Gap (mm) between the probe axis and the published nerve's near edge, when the file gives both. */
function publishedGap(p: PublishedProtocol): number | null {
  const c = p.target ? asVec3(p.target.center_mm) : null;
  if (!c || !p.target || !Number.isFinite(p.target.diameter_mm)) return null;
  return Math.hypot(c[0], c[1]) - p.target.diameter_mm / 2;
}

// ----- time -----------------------------------------------------------------------------

export interface PhaseInterval<P> {
  index: number;
  phase: P;
  start_s: number;
  end_s: number;
}

/** Contiguous phase intervals (s), in protocol order. */
export function phaseIntervals<P extends { duration_s: number }>(protocol: readonly P[]): PhaseInterval<P>[] {
  let t = 0;
  return protocol.map((phase, index) => {
    const start_s = t;
    t += phase.duration_s;
    return { index, phase, start_s, end_s: t };
  });
}

/**
 * Tip of each probe at time t: the last reposition phase that started by then moved
 * it (a resolved protocol always carries the reposition's `tip_mm`).
 */
export function probeTipsAt(
  s: { probes: readonly { tip_mm: Vec3 }[]; protocol?: readonly { phase: string; duration_s: number; probe?: number; tip_mm?: Vec3 }[] },
  t: number,
): Vec3[] {
  const tips = s.probes.map((p) => p.tip_mm);
  for (const { phase, start_s } of phaseIntervals(s.protocol ?? [])) {
    if (start_s > t + 1e-9) break;
    if (phase.phase === 'reposition' && phase.probe !== undefined && tips[phase.probe] && phase.tip_mm) tips[phase.probe] = phase.tip_mm;
  }
  return tips;
}
