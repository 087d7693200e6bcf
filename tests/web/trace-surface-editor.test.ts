// @vitest-environment happy-dom
/**
 * The probe surface editor's measured trace, in happy-dom: the model can be chosen, a pasted
 * CSV becomes the surface's points (a logger export through its column picker), the count and
 * range are shown, parse problems and validator messages appear beside the box, and the chart
 * draws the surface the solver will impose (offset included). Plotly is not loaded: the
 * figure is checked.
 */
import { afterEach, describe, expect, it } from 'vitest';
import '../../web/components/scenario-editor/scenario-editor.ts';
import type { ScenarioFile } from '../../scenarios/schema.ts';
import { scenarioFile } from './fixtures/results.ts';

afterEach(() => {
  document.body.innerHTML = '';
});

type Updatable = HTMLElement & { updateComplete: Promise<unknown> };
async function mount(scenario: ScenarioFile, issues: { path: string; message: string }[] = []) {
  const el = document.createElement('scenario-editor') as Updatable & { scenario: ScenarioFile; issues: unknown };
  Object.assign(el, { scenario, issues });
  document.body.append(el);
  await el.updateComplete;
  let last: ScenarioFile | null = null;
  el.addEventListener('scenario-change', (e) => (last = (e as CustomEvent).detail));
  return { el, changed: () => last };
}
const traceEditor = async (el: HTMLElement) => {
  const t = el.shadowRoot!.querySelector('trace-surface-editor') as unknown as Updatable & { figure(): { data: { x: number[]; y: number[] }[] } | null };
  await t.updateComplete;
  return t;
};
const withTrace = (points: unknown, offset_c = 0): ScenarioFile => ({
  ...scenarioFile,
  probes: [{ ...scenarioFile.probes[0], surface: { model: 'trace', points, offset_c } as never }],
});

describe('trace surface editor', () => {
  it('is offered as a surface model and starts from an editable placeholder trace', async () => {
    const { el, changed } = await mount(scenarioFile);
    const select = el.shadowRoot!.querySelector('[data-path="probes[0].surface.model"]') as HTMLSelectElement;
    expect([...select.options].map((o) => o.value)).toContain('trace');
    select.value = 'trace';
    select.dispatchEvent(new Event('change'));
    const surface = changed()!.probes[0].surface!;
    expect(surface.model).toBe('trace');
  });

  it('a pasted CSV becomes the points; the count, range and chart follow', async () => {
    const { el, changed } = await mount(withTrace([[0, 37], [20, -150]], -2));
    const t = await traceEditor(el);
    const box = t.shadowRoot!.querySelector('[data-role="csv"]') as HTMLTextAreaElement;
    box.value = 'time_s,temperature_c\n0,27.1\n1,20.4\n2,5\n3,-40';
    box.dispatchEvent(new Event('change'));
    const surface = changed()!.probes[0].surface as { points: number[][]; offset_c: number };
    expect(surface.points).toEqual([[0, 27.1], [1, 20.4], [2, 5], [3, -40]]);
    expect(surface.offset_c).toBe(-2);
    // The shell passes the new scenario back in.
    (el as unknown as { scenario: ScenarioFile }).scenario = changed()!;
    await (el as Updatable).updateComplete;
    const t2 = await traceEditor(el);
    expect(t2.shadowRoot!.querySelector('[data-role="summary"]')!.textContent).toMatch(/4 points, 0–3 s,\s+−42 … 25.1 °C/);
    const fig = t2.figure()!;
    expect(fig.data[0].y).toEqual([25.1, 18.4, 3, -42]);
    expect(fig.data[0].x).toEqual([0, 1 / 60, 2 / 60, 3 / 60]);
  });

  it('a logger export with several columns: pick the column', async () => {
    const { el, changed } = await mount(withTrace([[0, 37], [20, -150]]));
    const t = await traceEditor(el);
    const box = t.shadowRoot!.querySelector('[data-role="csv"]') as HTMLTextAreaElement;
    box.value = 'time,Channel 1 Last (C),Channel 3 Last (C)\n00:00:00,27.3,26.7\n00:00:01,-34,21.8';
    box.dispatchEvent(new Event('change'));
    expect((changed()!.probes[0].surface as { points: number[][] }).points).toEqual([[0, 27.3], [1, -34]]);
    await t.updateComplete;
    const pick = t.shadowRoot!.querySelector('[data-role="column"]') as HTMLSelectElement;
    pick.value = 'Channel 3 Last (C)';
    pick.dispatchEvent(new Event('change'));
    expect((changed()!.probes[0].surface as { points: number[][] }).points).toEqual([[0, 26.7], [1, 21.8]]);
  });

  it('shows parse problems with their line and keeps the old points', async () => {
    const { el, changed } = await mount(withTrace([[0, 37], [20, -150]]));
    const t = await traceEditor(el);
    const box = t.shadowRoot!.querySelector('[data-role="csv"]') as HTMLTextAreaElement;
    box.value = '0,20\n2,-10\n1,-30';
    box.dispatchEvent(new Event('change'));
    await t.updateComplete;
    expect(changed()).toBeNull();
    expect(t.shadowRoot!.querySelector('[data-role="problem"]')!.textContent).toMatch(/^line 3: time 1 is not after line 2's/);
  });

  it("shows the validator's messages about the points beside the trace, not at the top", async () => {
    const issues = [{ path: 'probes[0].surface.points[1][0]', message: 'time 0 s is not after the previous point\'s 0 s' }];
    const { el } = await mount(withTrace([[0, 37], [0, -150]]), issues);
    const t = await traceEditor(el);
    expect(t.shadowRoot!.querySelector('[data-role="issue"]')!.textContent).toBe("points[1][0]: time 0 s is not after the previous point's 0 s");
    expect(el.shadowRoot!.querySelector('.problems')?.textContent ?? '').not.toContain('not after');
  });
});
