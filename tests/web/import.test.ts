/**
 * What counts as a scenario file before anything in the workspace changes:
 * corrupt files, other JSON, other cryo formats and newer versions are refused
 * with a reason; files without the `schema` tag (written before it was required)
 * are migrated to cryo-scenario/1 and still pass the CLI's validator; a byte
 * order mark is no reason to refuse.
 */
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../scenarios/validate.ts';
import { MAX_SCENARIO_BYTES, readScenarioText, readScenarioValue, sizeProblem } from '../../web/lib/import.ts';
import { scenarioFile } from './fixtures/results.ts';

const reason = (text: string) => {
  const r = readScenarioText(text);
  if (r.ok) throw new Error(`expected a refusal for ${text.slice(0, 60)}`);
  return r.reason;
};

describe('scenario import', () => {
  it('accepts a cryo-scenario/1 file as it is', () => {
    const r = readScenarioText(JSON.stringify(scenarioFile));
    expect(r).toEqual({ ok: true, file: scenarioFile, notes: [] });
  });

  it('refuses corrupt files with the reason', () => {
    expect(reason('')).toBe('is empty');
    expect(reason(JSON.stringify(scenarioFile).slice(0, 200))).toMatch(/^is not valid JSON \(.+\); it may be damaged/);
    const binary = reason('\u0000\u0001PK\u0003\u0004 binary');
    expect(binary).toMatch(/not valid JSON/);
    expect(binary).not.toMatch(/[\u0000-\u001f]/); // quoted bytes of a binary file stay printable
    expect(reason('<script>window.__pwned=1</script>')).toMatch(/not valid JSON/);
  });

  it('refuses JSON that is not a scenario, naming what it is', () => {
    expect(reason('[1,2,3]')).toMatch(/holds a JSON array, not a scenario/);
    expect(reason('42')).toMatch(/holds a number/);
    expect(reason('null')).toMatch(/holds null/);
    expect(reason('{"name":"shopping list","items":["milk"]}')).toMatch(/not a scenario: it has no "schema" and fields a scenario does not have \("items"\)/);
    expect(reason('{"name":"only a name"}')).toMatch(/none of "geometry", "probes", "protocol"/);
    expect(reason('{"schema":"cryo-result/1","scenario":"x"}')).toMatch(/is a run result/);
    expect(reason('{"schema":"cryo-comparison-results/1","runs":[]}')).toMatch(/runs\[i\]\.scenario/);
    expect(reason('{"schema":"cryo-comparison/1"}')).toMatch(/comparison set/);
    expect(reason('{"schema":"something-else/3"}')).toMatch(/not a scenario \(expected cryo-scenario\/1\)/);
    expect(reason('{"schema":7}')).toMatch(/not text/);
  });

  it('refuses a file written for a newer version, and says which', () => {
    const r = reason(JSON.stringify({ ...scenarioFile, schema: 'cryo-scenario/2', new_feature: { x: 1 } }));
    expect(r).toMatch(/written for a newer version of the workbench \(schema "cryo-scenario\/2"\); this version reads cryo-scenario\/1/);
    expect(reason(JSON.stringify({ ...scenarioFile, schema: 'cryo-scenario/0' }))).toMatch(/no version of the workbench wrote/);
  });

  it('migrates a file without "schema" (older files) and the result passes the validator', () => {
    const { schema: _drop, ...old } = scenarioFile as unknown as Record<string, unknown>;
    const r = readScenarioText(JSON.stringify(old));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.file).toEqual(scenarioFile);
    expect(r.notes[0]).toMatch(/no "schema" field/);
    expect(validateScenario(r.file).ok).toBe(true);
    // Files written before solver.precision or reposition phases existed are plain cryo-scenario/1.
    const noPrecision = { ...scenarioFile, solver: {} };
    expect(readScenarioValue(noPrecision)).toEqual({ ok: true, file: noPrecision, notes: [] });
  });

  it('reads a file with a byte order mark, and refuses an oversized one before reading it', () => {
    expect(readScenarioText('\ufeff' + JSON.stringify(scenarioFile)).ok).toBe(true);
    expect(sizeProblem(MAX_SCENARIO_BYTES)).toBeNull();
    expect(sizeProblem(MAX_SCENARIO_BYTES + 1)).toMatch(/too large to be a scenario file/);
    expect(readScenarioText('{}', 50 * 2 ** 20)).toMatchObject({ ok: false, reason: expect.stringMatching(/^is 50\.0 MB/) });
  });

  it('keeps hostile text out of its own messages\u2019 length', () => {
    const r = reason(JSON.stringify({ schema: 'x'.repeat(100_000) }));
    expect(r.length).toBeLessThan(200);
    const keys = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`<img src=x onerror=alert(${i})>`.repeat(5), 1]));
    expect(reason(JSON.stringify(keys)).length).toBeLessThan(1200);
  });
});
