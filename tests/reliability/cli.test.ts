/**
 * The `cryo` command (in-process, as tests/support/cli.ts runs it) on generated files:
 * validate, run, sweep and compare exit 0 or 2 (never 1 for bad input), print one
 * `path: message` line per issue with no stack trace and no raw control characters
 * (properties.ts). Below, the concrete files that once broke that, kept as regressions.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS } from '../../scenarios/builtin.ts';
import { cryoInProcess } from '../support/cli.ts';
import { cliProperty, MIN_INPUTS, recorded } from './properties.ts';

const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe('cryo on generated files (property-based)', () => {
  it(cliProperty.title, async () => {
    const stats = await recorded(cliProperty);
    expect(stats.inputs).toBeGreaterThanOrEqual(Math.min(cliProperty.numRuns, MIN_INPUTS));
    expect(stats.accepted).toBeGreaterThan(0);
    expect(stats.extra['cryo run']).toBeGreaterThan(0);
    expect(stats.extra['cryo compare']).toBeGreaterThan(0);
  });
});

describe('regressions found by the properties', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cryo-reliability-regress-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a file that is not JSON gives one escaped line, even when it holds newlines and escape codes', async () => {
    // JSON.parse's message quotes the raw text around the error, newlines and ESC included.
    const path = join(dir, 'not-json.json');
    writeFileSync(path, '{"name":\n\u001b[2J\u001b[31mX\u2028}');
    const r = await cryoInProcess(['validate', path]);
    expect(r.code).toBe(2);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/not valid JSON/);
    expect(r.err).not.toMatch(RAW_CONTROL);
  });

  it('a scenario name with terminal escape codes is printed escaped by validate', async () => {
    const path = join(dir, 'hostile-name.json');
    writeFileSync(path, JSON.stringify({ ...BUILTIN_SCENARIOS['yoon-2016'], name: 'Yoon\u001b]0;owned\u0007\u001b[2J' }));
    const r = await cryoInProcess(['validate', path]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('ok: "Yoon\\u001b]0;owned\\u0007\\u001b[2J"');
    expect(r.out).not.toMatch(RAW_CONTROL);
  });

  it('a file nested 20 000 levels deep is refused on reading (cryo sweep overflowed the stack and exited 1)', async () => {
    const path = join(dir, 'deep.json');
    const n = 20_000;
    writeFileSync(path, JSON.stringify(BUILTIN_SCENARIOS['yoon-2016']).replace(/^\{/, `{"layers":${'['.repeat(n)}1${']'.repeat(n)},`));
    for (const args of [['validate', path], ['sweep', path, '--vary', 'name=a,b', '--workers', '1']]) {
      const r = await cryoInProcess(args);
      expect(r.code, r.err).toBe(2);
      expect(r.err).toBe(`${path}: nested more than 100 levels deep; a scenario file is a few levels deep — is this the right file?\n`);
    }
  });

  it('an unknown key with a newline stays on one line', async () => {
    const path = join(dir, 'newline-key.json');
    writeFileSync(path, JSON.stringify({ ...BUILTIN_SCENARIOS['yoon-2016'], 'evil\nprotocol[0].duration_s: fake': 1 }));
    const r = await cryoInProcess(['validate', path]);
    expect(r.code).toBe(2);
    expect(r.err).toBe('["evil\\nprotocol[0].duration_s: fake"]: unknown field in the scenario; allowed: schema, name, source, assumptions, geometry, tissue, layers, skin, far_field, probes, protocol, nerve, vessels, sensors, output, solver, adjuncts, uncertainty\n');
  });
});
