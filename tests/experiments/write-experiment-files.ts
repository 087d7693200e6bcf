/**
 * Writes the measured benches as scenario files (scenarios/experiments/) and their
 * thermocouple logs in the `cryo calibrate` format (scenarios/measurements/sarshoghi-2026/),
 * from the repository's copy of the Sarshoghi et al. 2026 data. Every number a scenario
 * carries is set here, with where it came from; the calibrated bench model is BENCH below
 * (fitted by `npm run validate:experiments`, which reports the fit). Rerun after changing it:
 *   npx tsx tests/experiments/write-experiment-files.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { BENCH, GEL, PBS_RUNS, PROBE_RADIUS_MM, WINDOW_S, type PbsRun } from './benches.ts';

const DATA = 'scenarios/measurements/sarshoghi-2026';
const OUT = 'scenarios/experiments';

/** The logger file as [time_s, ch1, ch3, ch4, ch5, ch6] rows (1 Hz, H:MM:SS times). */
function loggerRows(file: string): number[][] {
  const lines = readFileSync(`${DATA}/${file}`, 'utf8').trim().split('\n');
  return lines.slice(1).map((l) => {
    const [hms, ...rest] = l.split(',');
    const [h, m, s] = hms.split(':').map(Number);
    return [h * 3600 + m * 60 + s, ...rest.map(Number)];
  });
}

const round = (x: number, d = 3) => Number(x.toFixed(d));

/** Cycle-1 window of one replicate: time 0 at the freeze-start row, WINDOW_S of 1 Hz readings. */
function pbsWindow(run: PbsRun) {
  const rows = loggerRows(run.file);
  const base = rows[run.freezeStartRow][0];
  const window = rows.slice(run.freezeStartRow, run.freezeStartRow + WINDOW_S + 1).map((r) => [r[0] - base, ...r.slice(1)]);
  // The cryogen stops at the probe thermocouple's minimum (the source's t_nadir).
  let nadir = 0;
  window.forEach((r, i) => (r[1] < window[nadir][1] ? (nadir = i) : 0));
  // Starting medium temperature: the outermost thermocouple over the 5 s before the freeze (as the source).
  const before = rows.slice(Math.max(0, run.freezeStartRow - 5), run.freezeStartRow);
  const initialC = round(before.reduce((a, r) => a + r[5], 0) / before.length, 2);
  return { window, freezeEndS: window[nadir][0], initialC };
}

const SENSORS_MM = [1.8, 2.8, 4.8, 6.8];
const sensorName = (mm: number) => `tc_${mm}mm`;

function frontRows(): string[] {
  const lines = readFileSync(`${DATA}/Fig1g_iceball_front_2x6_crossings.csv`, 'utf8').trim().split('\n').slice(1);
  return lines
    .map((l) => l.split(','))
    .filter((f) => f[0] === 'Cycle 1')
    .map((f) => `${Number(f[1]) * 60},front,${round(Number(f[2]) + PROBE_RADIUS_MM, 4)},${BENCH.freezing_c}`);
}

function pbsLog(run: PbsRun, w: ReturnType<typeof pbsWindow>): string {
  const lines = [
    `# Thermocouples of the IceSphere 17G saline (PBS) bench, replicate ${run.id}, cycle 1, for cryo calibrate.`,
    `# source: Sarshoghi et al. 2026 (github.com/armansarshoghi/Cryoablation-Dosimetry, MIT), ${run.file} rows ${run.freezeStartRow}–${run.freezeStartRow + WINDOW_S}; Channel 3/4/5/6 = 1.8/2.8/4.8/6.8 mm from the probe axis`,
    `# scenario: ../../experiments/${run.scenario}`,
    `# freeze_end_s: ${w.freezeEndS}`,
    '# time 0 = the freeze-start row (the last reading before the probe thermocouple drops); readings as logged, not smoothed',
    `# front rows: the ice front (${BENCH.freezing_c} °C) at 1/2/3 min, mean of N1–N3 (Fig1g crossings, cycle 1), distance from the probe surface + the ${PROBE_RADIUS_MM} mm probe radius`,
    'time_s,sensor,distance_mm,temperature_c',
  ];
  for (const r of w.window) SENSORS_MM.forEach((mm, j) => lines.push(`${r[0]},${sensorName(mm)},${mm},${r[2 + j]}`));
  lines.push(...frontRows());
  return lines.join('\n') + '\n';
}

function pbsScenario(run: PbsRun, w: ReturnType<typeof pbsWindow>) {
  const b = BENCH;
  const tip = b.tip_depth_mm;
  const zMid = tip - b.active_length_mm / 2;
  return {
    schema: 'cryo-scenario/1',
    name: `Sarshoghi 2026 IceSphere 17G in PBS, replicate ${run.id}, cycle 1`,
    source:
      `Sarshoghi et al. 2026, github.com/armansarshoghi/Cryoablation-Dosimetry (MIT; copy and licence in scenarios/measurements/sarshoghi-2026/): ` +
      `probe trace = logger Channel 1 of ${run.file} from row ${run.freezeStartRow} (time 0), every 1 s for ${WINDOW_S} s; thermocouples Channel 3–6; ` +
      `bench model calibrated on replicate N1 by npm run validate:experiments (docs/experiments.md)`,
    assumptions: [
      `time 0 = row ${run.freezeStartRow} of the cycle-1 file (the freeze start the source uses); the cryogen stops at the probe thermocouple's minimum, ${w.freezeEndS} s`,
      `medium starts at ${w.initialC} °C: the 6.8 mm thermocouple's mean over the 5 s before the freeze (the source's rule)`,
      `probe surface = probe thermocouple + offset_c ${run.offset_c} °C (${run.offsetWhy})`,
      `calibrated on N1 (npm run validate:experiments, docs/experiments.md): k_unfrozen_w_mk ${b.k_medium_w_mk} W/m/K = water with natural ` +
        `convection (Nu ≈ ${Math.round(b.k_medium_w_mk / 0.6)}), bath_exchange_w_m3k ${b.bath_w_m3k} W/m³/K = the liquid's exchange with its convecting bulk ` +
        `(mixing time c/h_v ≈ ${Math.round(4.18e6 / b.bath_w_m3k)} s) as a finite bath of ` +
        `bath_heat_capacity_j_k ${b.bath_heat_capacity_j_k} J/K (≈ ${Math.round(b.bath_heat_capacity_j_k / 4.18)} ml of water: the liquid and what it touches; ` +
        `the source states no well or reservoir volume) that the freeze cools and its surroundings rewarm through bath_room_w_k ${b.bath_room_w_k} W/K ` +
        `(toward the starting temperature, where the medium sat before the freeze); surface lag_s ${b.lag_s} s behind the probe thermocouple; ` +
        `active_length_mm ${b.active_length_mm} (labelled)`,
      ...b.assumptions,
    ],
    geometry: { mode: 'axisymmetric', spacing_mm: 0.25, size_mm: [b.far_radius_mm, b.depth_mm] },
    tissue: {
      preset: 'saline',
      k_unfrozen_w_mk: b.k_medium_w_mk,
      latent_j_m3: b.latent_j_m3,
      solidus_c: round(b.freezing_c - b.mushy_half_width_c, 2),
      liquidus_c: round(b.freezing_c + b.mushy_half_width_c, 2),
      bath_exchange_w_m3k: b.bath_w_m3k,
      bath_c: w.initialC,
      bath_heat_capacity_j_k: b.bath_heat_capacity_j_k,
      bath_room_w_k: b.bath_room_w_k,
      initial_c: w.initialC,
      // Calibrated with ice at a constant 2.22 W/m/K: pinned, so a preset default of the ice law does not shift the fit.
      k_frozen_model: 'constant',
      c_frozen_model: 'constant',
    },
    skin: { boundary: 'insulated' },
    far_field: b.far_field,
    probes: [{
      device: 'icesphere-17g',
      diameter_mm: 2 * PROBE_RADIUS_MM,
      active_length_mm: b.active_length_mm,
      tip_mm: [0, 0, tip],
      direction: [0, 0, 1],
      surface: { model: 'trace', points: w.window.map((r) => [r[0], r[1]]), offset_c: run.offset_c, lag_s: b.lag_s },
    }],
    protocol: [
      { phase: 'freeze', duration_s: w.freezeEndS },
      { phase: 'passive_thaw', duration_s: WINDOW_S - w.freezeEndS },
    ],
    sensors: SENSORS_MM.map((mm) => ({ name: sensorName(mm), position_mm: [mm, 0, zMid] })),
    output: { interval_s: 5, isotherms_c: [b.freezing_c, -20, -40] },
  };
}

/** fig3c: [time_s, mean at 4.4 … 14.4 mm from the axis] every 5 s. */
function gelRows(): number[][] {
  const lines = readFileSync(`${DATA}/fig3c_3D_traces_5s.csv`, 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const cols = header.map((h, i) => (/_measured_mean_C$/.test(h) ? i : -1)).filter((i) => i >= 0);
  return lines.slice(1).map((l) => {
    const f = l.split(',').map(Number);
    return [f[0], ...cols.map((i) => f[i])];
  });
}

const GEL_SENSORS_MM = [4.4, 6.4, 8.4, 10.4, 12.4, 14.4];

function gelLog(rows: number[][]): string {
  const lines = [
    '# Thermocouples of the IceSphere 17G GelMA construct ("3D"), mean of the source\'s replicates, for cryo calibrate.',
    '# source: Sarshoghi et al. 2026 (github.com/armansarshoghi/Cryoablation-Dosimetry, MIT), figure_source_data/Fig3c_3D_thermal_traces.csv, measured means every 5 s; 3.65…13.65 mm from the probe surface = 4.4…14.4 mm from the axis',
    '# scenario: ../../experiments/sarshoghi-icesphere-gelma.json',
    `# freeze_end_s: ${rows.at(-1)![0]}`,
    '# the 12.4 mm thermocouple reads ~1.8 °C below the others before the freeze; the source adds +1.0 °C to it, this log keeps the reading',
    'time_s,sensor,distance_mm,temperature_c',
  ];
  for (const r of rows) GEL_SENSORS_MM.forEach((mm, j) => lines.push(`${r[0]},${sensorName(mm)},${mm},${r[1 + j]}`));
  return lines.join('\n') + '\n';
}

function gelScenario(rows: number[][]) {
  const g = GEL;
  const zMid = g.tip_depth_mm - g.active_length_mm / 2;
  return {
    schema: 'cryo-scenario/1',
    name: 'Sarshoghi 2026 IceSphere 17G in a GelMA construct',
    source:
      'Sarshoghi et al. 2026, github.com/armansarshoghi/Cryoablation-Dosimetry (MIT; copy in scenarios/measurements/sarshoghi-2026/): ' +
      'GelMA freezing point −2.8 °C, latent heat 284 kJ/kg, start 29.23 °C, thermocouples 4.4…14.4 mm from the axis (fig3c); ' +
      'probe surface temperature fitted on the 4.4 mm thermocouple by npm run validate:experiments (docs/experiments.md)',
    assumptions: [
      'no probe thermocouple in the data: the surface is a held temperature (cool-down time constant below), its value fitted on the innermost (4.4 mm) thermocouple — one probe parameter, as the source fits one offset on its innermost thermocouple',
      ...g.assumptions,
    ],
    geometry: { mode: 'axisymmetric', spacing_mm: 0.25, size_mm: [g.far_radius_mm, g.depth_mm] },
    tissue: {
      preset: 'gelma',
      solidus_c: round(g.freezing_c - g.mushy_half_width_c, 2),
      liquidus_c: round(g.freezing_c + g.mushy_half_width_c, 2),
      initial_c: g.initial_c,
      bath_c: g.initial_c,
      k_frozen_model: 'constant',
      c_frozen_model: 'constant',
    },
    skin: { boundary: 'insulated' },
    far_field: { boundary: 'temperature', temperature_c: g.initial_c },
    probes: [{
      device: 'icesphere-17g',
      diameter_mm: 2 * PROBE_RADIUS_MM,
      active_length_mm: g.active_length_mm,
      tip_mm: [0, 0, g.tip_depth_mm],
      direction: [0, 0, 1],
      surface: { model: 'temperature', temperature_c: g.surface_c, cooldown_s: g.cooldown_s },
    }],
    protocol: [{ phase: 'freeze', duration_s: rows.at(-1)![0] }],
    sensors: GEL_SENSORS_MM.map((mm) => ({ name: sensorName(mm), position_mm: [mm, 0, zMid] })),
    output: { interval_s: 5, isotherms_c: [g.freezing_c, -20, -40] },
  };
}

for (const run of PBS_RUNS) {
  const w = pbsWindow(run);
  writeFileSync(`${DATA}/${run.log}`, pbsLog(run, w));
  writeFileSync(`${OUT}/${run.scenario}`, compactJson(pbsScenario(run, w)));
  process.stderr.write(`${run.id}: start ${w.initialC} °C, cryogen off at ${w.freezeEndS} s → ${OUT}/${run.scenario}, ${DATA}/${run.log}\n`);
}
const gel = gelRows();
writeFileSync(`${DATA}/gelma-fig3c.log.csv`, gelLog(gel));
writeFileSync(`${OUT}/sarshoghi-icesphere-gelma.json`, compactJson(gelScenario(gel)));

/** Indented JSON with every list of numbers on one line: a 421-point trace stays readable. */
function compactJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/\[\s*(-?[\d.eE+-]+(?:,\s*-?[\d.eE+-]+)*)\s*\]/g, (_m, inner: string) => `[${inner.split(/,\s*/).join(', ')}]`) + '\n';
}
