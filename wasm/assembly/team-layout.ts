/**
 * The thread team's block (bytes; host-allocated, B_BYTES long), read by kernel-simd-shared.ts
 * and written by its hosts. The shared kernel exports these as globals; wasm/write-layouts.mjs writes the hosts' copies from this file (npm run build:layouts, part of build:wasm)
 * (workers/team/team-layout.generated.mjs TEAM, wasm/layouts.generated.mjs TEAM_BLOCK_BYTES).
 */
// Counter and generation sit on their own cache lines.
export const B_COUNT: i32 = 0; // i32 threads arrived at the current barrier
export const B_GEN: i32 = 64; // i32 barrier generation
export const B_FAIL: i32 = 128; // i32 0 ok, else 1 + the thread that failed (or timed out waiting)
export const B_RATIO: i32 = 136; // i32 short steps per long step (two-rate chunks; B_N then counts long steps)
export const B_BOX: i32 = 140; // 6 × i32 the cold box (i0, i1, j0, j1, k0, k1) of a two-rate chunk
export const B_CMD: i32 = 192; // i32 command counter the helpers wait on (written by the host)
export const B_OP: i32 = 196; // i32 1 step, 2 detach, 3 two-rate step
export const B_N: i32 = 200; // i32 steps in this chunk
export const B_LINKS: i32 = 204; // i32 links in use
export const B_TIME: i32 = 208; // f64 time at the chunk's start (s)
export const B_DT: i32 = 216; // f64 step (s)
export const B_TIME_END: i32 = 224; // f64 time after the chunk (s), written by thread 0
export const B_ENERGY: i32 = 256; // f64 per thread (at most 64): boundary heat of its links (J)
export const B_TEXT: i32 = 768; // a failing helper's message (UTF-8, written by its host)
export const B_TEXT_BYTES: i32 = 256;
export const B_BYTES: i32 = 1024;
