/**
 * `cryo ensemble` end to end on worker threads: a zero-width ensemble reproduces `cryo run`
 * figure for figure; a seeded ensemble is reproducible, and its shards merge to exactly the
 * unsharded document; bad requests are input errors.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../scenarios/schema.ts';
import type { EnsembleFile } from '../../workers/ensemble/ensemble-file.ts';
import { cryoInProcess } from '../support/cli.ts';
import { dir, tinyScenario, writeScenario } from '../sweep/sweep-fixtures.ts';

const read = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

describe('cryo ensemble', () => {
  it('with zero-width distributions every member reproduces cryo run exactly', async () => {
    const file = tinyScenario({
      uncertainty: {
        inputs: [
          { path: 'tissue.perfusion_w_m3k', distribution: 'normal', sd: 0 },
          { path: 'protocol[0].duration_s', distribution: 'uniform', min: 30, max: 30 },
        ],
        samples: 3,
      },
    });
    const path = writeScenario('zero-width.json', file);
    const runOut = join(dir, 'zero-run.json');
    expect((await cryoInProcess(['run', path, '--out', runOut, '--quiet'])).code).toBe(0);
    const ensOut = join(dir, 'zero-ens.json');
    const e = await cryoInProcess(['ensemble', path, '--out', ensOut, '--workers', '2']);
    expect(e.code, e.err).toBe(0);
    const r: Result = read(runOut);
    const doc: EnsembleFile = read(ensOut);
    const p = doc.protocols[0];
    expect(p.samples).toBe(3);
    for (const m of p.members) {
      expect(m.figures!.nerve!.min_c).toBe(r.nerve!.min_c);
      for (const [level, c] of Object.entries(r.nerve!.coverage)) expect(m.figures!.nerve!.fraction[level]).toBe(c.fraction);
      expect(m.figures!.skin).toEqual(r.skin);
      for (const [level, env] of Object.entries(r.envelope!)) expect(m.figures!.envelope[level].radius_mm).toBe(env.radius_mm);
    }
    expect(p.percentiles.nerve!.min_c).toEqual({ p10: r.nerve!.min_c, p50: r.nerve!.min_c, p90: r.nerve!.min_c });
    expect(p.probability.nerve_full_minus20).toBe(r.nerve!.coverage['-20'].fraction === 1 ? 1 : 0);
    // Bands over time collapse onto the run's own series (to the 0.1 µm the members keep).
    const b = p.bands_over_time!;
    expect(b.times_s).toEqual(r.times_s);
    for (const [level, series] of Object.entries(r.isotherms)) {
      const band = b.isotherms[level];
      series.radius_mm.forEach((v, i) => {
        for (const q of [band.radius_mm.p10[i], band.radius_mm.p50[i], band.radius_mm.p90[i]]) expect(q).toBeCloseTo(v ?? 0, 4);
        expect(band.length_mm.p50[i]).toBeCloseTo(series.length_mm[i] ?? 0, 4);
        expect(band.mid_radius_mm.p90[i]).toBeCloseTo(series.mid_radius_mm![i] ?? 0, 4);
        if (series.top_depth_mm[i] === null) expect(band.top_depth_mm.p50[i]).toBeNull();
        else expect(band.top_depth_mm.p50[i]).toBeCloseTo(series.top_depth_mm[i]!, 4);
      });
    }
  });

  it('is reproducible from its seed, and its shards merge to the unsharded document', async () => {
    const file = tinyScenario({
      uncertainty: {
        inputs: [{ path: 'tissue.perfusion_w_m3k', distribution: 'lognormal', sigma_log: 0.5 }],
        placement_error_mm: [1, 0, 1],
        samples: 5,
        seed: 9,
      },
    });
    const path = writeScenario('seeded.json', file);
    const whole = join(dir, 'whole.json');
    const again = join(dir, 'again.json');
    const parts = [1, 2].map((i) => join(dir, `part-${i}.json`));
    expect((await cryoInProcess(['ensemble', path, '--out', whole, '--workers', '2'])).code).toBe(0);
    expect((await cryoInProcess(['ensemble', path, '--out', again, '--workers', '1'])).code).toBe(0);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(whole, 'utf8'));
    for (const [i, part] of parts.entries()) expect((await cryoInProcess(['ensemble', path, '--shard', `${i + 1}/2`, '--out', part, '--workers', '2'])).code).toBe(0);
    expect(read(parts[0]).protocols[0].members.map((m: { index: number }) => m.index)).toEqual([0, 2, 4]);
    const merged = join(dir, 'merged.json');
    const m = await cryoInProcess(['ensemble', 'merge', ...parts.reverse(), '--out', merged]);
    expect(m.code, m.err).toBe(0);
    expect(readFileSync(merged, 'utf8')).toBe(readFileSync(whole, 'utf8'));
    const doc: EnsembleFile = read(whole);
    expect(new Set(doc.protocols[0].members.map((x) => x.inputs['tissue.perfusion_w_m3k'])).size).toBe(5);
    // Sensitivity and bands over time come with the document (and so survive the merge above).
    const p = doc.protocols[0];
    expect(p.sensitivity!.map((e) => e.input)).toContain('tissue.perfusion_w_m3k');
    expect(p.sensitivity!.map((e) => e.input)).toContain('placement.x_mm');
    const radius = p.bands_over_time!.isotherms['-20'].radius_mm;
    expect(p.bands_over_time!.times_s.length).toBe(radius.p50.length);
    radius.p50.forEach((v, i) => {
      expect(radius.p10[i]!).toBeLessThanOrEqual(v!);
      expect(v!).toBeLessThanOrEqual(radius.p90[i]!);
    });
    expect(Math.max(...radius.p90.map((v) => v ?? 0))).toBeGreaterThan(0);
    // A part alone is an incomplete merge, said so.
    const half = await cryoInProcess(['ensemble', 'merge', parts[0]]);
    expect(half.code).toBe(0);
    expect(JSON.parse(half.out).complete).toBe(false);
  });

  it('reports bad requests as input errors with the option or path', async () => {
    const path = writeScenario('plain.json', tinyScenario());
    const noSection = await cryoInProcess(['ensemble', path]);
    expect(noSection.code).toBe(2);
    expect(noSection.err).toMatch(/^uncertainty: missing: add an "uncertainty" section/);
    const tooMany = await cryoInProcess(['ensemble', path, '--samples', '1000000']);
    expect(tooMany.code).toBe(2);
    expect(tooMany.err).toMatch(/--samples: must be a whole number from 1 to 4096/);
    const comparison = await cryoInProcess(['ensemble', 'comparison-nerve-20mm']);
    expect(comparison.code).toBe(2);
    expect(comparison.err).toMatch(/^--uncertainty: a comparison has no uncertainty section/);
    const presets = join(dir, 'u-presets.json');
    writeFileSync(presets, JSON.stringify({ preset_ranges: true, samples: 2 }));
    const devices = await cryoInProcess(['ensemble', 'comparison-nerve-20mm', '--uncertainty', presets]);
    expect(devices.code).toBe(2);
    expect(devices.err).toMatch(/^uncertainty\.preset_ranges: the protocols use different devices.*use "preset_ranges": \["tissue"\]/);
    const notEnsemble = await cryoInProcess(['ensemble', 'merge', path]);
    expect(notEnsemble.code).toBe(2);
    expect(notEnsemble.err).toMatch(/not a cryo-ensemble\/1 document/);
  });
});

describe('cryo ensemble on a comparison', () => {
  it('gives every protocol the same sampled members (common random numbers)', async () => {
    const u = join(dir, 'u.json');
    writeFileSync(u, JSON.stringify({ placement_error_mm: [1, 0, 1], samples: 2, seed: 5 }));
    const out = join(dir, 'comparison-ensemble.json');
    const r = await cryoInProcess(['ensemble', 'comparison-nerve-20mm', '--uncertainty', u, '--spacing-mm', '1', '--workers', '2', '--out', out]);
    expect(r.code, r.err).toBe(0);
    const doc: EnsembleFile = read(out);
    expect(doc.protocols.length).toBeGreaterThan(1);
    for (const p of doc.protocols) {
      expect(p.samples).toBe(2);
      expect(p.members.map((m) => m.offset_mm)).toEqual(doc.protocols[0].members.map((m) => m.offset_mm));
    }
  });
});
