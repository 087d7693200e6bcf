// @vitest-environment happy-dom
/**
 * The chart base class schedules drawing only for a chart on a page: an update that
 * lands after the chart left the page, or after the DOM environment is gone (what
 * happens when a test file ends with a Lit update still queued), neither throws nor
 * queues a frame; a chart moved back onto a page draws again. A deferred chart out of
 * view (the workbench defers its charts while simulations run) holds its redraw until it
 * comes into view, the deferral is lifted, or it is exported.
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

/** An IntersectionObserver the test drives: `show(el, visible)` reports what the browser would. */
function stubViewer() {
  const watched = new Map<Element, IntersectionObserverCallback>();
  vi.stubGlobal(
    'IntersectionObserver',
    class {
      constructor(private cb: IntersectionObserverCallback) {}
      observe(el: Element) {
        watched.set(el, this.cb);
      }
      disconnect() {}
    },
  );
  return (el: Element, visible: boolean) =>
    watched.get(el)!([{ isIntersecting: visible, target: el } as unknown as IntersectionObserverEntry], {} as IntersectionObserver);
}

async function chartOnPage(deferred: boolean) {
  const el = document.createElement('probe-chart-test') as ProbeChart;
  el.deferred = deferred;
  document.body.append(el);
  await el.updateComplete;
  await frame();
  return el;
}

async function update(el: ProbeChart) {
  el.requestUpdate();
  await el.updateComplete;
  await frame();
}

describe('deferred charts out of view', () => {
  it('a deferred chart out of view holds its redraws and draws once when it comes into view', async () => {
    const show = stubViewer();
    const el = await chartOnPage(true);
    const before = el.figureCalls;
    show(el, false);
    await update(el);
    await update(el);
    expect(el.figureCalls).toBe(before);
    show(el, true);
    await frame();
    expect(el.figureCalls).toBe(before + 1);
  });

  it.each([
    { deferred: true, inView: true, chart: 'a deferred chart in view' },
    { deferred: false, inView: false, chart: 'a chart that is not deferred, out of view' },
  ])('$chart draws at once', async ({ deferred, inView }) => {
    const show = stubViewer();
    const el = await chartOnPage(deferred);
    const before = el.figureCalls;
    show(el, inView);
    await update(el);
    expect(el.figureCalls).toBe(before + 1);
  });

  it('lifting the deferral draws what it held back, and nothing when it held nothing', async () => {
    const show = stubViewer();
    const held = await chartOnPage(true);
    const idle = await chartOnPage(true);
    show(held, false);
    show(idle, false);
    await update(held);
    const heldBefore = held.figureCalls;
    const idleBefore = idle.figureCalls;
    held.deferred = false;
    idle.deferred = false;
    await held.updateComplete;
    await idle.updateComplete;
    await frame();
    expect(held.figureCalls).toBe(heldBefore + 1);
    expect(idle.figureCalls).toBe(idleBefore);
  });

  it('an export draws a held-back redraw first', async () => {
    const show = stubViewer();
    const el = await chartOnPage(true);
    show(el, false);
    await update(el);
    const before = el.figureCalls;
    await el.downloadPng('chart');
    expect(el.figureCalls).toBe(before + 1);
  });
});
