/**
 * Typed arrays the analysis passes reuse from one output time to the next. A typed array's
 * memory lives outside the JS heap; allocated afresh by every isotherm walk at every output, the
 * arrays cost Chromium's simulation workers more in allocation and background sweeping than the
 * walks themselves on a small grid. Each slot serves one pass at a time: a pass that takes a slot
 * must not call another pass that takes the same slot while it holds it.
 */
const f64Slots = new Map<string, Float64Array>();
const u8Slots = new Map<string, Uint8Array>();

/** A Float64Array of length n for `slot`; its contents are whatever the slot's last user left. */
export function scratchF64(slot: string, n: number): Float64Array {
  let a = f64Slots.get(slot);
  if (!a || a.length < n) f64Slots.set(slot, (a = new Float64Array(Math.max(n, 2 * (a?.length ?? 0)))));
  return a.length === n ? a : a.subarray(0, n);
}

/** A zeroed Uint8Array of length n for `slot`. */
export function scratchZeroedU8(slot: string, n: number): Uint8Array {
  let a = u8Slots.get(slot);
  if (!a || a.length < n) u8Slots.set(slot, (a = new Uint8Array(Math.max(n, 2 * (a?.length ?? 0)))));
  const out = a.length === n ? a : a.subarray(0, n);
  out.fill(0);
  return out;
}
