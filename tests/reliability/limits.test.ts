/**
 * Resource limits of one run (scenarios/validate-budget.ts, limits in scenarios/presets.ts):
 * memory, time steps × cells, and result size. Each limit is shown to reject what exceeds it
 * with a message whose suggested spacing, protocol length or output interval really fits; the
 * estimates behind them are checked against the engine they stand in for (grid size, stable
 * time step, kernel memory), and every built-in stays well inside the budget.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS } from '../../scenarios/builtin.ts';
import {
  MAX_CELL_UPDATES,
  MAX_CELLS_2D,
  MAX_RESULT_VALUES,
  MAX_RUN_BYTES,
  RUN_BYTES_PER_CELL,
} from '../../scenarios/presets.ts';
import type { Issue, Scenario } from '../../scenarios/schema.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { cellCount } from '../../scenarios/validate-geometry.ts';
import { estimateRun, paddedCellCount, smallestFitting, stableStepEstimateS } from '../../scenarios/validate-budget.ts';
import { compileScenario } from '../../workers/engine/compile.ts';
import { Simulation } from '../../workers/engine/simulation.ts';
import { loadKernels } from '../../workers/node/kernel-node.ts';

import { example, type File, LIMIT_EXAMPLES, vonFalck } from './limit-examples.ts';

function issuesOf(file: File): Issue[] {
  const r = validateScenario(file);
  return r.ok ? [] : r.issues;
}
const accepted = (file: File): Scenario => {
  const r = validateScenario(file);
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return r.scenario;
};
const suggested = (message: string, what: RegExp) => Number(what.exec(message)![1].replace(/,/g, ''));
const MEMORY = /memory limit/;
const TIME = /cell updates/;

describe('memory per run', () => {
  it('rejects an f64 grid over the per-run memory, suggesting a spacing and the f32 kernel that fit', () => {
    const f = example('MAX_RUN_BYTES'); // 3.86 M cells: under the cell limit, over 256 MiB at 70 B per cell
    expect(cellCount(f.geometry.size_mm, 0.0216)).toBeLessThan(MAX_CELLS_2D);
    const issue = issuesOf(f).find((i) => MEMORY.test(i.message))!;
    expect(issue.path).toBe('geometry.spacing_mm');
    expect(issue.message).toMatch(/needs ≈ [\d,]+ MiB in one run .* over the per-run memory limit of 256 MiB/);
    expect(issue.message).toMatch(/solver\.precision "f32"/);
    const spacing = suggested(issue.message, /spacing_mm ≥ ([\d.]+)/);
    expect(spacing).toBeGreaterThan(0.0216);
    expect(issuesOf({ ...f, geometry: { ...f.geometry, spacing_mm: spacing } }).filter((i) => MEMORY.test(i.message))).toEqual([]);
    expect(issuesOf({ ...f, solver: { precision: 'f32' } }).filter((i) => MEMORY.test(i.message))).toEqual([]);
  });

  it('counts the implicit work area for solver.integrator "implicit", suggesting auto or explicit', () => {
    // von-falck-2022 at 0.035 mm: 1.48 M cells, 324 MiB implicit (226 B + a 4 B cell map per cell), 73 MiB explicit f32.
    const f: File = { ...vonFalck(), solver: { integrator: 'implicit' } };
    f.geometry.spacing_mm = 0.035;
    f.protocol = [{ phase: 'freeze', duration_s: 1 }];
    const issue = issuesOf(f).find((i) => MEMORY.test(i.message))!;
    expect(issue.path).toBe('geometry.spacing_mm');
    expect(issue.message).toMatch(/× 230 bytes: the implicit integrator \(f64 kernel and its work area\)\)/);
    expect(issue.message).toMatch(/solver\.integrator "auto" or "explicit" \(≈ [\d,]+ MiB\)/);
    // Followed, each fix fits: the default (auto falls back to explicit where implicit would not fit) and a coarser grid.
    expect(issuesOf({ ...f, solver: {} }).filter((i) => MEMORY.test(i.message))).toEqual([]);
    const spacing = suggested(issue.message, /spacing_mm ≥ ([\d.]+)/);
    expect(issuesOf({ ...f, geometry: { ...f.geometry, spacing_mm: spacing } }).filter((i) => MEMORY.test(i.message))).toEqual([]);
  });

  it('counts the halo and row padding: a 4-cell-wide grid is twice its cell count', () => {
    // Planar, no probe (the skin is held cold): 4 × 1 000 000 cells passes the cell limit,
    // but each row is padded to 8 cells, so the kernel allocates 8 M.
    const f = example('MAX_RUN_BYTES (padding)');
    expect(cellCount(f.geometry.size_mm, 0.001)).toBeLessThanOrEqual(MAX_CELLS_2D);
    expect(paddedCellCount(f.geometry.size_mm, 0.001)).toBe(8 * 1_000_002);
    const issue = issuesOf(f).find((i) => MEMORY.test(i.message));
    expect(issue?.message).toMatch(/8,000,016 cells with halo/);
  });

  it('counts a cell map per reposition phase and suggests fewer repositions', () => {
    const f = example('MAX_RUN_BYTES (repositions)');
    const issue = issuesOf(f).find((i) => MEMORY.test(i.message))!;
    expect(issue.message).toMatch(/301 probe positions/);
    expect(issue.message).toMatch(/fewer reposition phases/);
    f.protocol = f.protocol.slice(0, 3);
    expect(issuesOf(f).filter((i) => MEMORY.test(i.message))).toEqual([]);
  });
});

describe('time steps × cells per run', () => {
  it('rejects a fine grid over a long protocol, and both suggested fixes really fit', () => {
    const f = example('MAX_CELL_UPDATES');
    const issue = issuesOf(f).find((i) => TIME.test(i.message))!;
    expect(issue.path).toBe('geometry.spacing_mm');
    expect(issue.message).toMatch(/≈ [\d.]+e12 cell updates \(≥ [\d,]+ time steps of ≤ [\d.e-]+ s over 1,080 s, on [\d,]+ cells; the step is set by tissue \(k ≤ 2 W\/m\/K, C ≥ 1\.8e6 J\/m³\/K\)\) — about [\d.]+ h of computing/);
    const spacing = suggested(issue.message, /spacing_mm ≥ ([\d.]+)/);
    const seconds = suggested(issue.message, /shorten the protocol to ≤ ([\d,]+) s/);
    expect(accepted({ ...f, geometry: { ...f.geometry, spacing_mm: spacing } })).toBeTruthy();
    // The finest such spacing to two digits: one unit finer does not fit.
    const finer = Number((spacing - 0.001).toFixed(3));
    expect(issuesOf({ ...f, geometry: { ...f.geometry, spacing_mm: finer } }).some((i) => TIME.test(i.message))).toBe(true);
    const scale = seconds / 1080;
    const shorter = { ...f, protocol: f.protocol.map((p: File) => ({ ...p, duration_s: Math.floor(p.duration_s * scale * 1000) / 1000 })) };
    expect(issuesOf(shorter).filter((i) => TIME.test(i.message))).toEqual([]);
  });

  it('names the tissue that sets the step (a conductivity in the wrong unit)', () => {
    const f = example('MAX_CELL_UPDATES (tissue)');
    const issue = issuesOf(f).find((i) => TIME.test(i.message))!;
    expect(issue.message).toMatch(/the step is set by layers\[0\]\.tissue \(k ≤ 900 W\/m\/K/);
  });

  it('blames solver.dt_s when a tiny explicit step is the cause, and suggests omitting it', () => {
    const f = example('MAX_CELL_UPDATES (solver.dt_s)');
    const issue = issuesOf(f).find((i) => TIME.test(i.message))!;
    expect(issue.path).toBe('solver.dt_s');
    expect(issue.message).toMatch(/omit solver\.dt_s \(the stable step here is ≈ 0\.0134 s\)/);
  });
});

describe('result size', () => {
  it('rejects outputs × series beyond what one result can hold, suggesting an interval that fits', () => {
    const f = example('MAX_RESULT_VALUES');
    const issue = issuesOf(f).find((i) => i.path === 'output.interval_s')!;
    expect(issue.message).toMatch(/86,401 output frames × 603 numbers each .* = 52,099,803 numbers, over the limit of 5,000,000/);
    const interval = suggested(issue.message, /interval_s ≥ ([\d.]+)/);
    const s = accepted({ ...f, output: { ...f.output, interval_s: interval } });
    expect(estimateRun(s).resultValues).toBeLessThanOrEqual(MAX_RESULT_VALUES);
    expect(issuesOf({ ...f, output: { ...f.output, interval_s: interval - 1 } }).some((i) => i.path === 'output.interval_s')).toBe(true);
  });
});

describe('the estimates match the engine they stand in for', () => {
  const kernels = loadKernels();
  for (const [id, file] of Object.entries(BUILTIN_SCENARIOS)) {
    it(`${id}: grid, time step and memory`, () => {
      for (const [precision, integrator] of [['f32', 'explicit'], ['f64', 'explicit'], ['f32', 'implicit']] as const) {
        const s = accepted({ ...structuredClone(file), solver: { precision, integrator } });
        const e = estimateRun(s);
        expect(e.kernel).toBe(integrator === 'implicit' ? 'implicit' : precision);
        const model = compileScenario(s);
        expect(e.paddedCells).toBe(model.grid.NX * model.grid.NZ);
        // An upper bound of the engine's step (links only shorten it), and not a loose one.
        expect(e.dtS).toBeGreaterThanOrEqual(model.dtLimitS);
        expect(e.dtS).toBeLessThan(2 * model.dtLimitS);
        expect(e.steps).toBeLessThanOrEqual(Math.ceil(model.totalS / model.dtS));
        // The kernel's own allocation (with the implicit work area) fits in the bytes budgeted for it.
        const sim = new Simulation(kernels, model);
        expect(sim.implicit !== null).toBe(integrator === 'implicit');
        const kernelBytes = sim.kernel.memoryBytes;
        expect(kernelBytes).toBeLessThanOrEqual(e.paddedCells * (RUN_BYTES_PER_CELL[e.kernel] - 16) + 2 ** 17);
        expect(e.bytes).toBeGreaterThan(kernelBytes);
      }
    });
  }

  it('a 3D grid (yoon-2016 on 30 × 30 × 60 mm at 1 mm): grid, time step and memory', () => {
    for (const precision of ['f32', 'f64'] as const) {
      const s = accepted({ ...structuredClone(BUILTIN_SCENARIOS['yoon-2016']), geometry: { mode: '3d', spacing_mm: 1, size_mm: [30, 30, 60] }, solver: { precision, integrator: 'explicit' } });
      const e = estimateRun(s);
      const model = compileScenario(s);
      expect(e.paddedCells).toBe(model.grid.NX * model.grid.NY * model.grid.NZ);
      expect(e.dtS).toBeGreaterThanOrEqual(model.dtLimitS);
      expect(e.dtS).toBeLessThan(2 * model.dtLimitS);
      // A 3D probe surface has many boundary links (40 B each, growing with surface / h², not
      // with the cells); the run's whole per-cell allowance must still cover the kernel.
      const kernelBytes = new Simulation(kernels, model).kernel.memoryBytes;
      expect(kernelBytes).toBeLessThanOrEqual(e.bytes);
    }
  });

  it('every built-in is far inside the budget', () => {
    for (const file of Object.values(BUILTIN_SCENARIOS)) {
      const e = estimateRun(accepted(structuredClone(file)));
      expect(e.bytes).toBeLessThan(MAX_RUN_BYTES / 50);
      expect(e.cellUpdates).toBeLessThan(MAX_CELL_UPDATES / 50);
      expect(e.resultValues).toBeLessThan(MAX_RESULT_VALUES / 100);
    }
  });

  it('stable step: frozen tissue sets it, dt ≈ 0.95 C_f h² / (4 k_f)', () => {
    const generic = accepted(vonFalck()).tissue;
    const h = 0.25e-3;
    expect(stableStepEstimateS([generic], 0.25)).toBeCloseTo((0.95 * 1.8e6) / ((4 * 2.0) / (h * h) + generic.perfusion_w_m3k), 12);
  });

  it('3D grids: a y halo, and six faces in the stable step', () => {
    expect(paddedCellCount([10, 10, 10], 1)).toBe(12 * 12 * 12);
    expect(paddedCellCount([30, 60], 0.25)).toBe(124 * 242);
    const gel = accepted({ ...vonFalck(), tissue: { preset: 'gel' } }).tissue; // no perfusion: exactly 4/6
    expect(stableStepEstimateS([gel], 0.5, 3) / stableStepEstimateS([gel], 0.5, 2)).toBeCloseTo(4 / 6, 12);
  });

  it('smallestFitting finds the smallest two-digit value that fits', () => {
    expect(smallestFitting(0.1, (v) => v >= 0.1195)).toBe(0.12);
    expect(smallestFitting(0.5, (v) => v >= 0.987)).toBe(0.99);
    expect(smallestFitting(0.5, (v) => v >= 1.001)).toBe(1.1);
    expect(smallestFitting(3, (v) => v >= 4, 3.5)).toBeUndefined();
  });
});

describe('every example of the report is refused by its own limit', () => {
  for (const e of LIMIT_EXAMPLES) {
    it(`${e.limit}: ${e.what}`, () => {
      const r = validateScenario(e.file());
      expect(r.ok).toBe(false);
    });
  }
});
