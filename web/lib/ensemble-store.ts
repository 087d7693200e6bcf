/**
 * Keeps the last browser ensemble (the panel's table, bands and downloads) so it survives a
 * reload: one record in the workbench's IndexedDB store beside the run results (storage.ts's
 * saveResults / loadResults; one `put` is atomic, so a cut-short save leaves the previous one).
 * A record over the size cap, or a save the browser refuses, is not kept and the message says
 * how to keep it instead; a record this version cannot read is ignored with a message.
 */
import type { Uncertainty } from '../../scenarios/schema.ts';
import type { ProtocolEnsemble } from '../../workers/ensemble/ensemble-file.ts';
import { loadResults, saveResults, type SaveOutcome } from './storage.ts';
import { ENSEMBLE_UI } from '../ui-presets.ts';

const KEY = 'ensemble/last';
const FORMAT = 'cryo-workbench-ensemble/1';

export interface StoredEnsemble {
  format: typeof FORMAT;
  saved_at: string;
  /** the skin margin the summaries were made with */
  margin_mm: number;
  /** the protocol files the ensemble ran (to say when the setup has changed since) */
  files_key: string;
  elapsed_s: number;
  cancelled: boolean;
  protocols: { id: string; label: string; colour: string; uncertainty: Uncertainty; summary: ProtocolEnsemble }[];
}

export type NewStoredEnsemble = Omit<StoredEnsemble, 'format' | 'saved_at'>;

/** Size of the record as JSON, in MB (IndexedDB keeps it as a structured clone of about that size). */
export function storedSizeMb(e: NewStoredEnsemble): number {
  return JSON.stringify(e).length / 1e6;
}

export async function saveEnsemble(e: NewStoredEnsemble, capMb = ENSEMBLE_UI.maxStoredMb.value): Promise<SaveOutcome> {
  const mb = storedSizeMb(e);
  if (mb > capMb)
    return {
      ok: false,
      message: `This ensemble (${mb.toFixed(0)} MB) is larger than the ${capMb} MB the browser keeps, so it will not be here after a reload: download the members (CSV) or the ensemble (JSON) to keep it.`,
    };
  return saveResults(KEY, { format: FORMAT, saved_at: new Date().toISOString(), ...e });
}

function isStored(v: unknown): v is StoredEnsemble {
  const r = v as StoredEnsemble | null;
  return !!r && r.format === FORMAT && Array.isArray(r.protocols) && r.protocols.every((p) => p && typeof p.id === 'string' && p.summary && Array.isArray(p.summary.members)) && typeof r.margin_mm === 'number';
}

export async function loadEnsemble(): Promise<{ value: StoredEnsemble | null; message?: string }> {
  // A database that cannot be read (none in this browser, say) is not news at start-up: the next save says so.
  const { value } = await loadResults<unknown>(KEY);
  if (value === null) return { value: null };
  if (!isStored(value)) return { value: null, message: 'The ensemble kept in the browser is in a format this version cannot read; run it again.' };
  return { value };
}
