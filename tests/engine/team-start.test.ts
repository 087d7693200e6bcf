/**
 * Starting a thread team's helpers (startHelpers, shared by the Node and browser hosts): ready
 * from every helper starts the team; an error, an exit or silence before that fails the start
 * with the helper's number and ends the team; a failure after it marks a helper lost.
 */
import { describe, expect, it } from 'vitest';
import { startHelpers, type HelperEvents, type ThreadTeam } from '../../workers/engine/thread-team.ts';

function fakeTeam() {
  const lost: string[] = [];
  let terminated = 0;
  const team = { helperLost: (m: string) => void lost.push(m), terminate: () => void terminated++ } as unknown as ThreadTeam;
  return { team, lost, terminated: () => terminated };
}

/** Workers that are nothing but the handlers startHelpers wired to them. */
const workers = (n: number) => Array.from({ length: n }, () => ({ on: null as HelperEvents | null }));
const listen = (w: { on: HelperEvents | null }, on: HelperEvents) => void (w.on = on);

describe('startHelpers', () => {
  it('resolves once every helper is ready; later failures mark a helper lost', async () => {
    const t = fakeTeam();
    const ws = workers(2);
    const started = startHelpers(t.team, ws, listen);
    ws[1].on!.message({ kind: 'ready' });
    ws[0].on!.message({ kind: 'ready' });
    await started;
    ws[0].on!.message({ kind: 'error', message: 'out of memory' });
    ws[1].on!.exit(1);
    expect(t.lost).toEqual(['helper thread 1: out of memory', 'helper thread 2 exited (code 1)']);
    expect(t.terminated()).toBe(0);
  });

  it('fails the start with the helper that failed, and ends the team', async () => {
    const cases: [(on: HelperEvents) => void, RegExp][] = [
      [(on) => on.message({ kind: 'error', message: 'no shared memory' }), /^helper thread 2: no shared memory$/],
      [(on) => on.error('could not load'), /^helper thread 2: could not load$/],
      [(on) => on.exit(3), /^helper thread 2 exited \(code 3\) while starting$/],
    ];
    for (const [failWith, message] of cases) {
      const t = fakeTeam();
      const ws = workers(2);
      const started = startHelpers(t.team, ws, listen);
      ws[0].on!.message({ kind: 'ready' });
      failWith(ws[1].on!);
      await expect(started).rejects.toThrow(message);
      expect(t.terminated()).toBe(1);
      expect(t.lost).toEqual([]);
    }
  });

  it('fails a helper that stays silent past the timeout', async () => {
    const t = fakeTeam();
    const ws = workers(1);
    await expect(startHelpers(t.team, ws, listen, 20)).rejects.toThrow(/^helper thread 1 did not start$/);
    expect(t.terminated()).toBe(1);
  });
});
