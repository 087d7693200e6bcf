/**
 * JSON paths into a scenario FILE (before validation), as written on the command line:
 * `protocol[0].duration_s`, `probes[0].tip_mm[2]`, `tissue.perfusion_w_m3k`. Parsing and
 * checking a path against the file never throw; each problem comes back as a message that
 * says what to write instead.
 */

export type PathStep = { key: string } | { index: number };

const PATH_SYNTAX = /^[A-Za-z_][A-Za-z0-9_]*(\[\d+\])*(\.[A-Za-z_][A-Za-z0-9_]*(\[\d+\])*)*$/;
const PATH_EXAMPLE = 'write it like protocol[0].duration_s, probes[0].tip_mm[2] or tissue.perfusion_w_m3k';

/** The steps of a path, or a message saying why it is not one. */
export function parseJsonPath(path: string): { steps: PathStep[] } | { error: string } {
  if (!PATH_SYNTAX.test(path)) return { error: `'${path}' is not a JSON path; ${PATH_EXAMPLE}` };
  const steps: PathStep[] = [];
  for (const part of path.split('.')) {
    const name = part.slice(0, part.includes('[') ? part.indexOf('[') : undefined);
    steps.push({ key: name });
    for (const m of part.matchAll(/\[(\d+)\]/g)) steps.push({ index: Number(m[1]) });
  }
  return { steps };
}

/** The path of the first `count` steps, for messages (`probes[0].surface`). */
export function formatSteps(steps: readonly PathStep[], count = steps.length): string {
  let out = '';
  for (const s of steps.slice(0, count)) out += 'key' in s ? (out ? `.${s.key}` : s.key) : `[${s.index}]`;
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const kindOf = (v: unknown) => (Array.isArray(v) ? 'a list' : v === null ? 'null' : isObject(v) ? 'an object' : `a ${typeof v}`);

/**
 * Sets the value at `steps` in `root` (mutating it). Missing objects on the way are created
 * (e.g. `probes[0].surface.h_w_m2k` for a probe that takes its surface from a device preset:
 * the validator merges a partial surface over the preset's). Missing lists, indexes past the
 * end, and paths through numbers or strings are errors: there is no sensible value to invent.
 * Returns an error message, or null when the value was set.
 */
export function setAtPath(root: unknown, steps: readonly PathStep[], value: unknown): string | null {
  let node: unknown = root;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    const last = i === steps.length - 1;
    const here = formatSteps(steps, i) || '(scenario)';
    if ('key' in step) {
      if (!isObject(node)) return `${here} is ${kindOf(node)}, not an object with a field '${step.key}'`;
      if (last) {
        const old = node[step.key];
        if (old !== undefined && (typeof old === 'object' && old !== null))
          return `${formatSteps(steps)} is ${kindOf(old)}; vary one number inside it, e.g. ${formatSteps(steps)}${Array.isArray(old) ? '[0]' : '.<field>'}`;
        node[step.key] = value;
        return null;
      }
      if (node[step.key] === undefined) {
        const next = steps[i + 1];
        if ('index' in next) return `${formatSteps(steps, i + 1)} is missing; add the list to the scenario file before varying an entry of it`;
        node[step.key] = {};
      }
      node = node[step.key];
    } else {
      if (!Array.isArray(node)) return `${here} is ${kindOf(node)}, not a list that has an entry [${step.index}]`;
      if (step.index >= node.length)
        return `${here} has ${node.length} entr${node.length === 1 ? 'y' : 'ies'}${node.length ? ` (indexes 0–${node.length - 1})` : ''}; [${step.index}] does not exist`;
      if (last) {
        const old = node[step.index];
        if (typeof old === 'object' && old !== null)
          return `${formatSteps(steps)} is ${kindOf(old)}; vary one number inside it`;
        node[step.index] = value;
        return null;
      }
      node = node[step.index];
    }
  }
  return 'empty path';
}
