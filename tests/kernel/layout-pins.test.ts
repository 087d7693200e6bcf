/**
 * The memory layouts are defined once in AssemblyScript (wasm/assembly/layout.ts, row-layout.ts, team-layout.ts)
 * and exported by the compiled kernels as globals; the hosts (TypeScript and the helper thread's JavaScript)
 * import wasm/layouts.generated.mjs, written from those files by wasm/write-layouts.mjs. The generated file
 * must be current, and equal the exports of every kernel build, entry for entry.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MAT, MAT_STRIDE, OWN, OWN_STRIDE, OWNER_MODE } from '../../wasm/kernel-host.ts';
import { ROW, ROW_STRIDE, TEAM_BLOCK_BYTES } from '../../wasm/kernel-simd-host.ts';
import { TEAM } from '../../workers/team/team-helper.mjs';

const KERNELS = ['kernel', 'kernel-simd', 'kernel-simd-shared', 'implicit'] as const;

/** The exported globals of a compiled kernel, by name. */
function kernelConstants(name: (typeof KERNELS)[number]): Record<string, number> {
  const module = new WebAssembly.Module(readFileSync(new URL(`../../wasm/build/${name}.wasm`, import.meta.url)));
  const shared = name === 'kernel-simd-shared';
  const memory = new WebAssembly.Memory(shared ? { initial: 1, maximum: 65536, shared: true } : { initial: 1 });
  const exports = new WebAssembly.Instance(module, { env: { memory } }).exports;
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(exports)) if (value instanceof WebAssembly.Global) out[key] = Number(value.value);
  return out;
}

/** The kernel's constants with this prefix, prefix removed. */
function withPrefix(constants: Record<string, number>, prefix: string): Record<string, number> {
  return Object.fromEntries(Object.entries(constants).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));
}

describe('memory layouts: hosts against the compiled kernels', () => {
  it('wasm/layouts.generated.mjs is current with the AssemblyScript tables', () => {
    const script = fileURLToPath(new URL('../../wasm/write-layouts.mjs', import.meta.url));
    // Throws (non-zero exit, the stale file named on stderr) when a table changed without npm run build:layouts.
    expect(() => execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' })).not.toThrow();
  });

  for (const name of KERNELS) {
    it(`${name}: material and owner tables`, () => {
      const c = kernelConstants(name);
      expect(c.MAT_STRIDE).toBe(MAT_STRIDE);
      expect(c.OWN_STRIDE).toBe(OWN_STRIDE);
      expect(withPrefix(c, 'M_')).toEqual(MAT);
      expect(withPrefix(c, 'O_')).toEqual(OWN);
      expect(withPrefix(c, 'OM_')).toEqual(OWNER_MODE);
    });
  }

  for (const name of ['kernel-simd', 'kernel-simd-shared'] as const) {
    it(`${name}: the SIMD kernel's per-material rows`, () => {
      const c = kernelConstants(name);
      expect(c.ROW_STRIDE).toBe(ROW_STRIDE);
      expect(withPrefix(c, 'R_')).toEqual(ROW);
    });
  }

  it('kernel-simd-shared: the thread team block', () => {
    const { COUNT, BYTES, ...rest } = withPrefix(kernelConstants('kernel-simd-shared'), 'B_');
    // COUNT is the kernel's own barrier counter (no host touches it); BYTES is the block's size.
    expect(COUNT).toBeLessThan(rest.GEN);
    expect(BYTES).toBe(TEAM_BLOCK_BYTES);
    expect(rest).toEqual(TEAM);
    expect(TEAM.TEXT + TEAM.TEXT_BYTES).toBeLessThanOrEqual(TEAM_BLOCK_BYTES);
  });
});
