// Types of team-helper.mjs (a plain-JS module so Node can start it as a worker thread as is).
export declare const TEAM: {
  GEN: number; FAIL: number; RATIO: number; BOX: number; CMD: number; OP: number; N: number; LINKS: number;
  TIME: number; DT: number; TIME_END: number; ENERGY: number; TEXT: number; TEXT_BYTES: number;
};
export declare const OP: { STEP: number; DETACH: number; TWO_RATE: number };
export type HelperMessage = { kind: 'ready' } | { kind: 'error'; message: string };
export interface AttachMessage {
  kind: 'attach';
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  calls: [string, number[]][];
  thread: number;
  block: number;
  seen: number;
  fault?: HelperFault;
}
/** Tests only: after `afterChunks` chunks the helper throws, or stops answering ('hang'). */
export interface HelperFault {
  kind: 'throw' | 'hang';
  afterChunks: number;
}
export declare function serveHelper(post: (msg: HelperMessage) => void): (msg: AttachMessage) => void;
