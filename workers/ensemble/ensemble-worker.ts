/**
 * An ensemble worker thread: one task (member run plus its nerve offsets) per message,
 * answered with the members' figures or the reason the run failed.
 */
import { parentPort } from 'node:worker_threads';
import { formatIssues } from '../../scenarios/validate.ts';
import { ScenarioInputError } from '../../scenarios/input-error.ts';
import { loadKernels } from '../node/kernel-node.ts';
import { runTask, type EnsembleReply, type EnsembleTask } from './member-run.ts';

const kernels = loadKernels();
const port = parentPort!;

port.on('message', (task: EnsembleTask) => {
  let reply: EnsembleReply;
  try {
    reply = { index: task.index, figures: runTask(task, kernels) };
  } catch (e) {
    const error = e instanceof ScenarioInputError ? formatIssues(e.issues) : e instanceof Error ? e.message : String(e);
    reply = { index: task.index, error };
  }
  port.postMessage(reply);
});
