// @vitest-environment happy-dom
/**
 * The chart base class schedules drawing only for a chart on a page: an update that
 * lands after the chart left the page, or after the DOM environment is gone (what
 * happens when a test file ends with a Lit update still queued), neither throws nor
 * queues a frame; a chart moved back onto a page draws again.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { html } from 'lit';
import { PlotElement, type Figure } from '../../web/lib/plot-element.ts';

class ProbeChart extends PlotElement {
  figureCalls = 0;
  protected figure(): Figure | null {
    this.figureCalls++;
    return null;
  }
  protected override render() {
    return html`<div class="plot"></div>`;
  }
}
customElements.define('probe-chart-test', ProbeChart);

const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));

afterEach(() => {
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
});

describe('plot element drawing schedule', () => {
  it('a chart on the page computes its figure once per frame', async () => {
    const el = document.createElement('probe-chart-test') as ProbeChart;
    document.body.append(el);
    await el.updateComplete;
    el.requestUpdate();
    await el.updateComplete;
    await frame();
    expect(el.figureCalls).toBe(1);
  });

  it('an update after the chart left the page queues no frame', async () => {
    const el = document.createElement('probe-chart-test') as ProbeChart;
    document.body.append(el);
    await el.updateComplete;
    await frame();
    el.remove();
    const raf = vi.fn();
    vi.stubGlobal('requestAnimationFrame', raf);
    el.requestUpdate();
    await el.updateComplete;
    expect(raf).not.toHaveBeenCalled();
  });

  it('an update with no requestAnimationFrame left (environment torn down) does not throw', async () => {
    const el = document.createElement('probe-chart-test') as ProbeChart;
    document.body.append(el);
    await el.updateComplete;
    await frame();
    vi.stubGlobal('requestAnimationFrame', undefined);
    el.requestUpdate();
    await expect(el.updateComplete).resolves.toBe(true);
  });

  it('a chart moved back onto a page draws again', async () => {
    const el = document.createElement('probe-chart-test') as ProbeChart;
    document.body.append(el);
    await el.updateComplete;
    await frame();
    const before = el.figureCalls;
    el.remove();
    document.body.append(el);
    await frame();
    expect(el.figureCalls).toBe(before + 1);
  });
});
