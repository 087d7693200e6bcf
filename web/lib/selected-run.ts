/** Which run the map, histories and pin button show: the selected protocol's result, else the first result. */
import type { RunRecord } from './analysis.ts';

export function selectedRun(runs: readonly RunRecord[], selectedId: string): RunRecord | null {
  return runs.find((r) => r.id === selectedId && r.result) ?? runs.find((r) => r.result) ?? null;
}
