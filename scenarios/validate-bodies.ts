/**
 * Checks and resolves the objects placed in the domain: probes (device preset + explicit
 * overrides), the target nerve, large vessels and sensors, including the mode rules of
 * the contract (axisymmetric: one probe on the axis, no vessels; planar: everything runs
 * along y) and that each lies inside the domain.
 */
import {
  at,
  describe,
  fmt,
  has,
  Issues,
  knownKeys,
  list,
  num,
  oneOf,
  optNum,
  quote,
  record,
  str,
  vec3,
} from './checks.ts';
import { checkInside, type Domain } from './validate-geometry.ts';
import { checkTrace } from './validate-trace.ts';
import {
  DEFAULT_BLOOD_C,
  DEVICE_IDS,
  DEVICE_PRESETS,
  MAX_PROBES,
  MAX_SENSORS,
  MAX_VESSELS,
  vesselWallH,
} from './presets.ts';
import type { GeometryMode, Nerve, Phase, Probe, ProbeSurface, SkinBoundary, Sensor, Vec3, Vessel } from './schema.ts';
import type { PendingPhase } from './validate-protocol.ts';

const ABSOLUTE_ZERO_C = -273.15;
const AXIS_Z: Vec3 = [0, 0, 1];
const AXIS_Y: Vec3 = [0, 1, 0];
const TOL = 1e-9;

export interface Placement {
  /** The mode as written (even if the rest of the geometry failed). */
  mode?: GeometryMode;
  /** Set when the geometry is valid: enables inside-the-domain checks. */
  domain?: Domain;
}

const isAlong = (d: Vec3, axis: Vec3) => Math.abs(Math.abs(d[0] * axis[0] + d[1] * axis[1] + d[2] * axis[2]) - 1) < TOL;
const copy = (v: Vec3): Vec3 => [v[0], v[1], v[2]];
const show = (v: readonly number[]) => `[${v.map(fmt).join(', ')}]`;

// ---------------------------------------------------------------------------------------
// Probes

const PROBE_KEYS = ['device', 'diameter_mm', 'active_length_mm', 'tip_mm', 'direction', 'surface'];
const SURFACE_MODELS = ['temperature', 'convective', 'line_sink', 'trace'] as const;
const SURFACE_KEYS: Record<ProbeSurface['model'], string[]> = {
  temperature: ['model', 'temperature_c', 'cooldown_s', 'warmup_s'],
  convective: ['model', 'gas_c', 'h_w_m2k'],
  line_sink: ['model', 'w_per_m'],
  trace: ['model', 'points', 'offset_c', 'lag_s'],
};

export function checkProbes(
  iss: Issues,
  value: unknown,
  place: Placement,
  skin: SkinBoundary | undefined,
): Probe[] | undefined {
  const items = list(iss, 'probes', value, 'of probes [{"device": "icesphere-17g", "tip_mm": [0, 0, 25]}]', {
    max: MAX_PROBES,
  });
  if (!items) return undefined;
  if (items.length === 0 && skin && skin.boundary !== 'temperature') {
    iss.add(
      'probes',
      'must hold at least one probe; a scenario without probes is only allowed when the skin is held at a ' +
        'fixed temperature (skin.boundary "temperature", contact cooling)',
    );
    return undefined;
  }
  if (place.mode === 'axisymmetric' && items.length > 1) {
    iss.add(
      'probes',
      `axisymmetric mode models one probe on the axis, got ${items.length}; use planar mode for parallel ` +
        'probes (or 3d for any arrangement)',
    );
  }
  const out = items.map((item, i) => checkProbe(iss, at('probes', i), item, place));
  return out.every((p) => p !== undefined) && !(place.mode === 'axisymmetric' && items.length > 1)
    ? (out as Probe[])
    : undefined;
}

function checkProbe(iss: Issues, path: string, value: unknown, place: Placement): Probe | undefined {
  const p = record(iss, path, value, '{"device": "icesphere-17g", "tip_mm": [0, 0, 25]}');
  if (!p) return undefined;
  knownKeys(iss, path, p, PROBE_KEYS, 'a probe');
  let ok = true;

  let device: string | null = null;
  // null is how a resolved scenario says "no device", so resolved files validate again.
  if (has(p, 'device') && p.device !== null) {
    if (typeof p.device === 'string' && Object.prototype.hasOwnProperty.call(DEVICE_PRESETS, p.device)) {
      device = p.device;
    } else {
      iss.add(at(path, 'device'), `unknown device ${describe(p.device)}; valid devices: ${DEVICE_IDS.join(', ')}`);
      ok = false;
    }
  }
  const preset = device ? DEVICE_PRESETS[device] : undefined;
  const fromPreset = (key: 'diameter_mm' | 'active_length_mm') =>
    has(p, key) ? p[key] : preset ? preset[key] : undefined;
  const needPreset = device === null ? ', or name a device preset' : '';

  // An unknown device is already reported; do not also report every field it would have supplied.
  if (!ok) {
    if (has(p, 'surface')) checkSurface(iss, at(path, 'surface'), p.surface, undefined, '');
    for (const key of ['diameter_mm', 'active_length_mm'] as const)
      if (has(p, key)) num(iss, at(path, key), p[key], { min: 0, max: 1000 });
    if (has(p, 'direction')) vec3(iss, at(path, 'direction'), p.direction, { direction: true });
    const tip = vec3(iss, at(path, 'tip_mm'), p.tip_mm);
    if (tip) checkTipBelowSkin(iss, path, tip);
    return undefined;
  }

  const surface = checkSurface(iss, at(path, 'surface'), p.surface, preset?.surface, needPreset);

  const lineSink = surface?.model === 'line_sink';
  const diameter = num(iss, at(path, 'diameter_mm'), fromPreset('diameter_mm'), {
    ...(lineSink ? { min: 0 } : { gt: 0 }),
    max: 50,
    hint: lineSink ? undefined : `17G = 1.47 mm; 0 is allowed only for a line_sink surface${needPreset}`,
  });
  const planar = place.mode === 'planar';
  // Planar probes are infinitely long: the active length is ignored there.
  const active = planar
    ? optNum(iss, at(path, 'active_length_mm'), fromPreset('active_length_mm'), 0, { min: 0, max: 1000 })
    : num(iss, at(path, 'active_length_mm'), fromPreset('active_length_mm'), {
        gt: 0,
        max: 1000,
        hint: `length of the cold segment ending at the tip${needPreset}`,
      });
  const tip = vec3(iss, at(path, 'tip_mm'), p.tip_mm);
  const direction =
    p.direction === undefined
      ? planar
        ? copy(AXIS_Y)
        : copy(AXIS_Z)
      : vec3(iss, at(path, 'direction'), p.direction, { direction: true });
  if (diameter === undefined || active === undefined || !tip || !direction || !surface) return undefined;

  if (!checkProbePlacement(iss, path, { tip, direction, diameter, active }, place)) return undefined;
  return { device, diameter_mm: diameter, active_length_mm: active, tip_mm: tip, direction, surface };
}

function checkProbePlacement(
  iss: Issues,
  path: string,
  pr: { tip: Vec3; direction: Vec3; diameter: number; active: number },
  place: Placement,
): boolean {
  const { tip, direction, diameter, active } = pr;
  let ok = true;
  if (place.mode === 'axisymmetric') {
    if (tip[0] !== 0 || tip[1] !== 0) {
      iss.add(
        at(path, 'tip_mm'),
        `axisymmetric mode puts the probe on the axis: tip_mm must be [0, 0, depth], got ${show(tip)}; ` +
          'place other objects relative to the probe, or use planar or 3d for an off-axis probe',
      );
      ok = false;
    }
    if (!(direction[2] > 0 && isAlong(direction, AXIS_Z))) {
      iss.add(
        at(path, 'direction'),
        `axisymmetric mode needs a probe straight into the body, direction [0, 0, 1], got ${show(direction)}; ` +
          'use planar or 3d for other directions',
      );
      ok = false;
    }
  }
  if (place.mode === 'planar' && !isAlong(direction, AXIS_Y)) {
    iss.add(
      at(path, 'direction'),
      `planar mode models long probes along y: direction must be [0, 1, 0], got ${show(direction)}`,
    );
    ok = false;
  }
  if (!checkTipBelowSkin(iss, path, tip)) return false;
  const dom = place.domain;
  if (!ok || !dom) return ok;
  if (!checkInside(iss, at(path, 'tip_mm'), tip, dom)) return false;

  const radius = diameter / 2;
  if (dom.mode === 'axisymmetric') {
    if (tip[2] - active < 0) {
      iss.add(
        at(path, 'active_length_mm'),
        `the ${fmt(active)} mm cold segment would reach above the skin (tip depth ${fmt(tip[2])} mm); ` +
          `place the tip at least ${fmt(active)} mm deep or shorten active_length_mm`,
      );
      ok = false;
    }
    if (tip[2] >= dom.depth_mm || radius >= dom.lateral_mm / 2) {
      iss.add(
        at(path, 'tip_mm'),
        `the probe (radius ${fmt(radius)} mm, tip at ${fmt(tip[2])} mm) does not fit well inside the ` +
          `${fmt(dom.lateral_mm)} × ${fmt(dom.depth_mm)} mm domain; enlarge geometry.size_mm`,
      );
      ok = false;
    }
  } else if (dom.mode === '3d') {
    // The cold segment runs from the tip back along the tract; all of it must be tissue.
    const top: Vec3 = [tip[0] - direction[0] * active, tip[1] - direction[1] * active, tip[2] - direction[2] * active];
    if (top[2] < 0) {
      iss.add(
        at(path, 'active_length_mm'),
        `the ${fmt(active)} mm cold segment would reach above the skin (its far end at depth ${fmt(top[2])} mm); ` +
          'place the tip deeper, tilt the probe, or shorten active_length_mm',
      );
      ok = false;
    } else if (!checkInside(iss, at(path, 'tip_mm'), top, dom)) ok = false;
  } else {
    const x = tip[0];
    const z = tip[2];
    if (z - radius <= 0 || z + radius >= dom.depth_mm || Math.abs(x) + radius >= dom.lateral_mm / 2) {
      iss.add(
        at(path, 'tip_mm'),
        `the probe cross-section (radius ${fmt(radius)} mm at x = ${fmt(x)}, z = ${fmt(z)} mm) must lie ` +
          'wholly below the skin and inside the domain; move it or enlarge geometry.size_mm',
      );
      ok = false;
    }
  }
  return ok;
}

function checkTipBelowSkin(iss: Issues, path: string, tip: Vec3): boolean {
  if (tip[2] > 0) return true;
  iss.add(at(at(path, 'tip_mm'), 2), `the probe tip must lie below the skin (depth z > 0 mm), got ${fmt(tip[2])}`);
  return false;
}

/** Merges an explicit surface over the device's: same model → field by field, else replace. */
function checkSurface(
  iss: Issues,
  path: string,
  value: unknown,
  preset: ProbeSurface | undefined,
  needPreset: string,
): ProbeSurface | undefined {
  if (value === undefined) {
    if (preset) return { ...preset };
    iss.add(path, `missing: give a surface model, e.g. {"model": "convective", "gas_c": -186, "h_w_m2k": 4000}${needPreset}`);
    return undefined;
  }
  const u = record(iss, path, value, '{"model": "temperature" | "convective" | "line_sink" | "trace", ...}');
  if (!u) return undefined;
  const model =
    u.model === undefined && preset
      ? preset.model
      : oneOf(iss, at(path, 'model'), u.model, SURFACE_MODELS, 'the probe surface model');
  if (!model) return undefined;
  const s: Record<string, unknown> = preset && preset.model === model ? { ...preset, ...u, model } : { ...u, model };
  knownKeys(iss, path, u, SURFACE_KEYS[model], `a ${model} probe surface`);

  switch (model) {
    case 'temperature': {
      const temperature_c = num(iss, at(path, 'temperature_c'), s.temperature_c, { gt: ABSOLUTE_ZERO_C, max: 100 });
      const cooldown_s = optNum(iss, at(path, 'cooldown_s'), s.cooldown_s, 0, {
        min: 0,
        max: 3600,
        hint: 'time constant of the surface\'s approach to temperature_c at the start of a freeze',
      });
      const warmup_s = s.warmup_s === undefined ? undefined : num(iss, at(path, 'warmup_s'), s.warmup_s, { min: 0, max: 3600 });
      if (temperature_c === undefined || cooldown_s === undefined || (s.warmup_s !== undefined && warmup_s === undefined))
        return undefined;
      return warmup_s === undefined
        ? { model, temperature_c, cooldown_s }
        : { model, temperature_c, cooldown_s, warmup_s };
    }
    case 'convective': {
      const gas_c = num(iss, at(path, 'gas_c'), s.gas_c, {
        gt: ABSOLUTE_ZERO_C,
        max: 100,
        hint: 'argon JT limit −186 °C, nitrous oxide −88 °C',
      });
      const h_w_m2k = num(iss, at(path, 'h_w_m2k'), s.h_w_m2k, { gt: 0, max: 1e6 });
      if (gas_c === undefined || h_w_m2k === undefined) return undefined;
      return { model, gas_c, h_w_m2k };
    }
    case 'line_sink': {
      const w_per_m = num(iss, at(path, 'w_per_m'), s.w_per_m, {
        gt: 0,
        max: 1e5,
        hint: 'heat extracted per metre of line',
      });
      return w_per_m === undefined ? undefined : { model, w_per_m };
    }
    case 'trace':
      return checkTrace(iss, path, s);
  }
}

// ---------------------------------------------------------------------------------------
// Nerve, vessels, sensors

const NERVE_KEYS = ['center_mm', 'direction', 'diameter_mm'];

export function checkNerve(iss: Issues, value: unknown, place: Placement): Nerve | null | undefined {
  if (value === undefined || value === null) return null;
  const path = 'nerve';
  const n = record(iss, path, value, '{"center_mm": [4, 0, 22], "direction": [0, 1, 0], "diameter_mm": 3}');
  if (!n) return undefined;
  knownKeys(iss, path, n, NERVE_KEYS, 'the nerve');
  const center = vec3(iss, at(path, 'center_mm'), n.center_mm);
  const direction = n.direction === undefined ? copy(AXIS_Y) : vec3(iss, at(path, 'direction'), n.direction, { direction: true });
  const diameter = num(iss, at(path, 'diameter_mm'), n.diameter_mm, { gt: 0, max: 50 });
  if (!center || !direction || diameter === undefined) return undefined;
  let ok = true;
  if (place.mode === 'planar' && !isAlong(direction, AXIS_Y)) {
    iss.add(at(path, 'direction'), `planar mode models a nerve along y: direction must be [0, 1, 0], got ${show(direction)}`);
    ok = false;
  }
  if (place.domain && !checkInside(iss, at(path, 'center_mm'), center, place.domain)) ok = false;
  return ok ? { center_mm: center, direction: place.mode === 'planar' ? copy(AXIS_Y) : direction, diameter_mm: diameter } : undefined;
}

const VESSEL_KEYS = ['center_mm', 'direction', 'diameter_mm', 'wall', 'h_w_m2k', 'flow_m_s', 'blood_c'];
const WALLS = ['convective', 'temperature'] as const;

export function checkVessels(iss: Issues, value: unknown, place: Placement): Vessel[] | undefined {
  if (value === undefined) return [];
  const items = list(iss, 'vessels', value, 'of vessels', { max: MAX_VESSELS });
  if (!items) return undefined;
  let ok = true;
  if (place.mode === 'axisymmetric' && items.length > 0) {
    iss.add(
      'vessels',
      'vessels are not axisymmetric and cannot be modelled in axisymmetric mode; use planar (a vessel ' +
        'parallel to the probe) or 3d, or remove them',
    );
    ok = false;
  }
  const out = items.map((item, i) => checkVessel(iss, at('vessels', i), item, place));
  return ok && out.every((v) => v !== undefined) ? (out as Vessel[]) : undefined;
}

function checkVessel(iss: Issues, path: string, value: unknown, place: Placement): Vessel | undefined {
  const v = record(iss, path, value, '{"center_mm": [8, 0, 25], "diameter_mm": 4, "wall": "convective"}');
  if (!v) return undefined;
  knownKeys(iss, path, v, VESSEL_KEYS, 'a vessel');
  const center = vec3(iss, at(path, 'center_mm'), v.center_mm);
  const direction = v.direction === undefined ? copy(AXIS_Y) : vec3(iss, at(path, 'direction'), v.direction, { direction: true });
  const diameter = num(iss, at(path, 'diameter_mm'), v.diameter_mm, { gt: 0, max: 50 });
  const wall = v.wall === undefined ? 'convective' : oneOf(iss, at(path, 'wall'), v.wall, WALLS, 'the vessel wall model');
  const blood_c = optNum(iss, at(path, 'blood_c'), v.blood_c, DEFAULT_BLOOD_C, { gt: 0, max: 100 });
  const flow = v.flow_m_s === undefined ? undefined : num(iss, at(path, 'flow_m_s'), v.flow_m_s, { gt: 0, max: 2, hint: 'mean blood velocity; veins ~0.05–0.2 m/s, arteries ~0.1–0.5 m/s' });
  if (v.flow_m_s !== undefined && v.h_w_m2k !== undefined) {
    iss.add(at(path, 'flow_m_s'), 'give either h_w_m2k or flow_m_s (h is then computed from diameter and flow), not both');
  }
  const h =
    v.h_w_m2k === undefined
      ? diameter === undefined || (v.flow_m_s !== undefined && flow === undefined)
        ? undefined
        : vesselWallH(diameter, flow)
      : num(iss, at(path, 'h_w_m2k'), v.h_w_m2k, { gt: 0, max: 1e6 });
  if (!center || !direction || diameter === undefined || !wall || blood_c === undefined) return undefined;
  if (wall === 'convective' && h === undefined) return undefined;
  let ok = true;
  if (place.mode === 'planar' && !isAlong(direction, AXIS_Y)) {
    iss.add(at(path, 'direction'), `planar mode models vessels along y: direction must be [0, 1, 0], got ${show(direction)}`);
    ok = false;
  }
  if (place.domain && place.mode !== 'axisymmetric' && !checkInside(iss, at(path, 'center_mm'), center, place.domain)) ok = false;
  if (!ok) return undefined;
  const vessel: Vessel = {
    center_mm: center,
    direction: place.mode === 'planar' ? copy(AXIS_Y) : direction,
    diameter_mm: diameter,
    wall,
    blood_c,
  };
  if (wall === 'convective') vessel.h_w_m2k = h;
  if (flow !== undefined) vessel.flow_m_s = flow;
  return vessel;
}

const SENSOR_KEYS = ['name', 'position_mm'];

export function checkSensors(iss: Issues, value: unknown, place: Placement): Sensor[] | undefined {
  if (value === undefined) return [];
  const items = list(iss, 'sensors', value, 'of {"name": "TC1", "position_mm": [5, 0, 25]}', { max: MAX_SENSORS });
  if (!items) return undefined;
  const seen = new Map<string, number>();
  let ok = true;
  const out: Sensor[] = [];
  items.forEach((item, i) => {
    const path = at('sensors', i);
    const s = record(iss, path, item, '{"name": "TC1", "position_mm": [5, 0, 25]}');
    if (!s) return void (ok = false);
    knownKeys(iss, path, s, SENSOR_KEYS, 'a sensor');
    const name = str(iss, at(path, 'name'), s.name, 'the sensor name, e.g. "TC1"', { nonEmpty: true });
    if (name !== undefined && seen.has(name)) {
      iss.add(at(path, 'name'), `duplicate sensor name ${quote(name)} (also sensors[${seen.get(name)}]); names must be unique`);
      ok = false;
    } else if (name !== undefined) seen.set(name, i);
    const pos = vec3(iss, at(path, 'position_mm'), s.position_mm);
    if (pos && place.domain && !checkInside(iss, at(path, 'position_mm'), pos, place.domain)) ok = false;
    if (name === undefined || !pos) return void (ok = false);
    out.push({ name, position_mm: pos });
  });
  return ok ? out : undefined;
}

/**
 * Resolves every reposition phase against the probe it moves: a pull-back becomes a new
 * tip along the tract, and each new position must pass the same placement rules as the
 * original probe (on the axis in axisymmetric mode, inside the domain, cold segment below
 * the skin). Repositions apply in order, so a second pull-back starts where the first ended.
 */
export function resolveRepositions(
  iss: Issues,
  phases: readonly PendingPhase[],
  probes: readonly Probe[],
  place: Placement,
): Phase[] | undefined {
  const tips = probes.map((p) => [...p.tip_mm] as Vec3);
  let ok = true;
  const out = phases.map((ph, i): Phase => {
    if (ph.phase !== 'reposition') return ph;
    const path = at('protocol', i);
    const probe = probes[ph.probe];
    if (!probe) {
      iss.add(at(path, 'probe'), `there is no probe ${ph.probe}: the scenario has ${probes.length} probe(s), numbered from 0`);
      ok = false;
      return { ...ph, tip_mm: [0, 0, 0] };
    }
    if (ph.pull_back_mm !== undefined && place.mode === 'planar') {
      iss.add(at(path, 'pull_back_mm'), 'planar probes are infinitely long along y, so pulling one back changes nothing; give the new cross-section position as tip_mm');
      ok = false;
      return { ...ph, tip_mm: [0, 0, 0] };
    }
    const from = tips[ph.probe];
    const pulled: Vec3 | undefined =
      ph.pull_back_mm === undefined
        ? undefined
        : [from[0] - probe.direction[0] * ph.pull_back_mm, from[1] - probe.direction[1] * ph.pull_back_mm, from[2] - probe.direction[2] * ph.pull_back_mm];
    if (pulled && ph.tip_mm && Math.hypot(pulled[0] - ph.tip_mm[0], pulled[1] - ph.tip_mm[1], pulled[2] - ph.tip_mm[2]) > 1e-6) {
      iss.add(
        path,
        `a reposition needs exactly one of "pull_back_mm" or "tip_mm" (both only as a resolved scenario writes them, ` +
          `agreeing): pulling back ${fmt(ph.pull_back_mm!)} mm puts the tip at ${show(pulled)}, not ${show(ph.tip_mm)}`,
      );
      ok = false;
      return { ...ph, tip_mm: [0, 0, 0] };
    }
    const tip: Vec3 = ph.tip_mm ?? pulled!;
    const placed = checkProbePlacement(iss, path, { tip, direction: probe.direction, diameter: probe.diameter_mm, active: probe.active_length_mm }, place);
    if (!placed) ok = false;
    tips[ph.probe] = tip;
    return { phase: 'reposition', duration_s: ph.duration_s, probe: ph.probe, tip_mm: tip, ...(ph.pull_back_mm !== undefined ? { pull_back_mm: ph.pull_back_mm } : {}) };
  });
  return ok ? out : undefined;
}
