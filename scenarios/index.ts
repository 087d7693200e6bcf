/**
 * Public API of the scenario layer: file-format types, presets and defaults, the
 * validator that resolves a scenario file into the engine's model, the built-in
 * scenarios and comparison sets, and the catalogue for `cryo list`.
 */
export * from './schema.ts';
export * from './presets.ts';
export { validateScenario, formatIssues, type ValidationResult } from './validate.ts';
export { cellCount, finestSpacing } from './validate-geometry.ts';
export {
  expandComparisonWith,
  validateComparisonWith,
  type ComparisonValidation,
  type ExpandedRun,
} from './comparison.ts';
export { BUILTIN_SCENARIOS, BUILTIN_COMPARISONS, expandComparison, validateComparison } from './builtin.ts';
export { listPresets, type CatalogEntry, type PresetCatalog } from './catalog.ts';
