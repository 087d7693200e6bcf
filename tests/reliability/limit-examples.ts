/**
 * One scenario per resource limit that exceeds it (and only it, as far as possible), shared
 * by limits.test.ts, which checks the messages and their suggestions, and by the report,
 * which prints the message each one gets today.
 */
import { BUILTIN_SCENARIOS } from '../../scenarios/builtin.ts';

export type File = Record<string, any>;

export const vonFalck = (): File => structuredClone(BUILTIN_SCENARIOS['von-falck-2022']) as File;

export interface LimitExample {
  limit: string;
  what: string;
  file(): File;
}

export const LIMIT_EXAMPLES: LimitExample[] = [
  {
    limit: 'MAX_RUN_BYTES',
    what: 'von-falck-2022 at 0.0216 mm with the f64 kernel (3.86 M cells: under the cell limit, over 256 MiB)',
    file() {
      const f = vonFalck();
      f.geometry.spacing_mm = 0.0216;
      f.solver = { precision: 'f64' };
      f.protocol = [{ phase: 'freeze', duration_s: 1 }];
      return f;
    },
  },
  {
    limit: 'MAX_RUN_BYTES (padding)',
    what: 'a planar grid 4 cells wide and 1 000 000 deep: rows are padded to 8 cells',
    file: () => ({
      schema: 'cryo-scenario/1', name: 'narrow', geometry: { mode: 'planar', spacing_mm: 0.001, size_mm: [0.004, 1000] },
      tissue: { preset: 'gel' }, skin: { boundary: 'temperature', temperature_c: -20 }, probes: [],
      protocol: [{ phase: 'freeze', duration_s: 1e-3 }],
    }),
  },
  {
    limit: 'MAX_RUN_BYTES (repositions)',
    what: 'von-falck-2022 at 0.05 mm with 300 reposition phases (a cell map each)',
    file() {
      const f = vonFalck();
      f.geometry.spacing_mm = 0.05;
      f.protocol = [{ phase: 'freeze', duration_s: 1 }, ...Array.from({ length: 300 }, () => ({ phase: 'reposition', duration_s: 0.01, tip_mm: [0, 0, 25] }))];
      return f;
    },
  },
  {
    limit: 'MAX_CELL_UPDATES',
    what: 'von-falck-2022 (1080 s) at 0.05 mm',
    file() {
      const f = vonFalck();
      f.geometry.spacing_mm = 0.05;
      return f;
    },
  },
  {
    limit: 'MAX_CELL_UPDATES (tissue)',
    what: 'von-falck-2022 with a skin layer whose k_frozen is 900 W/m/K (a unit slip)',
    file() {
      const f = vonFalck();
      f.layers = [{ from_depth_mm: 0, to_depth_mm: 2, tissue: { preset: 'skin', k_frozen_w_mk: 900 } }];
      return f;
    },
  },
  {
    limit: 'MAX_CELL_UPDATES (solver.dt_s)',
    what: 'von-falck-2022 with solver.dt_s = 1e-6 s',
    file() {
      const f = vonFalck();
      f.solver = { dt_s: 1e-6 };
      return f;
    },
  },
  {
    limit: 'MAX_RESULT_VALUES',
    what: '24 h at 2 mm, output every second, 20 isotherms and 500 sensors',
    file() {
      const f = vonFalck();
      f.geometry.spacing_mm = 2;
      f.protocol = [{ phase: 'freeze', duration_s: 86400 }];
      f.output = { interval_s: 1, isotherms_c: Array.from({ length: 20 }, (_, i) => -5 * i) };
      f.sensors = Array.from({ length: 500 }, (_, i) => ({ name: `S${i}`, position_mm: [1, 0, 10] }));
      return f;
    },
  },
  {
    limit: 'MAX_CELLS_2D (existing)',
    what: 'von-falck-2022 at 0.01 mm',
    file() {
      const f = vonFalck();
      f.geometry.spacing_mm = 0.01;
      return f;
    },
  },
  {
    limit: 'MAX_OUTPUTS (existing)',
    what: '24 h with an output every 0.5 s',
    file() {
      const f = vonFalck();
      f.geometry.spacing_mm = 2;
      f.protocol = [{ phase: 'freeze', duration_s: 86400 }];
      f.output = { interval_s: 0.5 };
      return f;
    },
  },
];

export const example = (limit: string): File => LIMIT_EXAMPLES.find((e) => e.limit === limit)!.file();
