/**
 * Base class for the chart components: loads Plotly lazily, draws into a div in
 * the component's shadow root (with Plotly's stylesheet copied in), coalesces
 * redraws to one per frame, and purges the plot when the element leaves the page
 * so WebGL contexts and listeners do not leak. While `deferred` is set (the
 * workbench sets it as simulations run), a chart out of view keeps its redraw
 * until it comes into view: on two cores the page's thread otherwise takes a
 * worker's share of the CPU drawing charts nobody sees.
 */
import { LitElement, type PropertyDeclarations, type PropertyValues } from 'lit';
import { adoptPlotlyStyles, BASE_CONFIG, BASE_LAYOUT, loadPlotly, type PlotlyModule } from './plotly.ts';
import { downloadChart } from './chart-export.ts';

export interface Figure {
  data: object[];
  layout: Record<string, unknown>;
}

export abstract class PlotElement extends LitElement {
  static override properties: PropertyDeclarations = {
    deferred: { type: Boolean },
  };

  /** while true, a redraw out of view waits until the chart comes into view or this turns false */
  deferred = false;
  private plotted = false;
  private pending = false;
  /** a redraw held back while out of view */
  private owed = false;
  /** until the first report of the observer, a chart counts as in view */
  private inView = true;
  private viewer: IntersectionObserver | null = null;
  private plotly: PlotlyModule | null = null;
  /** set by tests and by the app to know when a chart has been drawn */
  drawCount = 0;
  /**
   * Figures may depend on the width they get (label wrapping, tick density), so a
   * width change redraws; Plotly's own resize only stretches the old layout.
   */
  private resizer: ResizeObserver | null = null;
  private lastWidth = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    // Leaving the page purged the plot; coming back (a moved element) draws it again.
    if (this.hasUpdated) this.scheduleDraw();
    if (typeof ResizeObserver === 'undefined') return;
    this.resizer = new ResizeObserver((entries) => {
      const w = Math.round(entries[0]?.contentRect.width ?? 0);
      if (w && Math.abs(w - this.lastWidth) > 8) {
        const first = this.lastWidth === 0;
        this.lastWidth = w;
        if (!first) this.scheduleDraw();
      }
    });
    this.resizer.observe(this);
    if (typeof IntersectionObserver === 'undefined') return;
    // The margin draws a chart a little before it scrolls in, so it is there when it arrives.
    this.viewer = new IntersectionObserver(
      (entries) => {
        this.inView = entries[entries.length - 1]?.isIntersecting ?? true;
        if (this.inView && this.owed) this.scheduleDraw();
      },
      { rootMargin: '300px' },
    );
    this.viewer.observe(this);
  }

  /** the figure to draw, or null to show nothing */
  protected abstract figure(): Figure | null;

  protected get plotDiv(): HTMLDivElement | null {
    // No render root yet when a figure is computed before the element is on a page (tests, exports).
    return this.renderRoot?.querySelector<HTMLDivElement>('.plot') ?? null;
  }

  protected override updated(changed: PropertyValues): void {
    // Lifting the deferral draws only what it held back.
    if (changed.size === 1 && changed.has('deferred') && !this.owed) return;
    this.scheduleDraw();
  }

  protected scheduleDraw(): void {
    // A Lit update can land after a DOM test environment is torn down, and a
    // detached element has nothing to draw into: neither may schedule a frame.
    if (this.pending || !this.isConnected || typeof requestAnimationFrame !== 'function') return;
    if (this.deferred && !this.inView) {
      this.owed = true;
      return;
    }
    this.owed = false;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      void this.draw();
    });
  }

  private async draw(): Promise<void> {
    const el = this.plotDiv;
    const fig = this.figure();
    if (!el) return;
    if (!fig) {
      if (this.plotted && this.plotly) this.plotly.purge(el);
      this.plotted = false;
      return;
    }
    const Plotly = (this.plotly ??= await loadPlotly());
    if (!this.isConnected) return;
    await Plotly.react(el, fig.data, { ...BASE_LAYOUT, ...fig.layout }, BASE_CONFIG);
    if (this.shadowRoot) adoptPlotlyStyles(this.shadowRoot);
    this.plotted = true;
    this.drawCount++;
    this.dispatchEvent(new CustomEvent('chart-drawn', { bubbles: true, composed: true }));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizer?.disconnect();
    this.resizer = null;
    this.lastWidth = 0;
    this.viewer?.disconnect();
    this.viewer = null;
    this.inView = true;
    const el = this.plotDiv;
    if (el && this.plotted && this.plotly) this.plotly.purge(el);
    this.plotted = false;
  }

  /**
   * What an exported image says under the chart (protocol, time shown, grid, anatomy:
   * chart-export.ts chartCaption); empty for none. Each chart says what it shows.
   */
  protected caption(): string {
    return '';
  }

  /** An export shows what the chart shows now, even if its last redraw was held back. */
  private async drawOwed(): Promise<void> {
    if (!this.owed) return;
    this.owed = false;
    await this.draw();
  }

  /** Saves the chart as PNG (2×, for print) with its caption. */
  async downloadPng(filename: string): Promise<void> {
    await this.drawOwed();
    const el = this.plotDiv;
    if (el && this.plotted) await downloadChart(el, filename, 'png', this.caption());
  }

  /** Saves the chart as SVG (vector, editable in Inkscape or Illustrator) with its caption. */
  async downloadSvg(filename: string): Promise<void> {
    await this.drawOwed();
    const el = this.plotDiv;
    if (el && this.plotted) await downloadChart(el, filename, 'svg', this.caption());
  }
}
