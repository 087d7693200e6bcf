/**
 * Reading and writing a scenario by JSON path, and the path strings the
 * validator uses (`probes[0].tip_mm[2]`), so editor fields and validation
 * messages meet on the same key.
 */
export type Path = (string | number)[];

export function pathString(path: Path): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${p}` : p;
  return s;
}

export function getIn(obj: unknown, path: Path): unknown {
  let cur: unknown = obj;
  for (const p of path) {
    if (cur === null || cur === undefined) return undefined;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return cur;
}

/** Returns a deep copy with the value at `path` replaced (undefined deletes it). */
export function setIn<T>(obj: T, path: Path, value: unknown): T {
  const copy = structuredClone(obj) as unknown as Record<string | number, unknown>;
  let cur: Record<string | number, unknown> = copy;
  for (let i = 0; i < path.length - 1; i++) {
    const p = path[i];
    if (cur[p] === undefined || cur[p] === null) cur[p] = typeof path[i + 1] === 'number' ? [] : {};
    cur = cur[p] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1];
  if (value === undefined) {
    if (Array.isArray(cur) && typeof last === 'number') cur.splice(last, 1);
    else delete cur[last];
  } else cur[last] = value;
  return copy as unknown as T;
}

/** Messages for one field: exact path, or elements of it (`tip_mm` gets `tip_mm[2]`). */
export function issuesFor(issues: { path: string; message: string }[], path: string): string[] {
  return issues.filter((i) => i.path === path || i.path.startsWith(path + '[') || i.path.startsWith(path + '.')).map((i) => i.message);
}
