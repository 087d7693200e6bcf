/**
 * A sweep worker thread: runs one scenario per message with the wasm kernel and answers
 * with the run's summary row, or with the reason it could not run. Runs are synchronous,
 * so one thread runs one scenario at a time; the pool keeps one thread per core busy.
 */
import { parentPort } from 'node:worker_threads';
import { formatIssues } from '../../scenarios/validate.ts';
import type { Scenario } from '../../scenarios/schema.ts';
import { ScenarioInputError } from '../../scenarios/input-error.ts';
import { runScenario } from '../engine/run.ts';
import { loadKernels } from '../node/kernel-node.ts';
import { withFreezeEndOutputs } from './freeze-outputs.ts';
import { summaryRow } from './sweep-columns.ts';
import type { WorkerReply, WorkerTask } from './sweep-pool.ts';

const kernel = loadKernels();
const port = parentPort!;

port.on('message', (task: WorkerTask) => {
  let reply: WorkerReply;
  try {
    if (task.full) {
      reply = { index: task.index, result: runScenario(task.scenario, kernel).result };
    } else {
      const scenario: Scenario = withFreezeEndOutputs(task.scenario);
      const { result } = runScenario(scenario, kernel);
      reply = { index: task.index, row: summaryRow(scenario, result) };
    }
  } catch (e) {
    // Engine input problems (a probe too thin for the grid, …) are this run's error, not the sweep's.
    const error = e instanceof ScenarioInputError ? formatIssues(e.issues) : e instanceof Error ? e.message : String(e);
    reply = { index: task.index, error };
  }
  port.postMessage(reply);
});
