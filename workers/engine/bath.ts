/**
 * Finite well-mixed baths: a medium with `bath_heat_capacity_j_k` exchanges heat with a bath whose
 * temperature follows its own heat balance, C_b dT_b/dt = −Q + G_r (T_room − T_b), where
 * Q = Σ f_l h_v (T_b − T) V over the medium's cells is the heat the bath gives the medium and
 * G_r the bath's conductance to the room. The kernels hold T_b fixed over a piece of steps; between
 * pieces the bath books the heat the medium took (trapezoid over the piece), so medium and bath
 * exchange exactly the same heat. The held value is the bath's predicted mid-piece temperature;
 * the prediction is explicit, so pieces are kept short against the bath's own time constant
 * (MAX_PIECE_OF_TAU).
 */
import type { TissueProps } from '../../scenarios/schema.ts';
import type { CellMap } from './boundaries.ts';
import type { Grid } from './grid.ts';

/** Longest piece as a share of the bath's fastest time constant C_b / (G_max + G_r): the coupling error is first order in it. */
const MAX_PIECE_OF_TAU = 0.01;

interface Bath {
  material: number;
  props: TissueProps;
  capacityJK: number;
  roomWK: number;
  roomC: number;
  startC: number;
  tempC: number;
  /** the temperature the kernels hold over the current piece (the predicted mid-piece value) */
  heldC: number;
  /** heat the bath gave the medium at the start of the current piece (W), at heldC */
  rateStartW: number;
  givenJ: number;
  roomJ: number;
}

/** Whether a medium has a finite bath (a heat capacity) rather than one held at bath_c. */
function hasFiniteBath(p: TissueProps): boolean {
  return p.bath_exchange_w_m3k > 0 && (p.bath_heat_capacity_j_k ?? 0) > 0;
}

export class FiniteBaths {
  private readonly baths: Bath[];
  /** exchange sums of the latest field */
  private last: { g: Float64Array; m: Float64Array } | null = null;

  /** `setBathC(m, tempC)`: writes material m's bath temperature into the kernel's tables. */
  constructor(
    materials: readonly TissueProps[],
    private readonly grid: Grid,
    private readonly setBathC: (material: number, tempC: number) => void,
  ) {
    this.baths = [];
    materials.forEach((p, m) => {
      if (!hasFiniteBath(p)) return;
      this.baths.push({
        material: m, props: p, capacityJK: p.bath_heat_capacity_j_k!, roomWK: p.bath_room_w_k ?? 0,
        roomC: p.bath_room_c ?? p.bath_c, startC: p.bath_c, tempC: p.bath_c, heldC: p.bath_c, rateStartW: 0, givenJ: 0, roomJ: 0,
      });
    });
  }

  get any(): boolean {
    return this.baths.length > 0;
  }

  /** Current bath temperature of each finite bath, by material index. */
  temperaturesC(): Map<number, number> {
    return new Map(this.baths.map((b) => [b.material, b.tempC]));
  }

  /** Longest piece (s) the explicit coupling may take in the current cell map. */
  maxPieceS(cells: CellMap): number {
    if (!this.any) return Infinity;
    const volume = new Float64Array(this.baths.length);
    const g = this.grid;
    for (let c = 0; c < cells.mat.length; c++) {
      const m = cells.mat[c] - 1;
      if (m < 0) continue;
      const b = this.baths.findIndex((x) => x.material === m);
      if (b >= 0) volume[b] += g.vol[c % g.NX];
    }
    let limit = Infinity;
    this.baths.forEach((b, i) => {
      const conductance = b.props.bath_exchange_w_m3k * volume[i] + b.roomWK;
      if (conductance > 0) limit = Math.min(limit, (MAX_PIECE_OF_TAU * b.capacityJK) / conductance);
    });
    return limit;
  }

  /** Exchange sums of each bath over the current field: G = Σ f_l h_v V and M = Σ f_l h_v V T. */
  private sums(t: ArrayLike<number>, cells: CellMap): { g: Float64Array; m: Float64Array } {
    const g = new Float64Array(this.baths.length);
    const m = new Float64Array(this.baths.length);
    const index = new Int32Array(256).fill(-1);
    this.baths.forEach((b, i) => (index[b.material] = i));
    const vol = this.grid.vol;
    const NX = this.grid.NX;
    for (let c = 0; c < cells.mat.length; c++) {
      const mat = cells.mat[c];
      if (mat === 0) continue;
      const i = index[mat - 1];
      if (i < 0) continue;
      const p = this.baths[i].props;
      const tc = t[c];
      const fl = tc <= p.solidus_c ? 0 : tc >= p.liquidus_c ? 1 : (tc - p.solidus_c) / (p.liquidus_c - p.solidus_c);
      if (fl === 0) continue;
      const w = fl * p.bath_exchange_w_m3k * vol[c % NX];
      g[i] += w;
      m[i] += w * tc;
    }
    return { g, m };
  }

  /** Exchange sums at the start of the run or after a geometry change. */
  start(t: ArrayLike<number>, cells: CellMap): void {
    if (this.any) this.last = this.sums(t, cells);
  }

  /**
   * Before a piece of about `pieceS`: each bath is held at its predicted mid-piece temperature
   * (second order in the piece length), written into the tables. Returns whether any was written.
   */
  beforePiece(pieceS: number): boolean {
    if (!this.any) return false;
    const { g, m } = this.last!;
    this.baths.forEach((b, i) => {
      const rateKs = (b.roomWK * (b.roomC - b.tempC) - (b.tempC * g[i] - m[i])) / b.capacityJK;
      b.heldC = b.tempC + 0.5 * rateKs * pieceS;
      b.rateStartW = b.heldC * g[i] - m[i];
      this.setBathC(b.material, b.heldC);
    });
    return true;
  }

  /**
   * After a piece of `dtS` stepped with each bath held at heldC: books the heat the medium took
   * (trapezoid of the rates at the piece's ends) and the room's, and moves the bath.
   */
  afterPiece(dtS: number, t: ArrayLike<number>, cells: CellMap): void {
    if (!this.any) return;
    this.last = this.sums(t, cells);
    const { g, m } = this.last;
    this.baths.forEach((b, i) => {
      const given = 0.5 * (b.rateStartW + (b.heldC * g[i] - m[i])) * dtS;
      const room = b.roomWK * (b.roomC - b.heldC) * dtS;
      b.givenJ += given;
      b.roomJ += room;
      b.tempC += (room - given) / b.capacityJK;
    });
  }

  /** The baths' side of the energy balance (J): their enthalpy change, the heat they gave the medium, the room's heat. */
  energy(): { enthalpyChangeJ: number; givenJ: number; roomJ: number } {
    let enthalpyChangeJ = 0;
    let givenJ = 0;
    let roomJ = 0;
    for (const b of this.baths) {
      enthalpyChangeJ += b.capacityJK * (b.tempC - b.startC);
      givenJ += b.givenJ;
      roomJ += b.roomJ;
    }
    return { enthalpyChangeJ, givenJ, roomJ };
  }
}
