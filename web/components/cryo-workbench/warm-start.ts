/**
 * Warm start: once the page has painted and the browser is idle, loads the charting library and
 * starts the simulation workers, each running the ticked protocols once on a draft grid (and the
 * first one again with implicit steps), so the first comparison does not wait for any of it: not
 * for the workers' start, and less for the JavaScript engine optimising the code a run uses,
 * which it does only once that code has run often enough. Measured on the
 * 8-protocol comparison at 0.25 mm, first run in a fresh browser: docs/performance.md
 * ("First comparison in a fresh page"). Plotly's first load holds the page's thread for seconds,
 * so it waits for a pause in the user's clicks and keys. Skipped when a run has already started
 * the pool, and where the page has no workers.
 */
import type { ReactiveController } from 'lit';
import type { ScenarioFile } from '../../../scenarios/schema.ts';
import { withChartOutputs } from '../../lib/analysis.ts';
import { loadPlotly } from '../../lib/plotly.ts';
import { comparedIds } from '../../lib/workspace-edits.ts';
import { WARM_START } from '../../ui-presets.ts';
import type { CryoWorkbench } from './cryo-workbench.ts';

export class WarmStartController implements ReactiveController {
  /** true once the warm-up has finished or was skipped (tests wait for it before counting workers) */
  done = false;
  /** when it began and when the workers and the charts were ready (performance.now() ms; read by the first-run bench) */
  readonly timings: { startedMs?: number; workersMs?: number; chartsMs?: number; draftsMs?: number } = {};
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastInputMs = -Infinity;
  private readonly noteInput = () => {
    this.lastInputMs = performance.now();
  };

  constructor(private host: CryoWorkbench) {
    host.addController(this);
  }

  hostConnected(): void {
    if (typeof Worker === 'undefined' || typeof window === 'undefined') {
      this.done = true;
      return;
    }
    if (!this.done) for (const type of INPUT_EVENTS) window.addEventListener(type, this.noteInput, { capture: true, passive: true });
    this.timer = setTimeout(() => {
      this.timer = null;
      const go = () => void this.warm();
      if ('requestIdleCallback' in window) window.requestIdleCallback(go, { timeout: 2 * WARM_START.delay_ms.value });
      else go();
    }, WARM_START.delay_ms.value);
  }

  hostDisconnected(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.stopListening();
  }

  private stopListening(): void {
    if (typeof window === 'undefined') return;
    for (const type of INPUT_EVENTS) window.removeEventListener(type, this.noteInput, { capture: true });
  }

  /** Resolves once the user has given no input for WARM_START.quiet_ms. */
  private async quiet(): Promise<void> {
    for (;;) {
      const waitMs = this.lastInputMs + WARM_START.quiet_ms.value - performance.now();
      if (waitMs <= 0) return;
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }

  private async warm(): Promise<void> {
    try {
      if (!this.host.isConnected || this.host.pool || this.host.running) return;
      const ids = comparedIds(this.host.ws).filter((id) => !this.host.issuesOf(id).length);
      const files = ids.flatMap((id) => this.host.scenarioOf(id) ?? []).map(withChartOutputs);
      this.timings.startedMs = performance.now();
      // Workers first: they start and compile on their own threads while Plotly's 4.6 MB is
      // parsed and run on this one.
      const pool = await this.host.ensurePool();
      const stamp = (key: 'workersMs' | 'chartsMs') => () => {
        this.timings[key] = performance.now();
      };
      // The reply lands when the page's thread is free (it may be parsing Plotly): the workers' own time is kept apart.
      const workers = files.length
        ? pool.warmUp(draftRuns(files), ids.length).then((replies) => {
            this.timings.draftsMs = Math.max(0, ...replies.map((r) => r.ms));
            stamp('workersMs')();
          })
        : undefined;
      const charts = this.quiet()
        .then(() => loadPlotly())
        .then(stamp('chartsMs'), () => undefined);
      await Promise.all([workers, charts]);
    } catch {
      // Only a head start: whatever failed here, the first real run does again and reports.
    } finally {
      this.done = true;
      this.stopListening();
    }
  }
}

/** What counts as the user being busy with the page. */
const INPUT_EVENTS = ['pointerdown', 'keydown', 'wheel'] as const;

/**
 * The warm-up runs: each protocol on the draft grid (at most WARM_START.protocols of them), its
 * schedule cut where its cells × simulated seconds reach WARM_START.cell_seconds, and the first
 * one again with implicit steps. A whole schedule, not its first seconds, since the code a run
 * spends its time in (phase switches, two-rate stepping, outputs, isotherms) gets optimised only
 * after running often.
 */
export function draftRuns(files: ScenarioFile[]): ScenarioFile[] {
  const drafts = files.slice(0, WARM_START.protocols.value).map(draftOf);
  return drafts.length ? [...drafts, { ...drafts[0], solver: { ...drafts[0].solver, integrator: 'implicit' } }] : [];
}

function draftOf(f: ScenarioFile): ScenarioFile {
  const spacing = Math.max(f.geometry.spacing_mm, WARM_START.spacing_mm.value);
  const cells = (f.geometry.size_mm ?? []).reduce((n, size) => n * Math.max(1, Math.round(size / spacing)), 1);
  return { ...f, geometry: { ...f.geometry, spacing_mm: spacing }, protocol: scheduleCut(f.protocol, WARM_START.cell_seconds.value / cells) };
}

/** The schedule's first `durationS` seconds: whole phases, the last one shortened. */
function scheduleCut(protocol: ScenarioFile['protocol'], durationS: number): ScenarioFile['protocol'] {
  const cut: ScenarioFile['protocol'] = [];
  let leftS = durationS;
  for (const phase of protocol) {
    if (leftS <= 0) break;
    cut.push(phase.duration_s > leftS ? { ...phase, duration_s: leftS } : phase);
    leftS -= phase.duration_s;
  }
  return cut;
}
