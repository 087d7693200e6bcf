// Types of team-helper.mjs (a plain-JS module so Node can start it as a worker thread as is).
export { TEAM } from './team-layout.generated.mjs';
export declare const OP: { STEP: number; DETACH: number; TWO_RATE: number };
export declare const MAILBOX: { AT: number; GEN: number; BLOCK: number; SEEN: number; CALLS: number; DATA: number; BYTES: number };
export declare const CALL_NAMES: string[];
export type HelperMessage = { kind: 'ready' } | { kind: 'error'; message: string };
/** Sent once per helper when the team is made: what it steps with, for every run of the team. */
export interface JoinMessage {
  kind: 'join';
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  thread: number;
  fault?: HelperFault;
}
/**
 * Tests only: after `afterChunks` chunks the helper throws, or stops answering ('hang'); or it
 * pauses `ms`, as a thread descheduled on a busy machine, right after saying it is ready
 * ('slow-join') or after each chunk it steps ('pause-after-chunk').
 */
export type HelperFault = { kind: 'throw' | 'hang'; afterChunks: number } | { kind: 'slow-join' | 'pause-after-chunk'; ms: number };
export declare function serveHelper(post: (msg: HelperMessage) => void): (msg: JoinMessage) => void;
