/**
 * A model-free check of where thermocouples sit inside a frozen cylinder, from their readings alone.
 *
 * Inside the ice, heat flows radially inward to the probe. Per unit length the flow is
 * Q'(r) = 2π dφ/d ln r, where φ is the Kirchhoff potential ∫k dT (φ = k·T for constant k;
 * φ = k₀·273.15·ln(T_K / 273.15) for the ice law k = k₀·273.15/T_K). Ice that cools gives its
 * heat up to the flow on its way in, so Q' can only grow inward. Between three thermocouples at
 * r₁ < r₂ < r₃ in cooling ice the mean slope of φ over ln r on the inner pair must therefore be at
 * least the slope on the outer pair: ratio = slopeInner / slopeOuter ≥ 1, whatever the probe
 * surface temperature and whatever heat the liquid beyond the front brings in. A ratio below 1
 * means the thermocouples are not at the radii assumed (or one does not read the ice it sits in).
 */

/** Kelvin offset of the Celsius scale. */
const KELVIN = 273.15;

export type IceLaw = 'constant' | 'ice_law';

/** Kirchhoff potential per unit reference conductivity, °C-equivalent: T for constant k, 273.15·ln(T_K/273.15) for k ∝ 1/T_K. */
export function kirchhoffC(tempC: number, law: IceLaw): number {
  return law === 'constant' ? tempC : KELVIN * Math.log((tempC + KELVIN) / KELVIN);
}

export interface AnnulusReading {
  radiusMm: number;
  tempC: number;
}

export interface AnnulusCheck {
  /** mean slope of the Kirchhoff potential over ln r between the inner two thermocouples, °C */
  slopeInnerC: number;
  /** the same between the outer two (the outer reading capped at the freezing point: only the ice part counts), °C */
  slopeOuterC: number;
  /** slopeInner / slopeOuter: ≥ 1 for thermocouples at the stated radii in cooling ice */
  ratio: number;
  /**
   * Where the inner thermocouple would have to sit, the outer two taken at their stated radii, for
   * the ratio to be exactly 1 (the least conduction allows), mm.
   */
  innerRadiusForRatioOneMm: number;
}

/**
 * The check for three thermocouples (innermost first) in the ice; the outermost may be at or
 * just past the front — its reading is capped at the freezing point, which makes the outer slope
 * a lower bound of the ice's own and the check conservative.
 */
export function annulusCheck(readings: readonly AnnulusReading[], freezingC: number, law: IceLaw = 'constant'): AnnulusCheck {
  if (readings.length !== 3) throw new Error(`annulusCheck: three thermocouples needed, got ${readings.length}`);
  const [a, b, c] = readings;
  if (!(a.radiusMm < b.radiusMm && b.radiusMm < c.radiusMm)) throw new Error('annulusCheck: radii must increase (innermost first)');
  const phi = (t: number) => kirchhoffC(t, law);
  const outerC = Math.min(c.tempC, freezingC);
  const slopeInnerC = (phi(b.tempC) - phi(a.tempC)) / Math.log(b.radiusMm / a.radiusMm);
  const slopeOuterC = (phi(outerC) - phi(b.tempC)) / Math.log(c.radiusMm / b.radiusMm);
  return {
    slopeInnerC,
    slopeOuterC,
    ratio: slopeInnerC / slopeOuterC,
    innerRadiusForRatioOneMm: b.radiusMm * Math.exp(-(phi(b.tempC) - phi(a.tempC)) / slopeOuterC),
  };
}

/** The mean of each column over rows (readings averaged over a window before the check). */
export function columnMeans(rows: readonly (readonly number[])[]): number[] {
  if (rows.length === 0) throw new Error('columnMeans: no rows');
  return rows[0].map((_, j) => rows.reduce((s, r) => s + r[j], 0) / rows.length);
}
