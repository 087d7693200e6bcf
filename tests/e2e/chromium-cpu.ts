/**
 * CPU seconds the Chromium processes started by this Node process have used, per thread name,
 * read from Linux's /proc (the web workers are threads of the page's renderer). Benches read it
 * before and after what they time: unlike wall time it depends little on what else the shared
 * machine is doing, so "CPU ÷ cores" estimates the wall time on free cores.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** CPU seconds used so far by those processes, all threads together. */
export function chromiumCpuS(): number | null {
  const t = chromiumThreads();
  return t && [...t.values()].reduce((a, v) => a + v, 0);
}

/** The same, per thread name (Linux's 15-character names: each web worker is a DedicatedWorker thread). */
export function chromiumThreads(): Map<string, number> | null {
  try {
    const procs = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).flatMap((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const close = stat.lastIndexOf(')');
        const comm = stat.slice(stat.indexOf('(') + 1, close);
        const f = stat.slice(close + 2).split(' ');
        return [{ pid: Number(pid), comm, ppid: Number(f[1]), cpuTicks: Number(f[11]) + Number(f[12]) }];
      } catch {
        return [];
      }
    });
    const mine = new Set([process.pid]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const p of procs) if (!mine.has(p.pid) && mine.has(p.ppid)) (mine.add(p.pid), (grew = true));
    }
    const byThread = new Map<string, number>();
    for (const p of procs.filter((x) => mine.has(x.pid) && x.comm.startsWith('chrom'))) {
      for (const tid of readdirSync(`/proc/${p.pid}/task`)) {
        try {
          const stat = readFileSync(`/proc/${p.pid}/task/${tid}/stat`, 'utf8');
          const close = stat.lastIndexOf(')');
          const name = stat.slice(stat.indexOf('(') + 1, close).replace(/[\d/]+$/, '').trim();
          const f = stat.slice(close + 2).split(' ');
          // Clock ticks are 1/100 s on Linux.
          byThread.set(name, (byThread.get(name) ?? 0) + (Number(f[11]) + Number(f[12])) / 100);
        } catch {
          /* the thread ended between the listing and the read */
        }
      }
    }
    return byThread;
  } catch {
    return null;
  }
}

/** CPU seconds per thread name used between two readings (threads under 0.05 s left out), most first. */
export function cpuSince(before: Map<string, number>, after: Map<string, number>): [string, number][] {
  return [...after]
    .map(([name, s]) => [name, s - (before.get(name) ?? 0)] as [string, number])
    .filter(([, s]) => s >= 0.05)
    .sort((x, y) => y[1] - x[1]);
}
