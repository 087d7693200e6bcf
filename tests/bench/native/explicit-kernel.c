/*
 * Native reference for tests/bench/native-bench.ts: the issue-12 standard axisymmetric run
 * (its scenario file: standard-run.json beside this file; the numbers are repeated below)
 * (0.25 mm, 30×60 mm, one −150 °C probe, freeze 600 s / passive thaw 300 s / freeze 600 s)
 * stepped by a plain explicit f32 enthalpy kernel in C, one thread, no two-rate stepping,
 * built by the bench with `cc -O3 -march=native`. It is never part of `npm test`.
 *
 * It rebuilds the engine's discretisation from the scenario numbers rather than reading the
 * engine's tables, so the −40 °C radius it prints is an independent check that it solves the
 * same problem (workers/engine/grid.ts, boundaries.ts, stability.ts, wasm/assembly/kernel-simd.ts):
 *  - cell-centred (r, z) finite volumes, east/west face weights (i+1)/(i+½) and i/(i+½): zero
 *    flux through the axis; harmonic-mean face conductivities; one halo of inactive cells;
 *  - H(T) piecewise linear (frozen / mushy with the latent heat spread evenly / unfrozen), stored
 *    relative to the initial 37 °C state as the f32 engine kernel does; k linear in the liquid
 *    fraction across the mushy zone; Pennes perfusion × liquid fraction;
 *  - probe cells (inside the capped cylinder, plus tissue cells nearer its surface than half a
 *    cell) and shaft cells are inactive; tissue cells next to the probe are linked to −150 °C
 *    through the distance to the true surface (radial links: the log-profile distance
 *    r_face·ln(r_cell/a)); skin, bottom and outer radius are 37 °C through half a cell;
 *  - passive thaw: the probe links carry no heat (adiabatic surface);
 *  - the first step of each freeze uses the probe's mean linked-tissue temperature (the engine's
 *    cooldown_s = 0 ramp, evaluated at the segment's start), then −150 °C;
 *  - dt: the engine's stability limit (0.95 × min over cells of the smallest dH/dT over the
 *    largest conductance sum), output events every 60 s landed on with one shorter step.
 * Prints one JSON line: dt, steps, wall time of the stepping loop, and the isotherm radii at the end.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The standard run (issue 12). */
static const double SPACING_MM = 0.25, SIZE_R_MM = 30, SIZE_Z_MM = 60;
static const double K_U = 0.5, K_F = 2.0, C_U = 3.6e6, C_F = 1.8e6, LATENT = 2.5e8;
static const double T_SOL = -8, T_LIQ = -1, W_PERF = 2500, Q_MET = 0, T_ART = 37, T_INIT = 37;
static const double T_SKIN = 37, T_FAR = 37;
static const double PROBE_D_MM = 1.47, PROBE_LEN_MM = 20, PROBE_TIP_MM = 30, PROBE_C = -150;
static const double FREEZE1_S = 600, THAW_S = 300, FREEZE2_S = 600, OUTPUT_S = 60;

enum { TISSUE = 0, PROBE = 1, SHAFT = 3 };

static double nowS(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

static double cpuS(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

static void *alloc(size_t bytes) {
  void *p = aligned_alloc(64, (bytes + 63) / 64 * 64);
  if (!p) { fprintf(stderr, "out of memory\n"); exit(1); }
  memset(p, 0, bytes);
  return p;
}

/* Grid, material constants (relative enthalpy H' = H − H(37 °C)), per-cell state. */
static int nx, nz, NX, NZ;
static float *H, *T, *K, *FL, *ACT, *GE, *GW, *FX, *FD, *FU;
static float hSol, hLiq, cF0, cM0, cU0, iCf, iCm, iCu, fl0, iHl, kf, dk, wPerf, wtaq, idx2, idz2;

/* Boundary links: cell, face area / (cell volume · distance to the surface) (1/m²), wall temperature, area weight. */
typedef struct { int cell; float coef; float tref; double weight; } Link;
static Link *probeLinks, *wallLinks;
static int nProbe, nWall;

static inline float hmean(float a, float b) { return 2.0f * a * b / (a + b + 1e-30f); }

/* T, k and perfusion factor of a cell from H' (the f32 engine kernel's rowState). */
static inline void cellState(int c) {
  const float h = H[c];
  const int frozen = h <= hSol, unfrozen = h >= hLiq;
  const float t = frozen ? cF0 + h * iCf : unfrozen ? cU0 + h * iCu : cM0 + h * iCm;
  const float fl = frozen ? 0.0f : unfrozen ? 1.0f : fl0 + h * iHl;
  T[c] = t;
  K[c] = ACT[c] * (kf + fl * dk);
  FL[c] = fl * ACT[c];
}

/*
 * One row of a step: its east-face fluxes and the fluxes to the row below from the old state,
 * then H' and the state of the row (no later flux of the step needs the row's old state).
 * Its own function, so the restrict parameters let the compiler vectorise every loop.
 */
__attribute__((noinline)) static void sweepRow(
    float *restrict h, float *restrict t, float *restrict kk, float *restrict fl, const float *restrict act,
    const float *restrict tb, const float *restrict kb, float *restrict fx, float *restrict fd, const float *restrict fu, float dt) {
  const int n = NX;
  const float *restrict ge = GE, *restrict gw = GW;
  const float hS = hSol, hL = hLiq, cf0 = cF0, cm0 = cM0, cu0 = cU0, icf = iCf, icm = iCm, icu = iCu;
  const float f0 = fl0, ihl = iHl, kF = kf, dK = dk, w = wPerf, wq = wtaq, ix2 = idx2, iz2 = idz2;
  // Whole aligned rows: the halo columns at either end have k = 0, so their faces carry nothing.
  for (int i = 0; i < n; i++) fx[i] = hmean(kk[i], kk[i + 1]) * (t[i + 1] - t[i]);
  for (int i = 0; i < n; i++) fd[i] = hmean(kk[i], kb[i]) * (tb[i] - t[i]);
  for (int i = 0; i < n; i++) {
    const float tc = t[i];
    const float rate = ix2 * (ge[i] * fx[i] - gw[i] * fx[i - 1]) + iz2 * (fd[i] - fu[i]) + fl[i] * (wq - w * tc);
    const float hn = h[i] + dt * rate;
    h[i] = hn;
    const float tm = hn >= hL ? cu0 + hn * icu : cm0 + hn * icm;
    const float fm = hn >= hL ? 1.0f : f0 + hn * ihl;
    t[i] = hn <= hS ? cf0 + hn * icf : tm;
    const float f = hn <= hS ? 0.0f : fm;
    kk[i] = act[i] * (kF + f * dK);
    fl[i] = f * act[i];
  }
}

/* One explicit step: links from the old state, then the row sweep. */
static void step(float dt, int probeOn, float probeC) {
  for (int l = 0; l < nWall; l++) {
    const int c = wallLinks[l].cell;
    H[c] += dt * wallLinks[l].coef * K[c] * (wallLinks[l].tref - T[c]);
  }
  if (probeOn) {
    for (int l = 0; l < nProbe; l++) {
      const int c = probeLinks[l].cell;
      H[c] += dt * probeLinks[l].coef * K[c] * (probeC - T[c]);
    }
  }
  float *fu = FU, *fd = FD;
  memset(fu, 0, sizeof(float) * NX);
  for (int k = 1; k < NZ - 1; k++) {
    const int r = k * NX;
    sweepRow(H + r, T + r, K + r, FL + r, ACT + r, T + r + NX, K + r + NX, FX, fd, fu, dt);
    float *swap = fu; fu = fd; fd = swap;
  }
}

/* Largest r (mm) where a row's piecewise-linear profile is ≤ level (workers/engine/analysis/isotherms.ts, row pass). */
static double radiusBelow(const double *v, double level) {
  double radius = -1, d = SPACING_MM, first = d / 2;
  for (int k = 0; k < nz; k++) {
    const double *row = v + (size_t)k * nx;
    int open = row[0] <= level;
    if (open) radius = fmax(radius, 0);
    for (int i = 0; i + 1 < nx; i++) {
      const double a = row[i], b = row[i + 1];
      const int ia = a <= level, ib = b <= level;
      if (ia == ib) continue;
      const double x = first + i * d;
      const double cross = isnan(a) || isnan(b) ? x + d / 2 : x + (level - a) / (b - a) * d;
      radius = fmax(radius, cross);
      open = ib;
    }
    if (open) radius = fmax(radius, first + (nx - 1) * d + d / 2);
  }
  return radius;
}

int main(void) {
  const double d = SPACING_MM * 1e-3, a = PROBE_D_MM / 2, zTip = PROBE_TIP_MM, zTop = PROBE_TIP_MM - PROBE_LEN_MM;
  nx = (int)lround(SIZE_R_MM / SPACING_MM);
  nz = (int)lround(SIZE_Z_MM / SPACING_MM);
  NX = (nx + 2 + 15) / 16 * 16; /* whole 512-bit vectors per row; extra columns are inactive halo */
  NZ = nz + 2;
  const size_t n = (size_t)NX * NZ;
  H = alloc(n * 4); T = alloc(n * 4); K = alloc(n * 4); FL = alloc(n * 4); ACT = alloc(n * 4);
  GE = alloc(NX * 4); GW = alloc(NX * 4); FX = (float *)alloc((NX + 16) * 4) + 16; /* FX[-1] = 0: west of column 0 */ FD = alloc(NX * 4); FU = alloc(NX * 4);
  double *gE = alloc(NX * 8), *gW = alloc(NX * 8), *vol = alloc(NX * 8);
  for (int I = 0; I < NX; I++) {
    const double rc = I - 1 + 0.5;
    gE[I] = (I) / rc; gW[I] = (I - 1) / rc; vol[I] = 2 * M_PI * rc * d * d * d;
    GE[I] = (float)gE[I]; GW[I] = (float)gW[I];
  }
#define IDX(i, k) ((i) + 1 + NX * ((k) + 1))
  unsigned char *kind = alloc(n);
  memset(kind, 255, n);
  for (int k = 0; k < nz; k++) {
    for (int i = 0; i < nx; i++) {
      const double r = (i + 0.5) * SPACING_MM, z = (k + 0.5) * SPACING_MM;
      kind[IDX(i, k)] = r < a && z > zTop && z < zTip ? PROBE : r < a && z < zTop ? SHAFT : TISSUE;
    }
  }
  /* Tissue nearer the probe surface than half a cell along a grid line joins the probe. */
  const double half = SPACING_MM / 2 - 1e-9 * SPACING_MM;
  for (int pass = 0, changed = 1; pass < 8 && changed; pass++) {
    changed = 0;
    for (int k = 0; k < nz; k++) {
      for (int i = 0; i < nx; i++) {
        const int c = IDX(i, k);
        if (kind[c] != TISSUE) continue;
        const double r = (i + 0.5) * SPACING_MM, z = (k + 0.5) * SPACING_MM;
        if ((i > 0 && kind[c - 1] == PROBE && r - a < half) || (kind[c - NX] == PROBE && z - zTip < half)) {
          kind[c] = PROBE;
          changed = 1;
        }
      }
    }
  }
  /* Links. Probe: radial faces through r_face·ln(r/a), the face below the tip through z − z_tip. */
  probeLinks = alloc(sizeof(Link) * (nx + nz) * 2);
  wallLinks = alloc(sizeof(Link) * (nx + nz) * 2);
  double *linkS = alloc(sizeof(double) * (nx + nz) * 2), *wallS = alloc(sizeof(double) * (nx + nz) * 2);
  double *linkAT = alloc(sizeof(double) * (nx + nz) * 2), *wallAT = alloc(sizeof(double) * (nx + nz) * 2);
  for (int k = 0; k < nz; k++) {
    for (int i = 0; i < nx; i++) {
      const int c = IDX(i, k);
      if (kind[c] != TISSUE) continue;
      const double r = (i + 0.5) * SPACING_MM, z = (k + 0.5) * SPACING_MM;
      if (i > 0 && kind[c - 1] == PROBE) {
        linkAT[nProbe] = gW[i + 1] / d;
        linkS[nProbe] = (r - SPACING_MM / 2) * log(r / a) * 1e-3;
        probeLinks[nProbe++].cell = c;
      }
      if (kind[c - NX] == PROBE) {
        linkAT[nProbe] = 1 / d;
        linkS[nProbe] = (z - zTip) * 1e-3;
        probeLinks[nProbe++].cell = c;
      }
      if (k == 0) { wallAT[nWall] = 1 / d; wallS[nWall] = d / 2; wallLinks[nWall].tref = (float)T_SKIN; wallLinks[nWall++].cell = c; }
      if (k == nz - 1) { wallAT[nWall] = 1 / d; wallS[nWall] = d / 2; wallLinks[nWall].tref = (float)T_FAR; wallLinks[nWall++].cell = c; }
      if (i == nx - 1) { wallAT[nWall] = gE[i + 1] / d; wallS[nWall] = d / 2; wallLinks[nWall].tref = (float)T_FAR; wallLinks[nWall++].cell = c; }
    }
  }
  for (int l = 0; l < nProbe; l++) {
    probeLinks[l].coef = (float)(linkAT[l] / linkS[l]);
    probeLinks[l].weight = linkAT[l] * vol[probeLinks[l].cell % NX];
  }
  for (int l = 0; l < nWall; l++) wallLinks[l].coef = (float)(wallAT[l] / wallS[l]);

  /* Material constants, relative to H(37 °C) (workers/engine/simulation.ts writeRowConstants). */
  const double cm = (C_F + C_U) / 2 + LATENT / (T_LIQ - T_SOL);
  const double hLiqAbs = cm * (T_LIQ - T_SOL);
  const double h0 = T_INIT <= T_SOL ? C_F * (T_INIT - T_SOL) : T_INIT < T_LIQ ? cm * (T_INIT - T_SOL) : hLiqAbs + C_U * (T_INIT - T_LIQ);
  cF0 = (float)(T_SOL + h0 / C_F); cM0 = (float)(T_SOL + h0 / cm); cU0 = (float)(T_LIQ + (h0 - hLiqAbs) / C_U);
  iCf = (float)(1 / C_F); iCm = (float)(1 / cm); iCu = (float)(1 / C_U);
  hSol = (float)-h0; hLiq = (float)(hLiqAbs - h0); fl0 = (float)(h0 / hLiqAbs); iHl = (float)(1 / hLiqAbs);
  kf = (float)K_F; dk = (float)(K_U - K_F); wPerf = (float)W_PERF; wtaq = (float)(W_PERF * T_ART + Q_MET);
  idx2 = idz2 = (float)(1 / (d * d));
  for (size_t c = 0; c < n; c++) { ACT[c] = kind[c] == TISSUE; H[c] = 0; cellState((int)c); }

  /* Stability limit (workers/engine/stability.ts). */
  const double kmax = fmax(K_F, K_U), cmin = fmin(fmin(C_F, C_U), cm);
  double *diag = alloc(n * 8);
  for (int k = 0; k < nz; k++) {
    for (int i = 0; i < nx; i++) {
      const int c = IDX(i, k);
      if (kind[c] != TISSUE) continue;
#define KM(cc) (kind[cc] == TISSUE ? kmax : 0.0)
#define HM(x, y) (2 * (x) * (y) / ((x) + (y) + 1e-300))
      diag[c] = (gE[i + 1] * HM(kmax, KM(c + 1)) + gW[i + 1] * HM(kmax, KM(c - 1)) + HM(kmax, KM(c - NX)) + HM(kmax, KM(c + NX))) / (d * d) + W_PERF;
    }
  }
  for (int l = 0; l < nProbe; l++) diag[probeLinks[l].cell] += linkAT[l] * kmax / linkS[l];
  for (int l = 0; l < nWall; l++) diag[wallLinks[l].cell] += wallAT[l] * kmax / wallS[l];
  double dtMax = INFINITY;
  for (size_t c = 0; c < n; c++) if (diag[c] > 0) dtMax = fmin(dtMax, cmin / diag[c]);
  const double dt = 0.95 * dtMax;

  /* Protocol: output events every 60 s, whole steps then one shorter step to land on each. */
  const double segEnd[3] = {FREEZE1_S, FREEZE1_S + THAW_S, FREEZE1_S + THAW_S + FREEZE2_S};
  const int segFreeze[3] = {1, 0, 1};
  long steps = 0;
  int seg = -1;
  double time = 0;
  const double t0 = nowS(), c0 = cpuS();
  for (double target = OUTPUT_S; target <= segEnd[2] + 1e-9; target += OUTPUT_S) {
    while (seg + 1 < 3 && (seg < 0 || segEnd[seg] <= time + 1e-9)) {
      seg++;
      if (segFreeze[seg]) {
        /* cooldown_s = 0: the first step still sees the surface the probe had (its linked tissue, area-weighted). */
        double sum = 0, wsum = 0;
        for (int l = 0; l < nProbe; l++) { sum += probeLinks[l].weight * T[probeLinks[l].cell]; wsum += probeLinks[l].weight; }
        const int whole = (int)floor((target - time) / dt + 1e-9);
        if (whole >= 1) { step((float)dt, 1, (float)(sum / wsum)); time += dt; steps++; }
      }
    }
    const int whole = (int)floor((target - time) / dt + 1e-9);
    for (int s = 0; s < whole; s++) step((float)dt, segFreeze[seg], (float)PROBE_C);
    time += whole * dt;
    steps += whole;
    if (target - time > 1e-9) { step((float)(target - time), segFreeze[seg], (float)PROBE_C); steps++; }
    time = target;
  }
  const double wall = nowS() - t0, cpu = cpuS() - c0;

  /* The end field as the engine reads it: probe cells at the surface temperature, the shaft not a value. */
  double *field = alloc(sizeof(double) * nx * nz);
  for (int k = 0; k < nz; k++) {
    for (int i = 0; i < nx; i++) {
      const int c = IDX(i, k);
      field[i + nx * k] = kind[c] == TISSUE ? T[c] : kind[c] == PROBE ? PROBE_C : NAN;
    }
  }
  printf("{\"dt_s\":%.12g,\"steps\":%ld,\"time_s\":%.6f,\"wall_s\":%.4f,\"cpu_s\":%.4f,\"cells\":%d,\"grid\":[%d,%d],\"probe_links\":%d,\"wall_links\":%d,"
         "\"radius_mm\":{\"0\":%.4f,\"-20\":%.4f,\"-40\":%.4f}}\n",
         dt, steps, time, wall, cpu, nx * nz, nx, nz, nProbe, nWall, radiusBelow(field, 0), radiusBelow(field, -20), radiusBelow(field, -40));
  return 0;
}
