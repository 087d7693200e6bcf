// @vitest-environment happy-dom
/**
 * The history chart's bath traces: one dashed line per finite bath, on the result's times, none
 * without a bath; across protocols, each run's bath (a pinned run's too) in the run's colour.
 */
import { describe, expect, it } from 'vitest';
import { TemperatureHistoryChart } from '../../web/components/temperature-history-chart/temperature-history-chart.ts';
import { bathLegendName, bathTraces } from '../../web/lib/bath-traces.ts';
import { BATH_COLOUR } from '../../web/lib/palette.ts';
import { makePin, pinRun } from '../../web/lib/pins.ts';
import { makeResult, makeRun } from './fixtures/results.ts';

type Trace = { name: string; x: number[]; y: number[]; line: { color: string; dash?: string; width: number }; legendrank?: number };
type WithFigure = { figure(): { data: Trace[]; layout: Record<string, unknown> } | null; caption(): string };
const figureOf = (h: TemperatureHistoryChart) => (h as unknown as WithFigure).figure()!;
const captionOf = (h: TemperatureHistoryChart) => (h as unknown as WithFigure).caption();

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

  it('takes the run\'s colour and label when several runs share the chart', () => {
    const r = makeResult({ bath: [{ medium: 'tissue', temp_c: [27.2, 25, 23, 22] }] });
    const [t] = bathTraces(r, { colour: '#D55E00', runLabel: 'N1 <saline>', widthPx: 2 }) as Trace[];
    expect(t.name).toBe('N1 &#60;saline&#62;: bath (well-mixed)');
    expect(t.line).toEqual({ color: '#D55E00', dash: 'dash', width: 2 });
    expect((bathTraces(r) as Trace[])[0].line.color).toBe(BATH_COLOUR);
  });
});

describe('one sensor across protocols', () => {
  const benchA = makeRun('a', { colour: '#0072B2', result: makeResult({ bath: [{ medium: 'tissue', temp_c: [27, 24, 21, 20] }] }) });
  const tissueB = makeRun('b', { colour: '#D55E00' });
  const pinned = (() => {
    const made = makePin(makeRun('c', { result: makeResult({ bath: [{ medium: 'tissue', temp_c: [27, 26, 25, 25] }] }) }), 'stirred bath', []);
    if (!made.ok) throw new Error(made.reason);
    // Through the save and back, as a pin reaches the chart after a reload.
    return pinRun(JSON.parse(JSON.stringify(made.pin)), 0, 2);
  })();

  function chart() {
    const h = new TemperatureHistoryChart();
    h.runs = [benchA, tissueB, pinned];
    h.selectedId = 'a';
    h.view = 'protocols';
    return h;
  }

  it('draws each run\'s bath dashed in its colour, under the sensor lines, pins included; none for a run without one', () => {
    const fig = figureOf(chart());
    const baths = fig.data.filter((d) => d.line.dash === 'dash');
    expect(baths.map((d) => d.name)).toEqual(['Protocol a: bath (well-mixed)', 'pinned: stirred bath: bath (well-mixed)']);
    expect(baths.map((d) => d.line.color)).toEqual([benchA.colour, pinned.colour]);
    expect(baths[0].y).toEqual([27, 24, 21, 20]);
    expect(baths[1].y).toEqual([27, 26, 25, 25]);
    expect(baths[0].x).toEqual([0, 1, 2, 3]);
    // Every bath before every sensor line, so a sensor that reaches the bath temperature stays on top.
    expect(fig.data.slice(0, 2)).toEqual(baths);
    // Then the pins' sensor lines beneath the runs' (a pin identical to a run must not cover it).
    expect(fig.data.slice(2).map((d) => d.name)).toEqual(['pinned: stirred bath', 'Protocol a', 'Protocol b']);
    // In the legend each bath follows its own run.
    const byRank = [...fig.data].sort((p, q) => p.legendrank! - q.legendrank!).map((d) => d.name);
    expect(byRank).toEqual(['Protocol a', 'Protocol a: bath (well-mixed)', 'Protocol b', 'pinned: stirred bath', 'pinned: stirred bath: bath (well-mixed)']);
    // The selected run's bath is the heavier of the two, as its sensor line is.
    expect(baths[0].line.width).toBeGreaterThan(baths[1].line.width);
  });

  it('says what the dashed lines are, in the note and the exported caption, only when a drawn run has a bath', async () => {
    const h = chart();
    document.body.append(h);
    await h.updateComplete;
    expect(h.shadowRoot!.querySelector('[data-role="bath-note"]')?.textContent).toMatch(/dashed line in a protocol's colour/);
    expect(captionOf(h)).toMatch(/each finite well-mixed bath dashed/);
    h.runs = [tissueB];
    h.selectedId = 'b';
    await h.updateComplete;
    expect(figureOf(h).data.some((d) => d.line.dash === 'dash')).toBe(false);
    expect(h.shadowRoot!.querySelector('[data-role="bath-note"]')).toBeNull();
    expect(captionOf(h)).not.toMatch(/bath/);
    h.remove();
  });

  it('leaves out the bath of a run that lacks the chosen sensor, with its sensor line', () => {
    const h = chart();
    h.runs = [benchA, makeRun('d', { result: makeResult({ sensors: { other: [1, 2, 3, 4] }, bath: [{ medium: 'tissue', temp_c: [5, 5, 5, 5] }] }) })];
    expect(figureOf(h).data.map((d) => d.name)).toEqual(['Protocol a: bath (well-mixed)', 'Protocol a']);
  });
});
