/**
 * `cryo optimise` against exhaustive search: on a small fast case (1 mm grid, short freezes) the
 * bisection's shortest schedule lies within its stated tolerance of the shortest one an
 * exhaustive `cryo sweep` finds, for one freeze and for two; with an ensemble the chosen
 * schedule meets the probability and the one a tolerance shorter does not, reproducibly from
 * the seed; the run budget and the skin constraint are honoured and reported; bad options are
 * input errors.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cryoInProcess } from '../support/cli.ts';
import { dir, readCsv, tinyScenario, writeScenario } from '../sweep/sweep-fixtures.ts';

const oneFreeze = tinyScenario({ name: 'one freeze', protocol: [{ phase: 'freeze', duration_s: 60 }] });

/** Rows of a sweep CSV as objects. */
async function sweep(path: string, vary: string[]): Promise<Record<string, string>[]> {
  const out = join(dir, `sweep-${Math.random().toString(36).slice(2)}.csv`);
  const r = await cryoInProcess(['sweep', path, ...vary.flatMap((v) => ['--vary', v]), '--out', out, '--workers', '2']);
  expect(r.code, r.err).toBe(0);
  const [header, ...rows] = readCsv(readFileSync(out, 'utf8'));
  return rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i]])));
}

async function optimise(path: string, args: string[]) {
  const r = await cryoInProcess(['optimise', path, '--workers', '1', ...args]);
  return { ...r, summary: r.out ? JSON.parse(r.out) : null };
}

describe('cryo optimise finds what an exhaustive sweep finds', () => {
  it('one freeze: within the tolerance of the sweep\'s shortest duration meeting the target', async () => {
    const path = writeScenario('opt-one.json', oneFreeze);
    const rows = await sweep(path, ['protocol[0].duration_s=100:300:5']);
    const meeting = rows.filter((r) => Number(r['nerve_-20c_fraction']) === 1).map((r) => Number(r['protocol[0].duration_s']));
    expect(meeting.length).toBeGreaterThan(0);
    expect(meeting.length).toBeLessThan(rows.length); // the threshold lies inside the swept range
    const tSweep = Math.min(...meeting);
    const out = join(dir, 'opt-one-suggestion.json');
    const r = await optimise(path, ['--samples', '1', '--cycles', '1', '--max-total-s', '300', '--tolerance-s', '5', '--out', out]);
    expect(r.code, r.err).toBe(0);
    const chosen = r.summary.chosen;
    expect(Math.abs(chosen.freeze_s - tSweep)).toBeLessThanOrEqual(5);
    const [lo, hi] = r.summary.structures[0].bracket_s;
    expect(hi - lo).toBeLessThanOrEqual(5);
    // The suggestion is a scenario whose run meets the target.
    const check = await cryoInProcess(['run', out, '--out', join(dir, 'opt-one-run.json'), '--quiet']);
    expect(check.code, check.err).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'opt-one-run.json'), 'utf8')).nerve.coverage['-20'].fraction).toBe(1);
    expect(r.err).toMatch(/^optimise: 1 freeze, freeze \d+ s .*runs$/m);
  });

  it('two freezes: within the tolerance of the shortest equal pair an exhaustive two-parameter sweep finds', async () => {
    const path = writeScenario('opt-two.json', tinyScenario({ name: 'two freezes' }));
    const rows = await sweep(path, ['protocol[0].duration_s=40:160:10', 'protocol[2].duration_s=40:160:10']);
    const equal = rows.filter((r) => r['protocol[0].duration_s'] === r['protocol[2].duration_s']);
    const meeting = equal.filter((r) => Number(r['nerve_-20c_fraction']) === 1).map((r) => Number(r['protocol[0].duration_s']));
    expect(meeting.length).toBeGreaterThan(0);
    expect(meeting.length).toBeLessThan(equal.length);
    const tSweep = Math.min(...meeting);
    const r = await optimise(path, ['--samples', '1', '--cycles', '2', '--thaw', 'passive', '--max-total-s', String(2 * 160 + 20), '--tolerance-s', '10']);
    expect(r.code, r.err).toBe(0);
    expect(r.summary.thaw_s).toBe(20); // the base scenario's thaw
    expect(r.summary.chosen.phases).toEqual([
      { phase: 'freeze', duration_s: r.summary.chosen.freeze_s },
      { phase: 'passive_thaw', duration_s: 20 },
      { phase: 'freeze', duration_s: r.summary.chosen.freeze_s },
    ]);
    expect(Math.abs(r.summary.chosen.freeze_s - tSweep)).toBeLessThanOrEqual(10);
  });
});

describe('cryo optimise --target nerve_block', () => {
  it('meets the dose–response block probability at the chosen duration and not at the bracket\'s lower end', async () => {
    const path = writeScenario('opt-block.json', oneFreeze);
    const out = join(dir, 'opt-block-suggestion.json');
    const r = await optimise(path, ['--samples', '1', '--target', 'nerve_block', '--probability', '0.95', '--cycles', '1', '--max-total-s', '400', '--tolerance-s', '5', '--out', out]);
    expect(r.code, r.err).toBe(0);
    const runOf = async (freezeS: number) => {
      const file = writeScenario(`opt-block-${freezeS}.json`, { ...oneFreeze, protocol: [{ phase: 'freeze', duration_s: freezeS }] });
      const res = join(dir, `opt-block-${freezeS}-run.json`);
      expect((await cryoInProcess(['run', file, '--out', res, '--quiet'])).code).toBe(0);
      return JSON.parse(readFileSync(res, 'utf8')).nerve.block_probability as number;
    };
    const [lo, hi] = r.summary.structures[0].bracket_s;
    expect(hi).toBe(r.summary.chosen.freeze_s);
    expect(await runOf(hi)).toBeGreaterThanOrEqual(0.95);
    expect(await runOf(lo)).toBeLessThan(0.95);
    expect(r.summary.chosen.probability).toBe(await runOf(hi));
  });
});

describe('cryo optimise --objective least-skin', () => {
  it('searches every structure and picks the feasible one with the largest median ice-to-skin gap', async () => {
    // The tip deeper than in the other cases, so the ice stays clear of the skin and the gaps differ.
    const path = writeScenario('opt-skin.json', tinyScenario({ name: 'least skin', probes: [{ device: 'icesphere-17g', tip_mm: [0, 0, 24] }] }));
    const r = await optimise(path, ['--samples', '1', '--objective', 'least-skin', '--cycles', '1,2', '--thaw', 'passive,active', '--max-total-s', '600', '--tolerance-s', '10']);
    expect(r.code, r.err).toBe(0);
    const { chosen, structures, candidates } = r.summary;
    expect(r.summary.objective).toBe('least-skin');
    const found = structures.filter((s: { freeze_s: number | null }) => s.freeze_s !== null);
    expect(found.length).toBe(3); // no pruning by total time under this objective
    const gapOf = (s: { structure: string; freeze_s: number }) =>
      candidates.find((c: { structure: string; freeze_s: number }) => c.structure === s.structure && c.freeze_s === s.freeze_s).skin_gap_p50_mm ?? Infinity;
    for (const s of found) expect(chosen.skin_gap_p50_mm ?? Infinity).toBeGreaterThanOrEqual(gapOf(s));
    expect(new Set(found.map(gapOf)).size).toBeGreaterThan(1); // a real choice, not a tie
    expect(chosen.skin_gap_p50_mm).toBeGreaterThan(0);
  });
});

describe('cryo optimise with an ensemble', () => {
  const uncertain = tinyScenario({ name: 'one freeze, placement error', protocol: [{ phase: 'freeze', duration_s: 60 }], uncertainty: { placement_error_mm: [1, 0, 1], samples: 32, seed: 3 } });

  it('meets the probability at the chosen duration and not a tolerance below, reproducibly', async () => {
    const path = writeScenario('opt-ens.json', uncertain);
    const args = ['--probability', '0.5', '--cycles', '1', '--max-total-s', '400', '--tolerance-s', '8'];
    const r = await optimise(path, args);
    expect(r.code, r.err).toBe(0);
    const { chosen, candidates, structures } = r.summary;
    expect(chosen.probability).toBeGreaterThanOrEqual(0.5);
    const lo = structures[0].bracket_s[0];
    const below = candidates.find((c: { freeze_s: number }) => c.freeze_s === lo);
    expect(below.probability).toBeLessThan(0.5);
    expect(chosen.freeze_s - lo).toBeLessThanOrEqual(8);
    // Probabilities grow with the duration over the candidates tried (common random numbers).
    const sorted = [...candidates].sort((a, b) => a.freeze_s - b.freeze_s);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i].probability).toBeGreaterThanOrEqual(sorted[i - 1].probability);
    expect(r.summary.samples).toBe(32);
    const again = await optimise(path, args);
    expect(again.out).toBe(r.out);
  });

  it('gives the same summary on worker threads as in one thread', async () => {
    const path = writeScenario(
      'opt-threads.json',
      tinyScenario({ name: 'threads', protocol: [{ phase: 'freeze', duration_s: 60 }], uncertainty: { inputs: [{ path: 'tissue.perfusion_w_m3k', distribution: 'lognormal', sigma_log: 0.5 }], samples: 4, seed: 2 } }),
    );
    const args = ['--probability', '0.75', '--cycles', '1', '--max-total-s', '300', '--tolerance-s', '40'];
    const one = await optimise(path, args);
    const two = await optimise(path, [...args, '--workers', '2']);
    expect(one.code, one.err).toBe(0);
    expect(two.out).toBe(one.out);
    expect(one.summary.runs).toBe(4 * one.summary.candidates.length);
  });

  it('honours the run budget and the skin margin, and says why nothing was found', async () => {
    const path = writeScenario('opt-budget.json', oneFreeze);
    const budget = await optimise(path, ['--samples', '1', '--max-runs', '3', '--max-total-s', '400']);
    expect(budget.summary.runs).toBeLessThanOrEqual(3);
    expect(budget.summary.budget_exhausted).toBe(true);
    // The probe's cold segment reaches 3 mm below the skin: ice there long before the nerve is covered.
    const skin = await optimise(path, ['--samples', '1', '--cycles', '1', '--skin-margin-mm', '5', '--max-total-s', '400']);
    expect(skin.code).toBe(1);
    expect(skin.summary.chosen).toBeNull();
    expect(skin.summary.structures[0].why).toMatch(/brings ice within the skin margin/);
    expect(skin.err).toMatch(/no allowed schedule meets the target/);
  });

  it('reports bad requests as input errors naming the option', async () => {
    const path = writeScenario('opt-bad.json', oneFreeze);
    const bad = async (args: string[], re: RegExp) => {
      const r = await cryoInProcess(['optimise', path, ...args]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(re);
    };
    await bad(['--probability', '1.5'], /^--probability: must be a probability in \(0, 1\], got 1\.5/m);
    await bad(['--cycles', '0,2'], /^--cycles: must be a comma list of freeze counts from 1 to 5/m);
    await bad(['--thaw', 'warm'], /^--thaw: must be a comma list of passive and\/or active/m);
    await bad(['--target', 'skin'], /^--target: must be one of nerve_full_minus20, nerve_full_minus40, nerve_block/m);
    await bad(['--objective', 'cheapest'], /^--objective: must be shortest .* or least-skin/m);
    await bad(['--max-runs', '1e9'], /^--max-runs: must be a whole number from 1 to 100000/m);
    await bad(['--samples', '8'], /^--samples: the scenario has no "uncertainty" section to sample/m);
    await bad(['--tolerance-s', 'NaN'], /^--tolerance-s: must be a whole number of seconds/m);
    const noNerve = writeScenario('opt-no-nerve.json', { ...oneFreeze, nerve: undefined });
    const r = await cryoInProcess(['optimise', noNerve]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^nerve: missing: the target nerve_full_minus20 is about the nerve/m);
    const onProtocol = writeScenario('opt-protocol-input.json', { ...oneFreeze, uncertainty: { inputs: [{ path: 'protocol[0].duration_s', distribution: 'uniform', min: 50, max: 70 }] } });
    const p = await cryoInProcess(['optimise', onProtocol]);
    expect(p.code).toBe(2);
    expect(p.err).toMatch(/the optimiser sets the protocol itself/);
  });
});
