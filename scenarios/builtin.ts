/**
 * The built-in scenarios, one per clinical protocol of the seed papers, and the built-in
 * comparison sets. The JSON files are imported statically so Vite, Vitest and tsx all
 * bundle or load them the same way; each is validated by tests/scenarios.
 */
import bittman2018 from './builtin/bittman-2018.json';
import calixte2019 from './builtin/calixte-2019.json';
import cazzato2016 from './builtin/cazzato-2016.json';
import comparisonNerve20mm from './builtin/comparison-nerve-20mm.json';
import friedman2012 from './builtin/friedman-2012.json';
import prologo2017 from './builtin/prologo-2017.json';
import tinnirello2025 from './builtin/tinnirello-2025.json';
import vonFalck2022 from './builtin/von-falck-2022.json';
import yoon2016 from './builtin/yoon-2016.json';
import {
  expandComparisonWith,
  validateComparisonWith,
  type ComparisonValidation,
  type ExpandedRun,
} from './comparison.ts';
import type { ComparisonFile, ScenarioFile } from './schema.ts';

// JSON imports are typed with plain `string` where the schema has literal unions.
const asScenario = (json: unknown) => json as ScenarioFile;

/** Keyed by id, in the order of the protocol table (physics/protocols reference). */
export const BUILTIN_SCENARIOS: Record<string, ScenarioFile> = {
  'cazzato-2016': asScenario(cazzato2016),
  'friedman-2012': asScenario(friedman2012),
  'von-falck-2022': asScenario(vonFalck2022),
  'prologo-2017': asScenario(prologo2017),
  'yoon-2016': asScenario(yoon2016),
  'calixte-2019': asScenario(calixte2019),
  'bittman-2018': asScenario(bittman2018),
  'tinnirello-2025': asScenario(tinnirello2025),
};

export const BUILTIN_COMPARISONS: Record<string, ComparisonFile> = {
  'comparison-nerve-20mm': comparisonNerve20mm as unknown as ComparisonFile,
};

/** The set's protocols (built-in ids) as scenario files on the set's anatomy. */
export function expandComparison(set: ComparisonFile): ExpandedRun[] {
  return expandComparisonWith(set, BUILTIN_SCENARIOS);
}

/** Validates a comparison set (any input) and every scenario it expands to. */
export function validateComparison(input: unknown): ComparisonValidation {
  return validateComparisonWith(input, BUILTIN_SCENARIOS);
}
