/**
 * Reads the scenario a user named (command line, calibration logs): a JSON file, or the id
 * of a built-in scenario. Unreadable files, bad JSON and absurdly deep nesting are
 * input errors with a path, like any other problem with the scenario.
 */
import { readFileSync } from 'node:fs';
import { BUILTIN_SCENARIOS } from '../../scenarios/builtin.ts';
import { nestingDepth } from '../../scenarios/checks.ts';
import { ScenarioInputError } from '../../scenarios/input-error.ts';
import { MAX_NESTING } from '../../scenarios/presets.ts';

export function loadScenarioInput(nameOrPath: string): unknown {
  if (Object.hasOwn(BUILTIN_SCENARIOS, nameOrPath)) return structuredClone(BUILTIN_SCENARIOS[nameOrPath]);
  let text: string;
  try {
    text = readFileSync(nameOrPath, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const ids = Object.keys(BUILTIN_SCENARIOS).join(', ');
    throw new ScenarioInputError([{
      path: nameOrPath,
      message: code === 'ENOENT' ? `no such file, and not a built-in scenario (built-ins: ${ids})` : `cannot read the file (${code ?? e})`,
    }]);
  }
  return parseJsonFile(nameOrPath, text, 'a scenario');
}

/**
 * Parses a file's text; bad JSON and absurd nesting are input errors. Later steps copy the
 * file (structuredClone in sweeps), which overflows the stack on JSON nested ~10 000 deep.
 */
export function parseJsonFile(path: string, text: string, what: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ScenarioInputError([{ path, message: `not valid JSON: ${(e as Error).message}` }]);
  }
  if (nestingDepth(value, MAX_NESTING) > MAX_NESTING) {
    throw new ScenarioInputError([{ path, message: `nested more than ${MAX_NESTING} levels deep; ${what} file is a few levels deep — is this the right file?` }]);
  }
  return value;
}
