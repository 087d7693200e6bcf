/**
 * Keeps the work in the browser: the workspace in localStorage shortly after each
 * change (and before the tab closes), the last results in IndexedDB after a run,
 * thinned to a frame budget, and both read back at start-up.
 */
import type { ReactiveController } from 'lit';
import { framesForStorage, isSavedResults, packFrames, RESULTS_KEY, unpackFrames, type SavedResults } from '../../lib/result-storage.ts';
import { loadResults, saveResults, saveWorkspaceJson } from '../../lib/storage.ts';
import { MAX_STORED_FRAME_MB, SAVE_DEBOUNCE_MS } from '../../ui-presets.ts';
import type { CryoWorkbench } from './cryo-workbench.ts';

export class PersistenceController implements ReactiveController {
  saveState: 'saved' | 'unsaved' | 'failed' = 'saved';
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private host: CryoWorkbench) {
    host.addController(this);
  }

  hostConnected(): void {
    this.scheduleSave();
    void this.restoreResults();
    window.addEventListener('beforeunload', this.flushSave);
  }

  hostDisconnected(): void {
    window.removeEventListener('beforeunload', this.flushSave);
    // Save now rather than from a timer that would outlive the workbench.
    if (this.timer) this.flushSave();
  }

  scheduleSave() {
    this.saveState = 'unsaved';
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(this.flushSave, SAVE_DEBOUNCE_MS.value);
    this.host.requestUpdate();
  }

  flushSave = () => {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const r = saveWorkspaceJson(this.host.ws);
    if (r.ok) this.saveState = 'saved';
    else if (this.saveState !== 'failed') {
      this.saveState = 'failed';
      this.host.messages.notify('error', r.message);
    }
    this.host.requestUpdate();
  };

  private async restoreResults() {
    const { value, message } = await loadResults<unknown>(RESULTS_KEY);
    const notify = this.host.messages.notify.bind(this.host.messages);
    if (message) notify('error', message);
    if (value === null) return;
    if (!isSavedResults(value)) {
      // Left in place: a later version may read it, and the next run replaces it anyway.
      return notify('error', 'The results saved in this browser are in a form this version cannot show; run the comparison again.');
    }
    if (value.runs.length && !this.host.runs.length) {
      const runs = await unpackFrames(value.runs);
      // A run started while the snapshots were read wins.
      if (this.host.runs.length) return;
      this.host.runs = runs;
      notify('info', `Showing the results saved on ${new Date(value.saved_at).toLocaleString()}.`);
    }
  }

  async persistResults() {
    const notify = this.host.messages.notify.bind(this.host.messages);
    const finished = this.host.runs.filter((r) => r.result);
    const { runs, perRun } = framesForStorage(finished, MAX_STORED_FRAME_MB.value * 1e6);
    if (perRun !== null) {
      notify(
        'info',
        perRun === 0
          ? 'The temperature-map snapshots are too large to keep in the browser; they stay available until you reload.'
          : `For browser storage the map keeps ${perRun} snapshots per protocol; the full set stays available until you reload.`,
      );
    }
    const payload: SavedResults = { saved_at: new Date().toISOString(), runs: await packFrames(runs) };
    let r = await saveResults(RESULTS_KEY, payload);
    if (!r.ok) {
      // Map frames are the bulk; keep at least the numbers.
      r = await saveResults(RESULTS_KEY, { ...payload, runs: payload.runs.map((x) => ({ ...x, frames: null })) });
      if (r.ok) notify('error', 'Results were saved in the browser without the temperature-map frames (not enough storage).');
      else notify('error', r.message);
    }
  }
}
