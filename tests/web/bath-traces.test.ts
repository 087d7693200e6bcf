/** The history chart's bath traces: one dashed line per finite bath, on the result's times, none without a bath. */
import { describe, expect, it } from 'vitest';
import { bathLegendName, bathTraces } from '../../web/lib/bath-traces.ts';
import { makeResult } from './fixtures/results.ts';

describe('bath traces', () => {
  it('none when the result has no finite bath, or a malformed one (an imported pin)', () => {
    expect(bathTraces(makeResult())).toEqual([]);
    expect(bathTraces(makeResult({ bath: 'warm' as never }))).toEqual([]);
    expect(bathTraces(makeResult({ bath: [null, { medium: 'tissue' }] as never }))).toEqual([]);
  });

  it('one dashed line per bath on the output times in minutes, named for its medium', () => {
    const r = makeResult({
      bath: [
        { medium: 'tissue', temp_c: [27.2, 25, 23, 22] },
        { medium: 'layers[1].tissue', temp_c: [20, 19, 18, 18] },
      ],
    });
    const traces = bathTraces(r) as { name: string; x: number[]; y: number[]; line: { dash: string } }[];
    expect(traces.map((t) => t.name)).toEqual(['bath (well-mixed)', 'bath (well-mixed, layer 2)']);
    expect(traces[0].x).toEqual([0, 1, 2, 3]);
    expect(traces[0].y).toEqual([27.2, 25, 23, 22]);
    expect(traces[0].line.dash).toBe('dash');
    expect(traces[1].line.dash).not.toBe(traces[0].line.dash);
    expect(bathLegendName({ medium: 'layers[0].tissue', temp_c: [] })).toBe('bath (well-mixed, layer 1)');
  });
});
