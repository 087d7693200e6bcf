/**
 * Base class for the chart components: loads Plotly lazily, draws into a div in
 * the component's shadow root (with Plotly's stylesheet copied in), coalesces
 * redraws to one per frame, and purges the plot when the element leaves the page
 * so WebGL contexts and listeners do not leak.
 */
import { LitElement } from 'lit';
import { adoptPlotlyStyles, BASE_CONFIG, BASE_LAYOUT, loadPlotly, type PlotlyModule } from './plotly.ts';
import { downloadChart } from './chart-export.ts';

export interface Figure {
  data: object[];
  layout: Record<string, unknown>;
}

export abstract class PlotElement extends LitElement {
  private plotted = false;
  private pending = false;
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
  }

  /** the figure to draw, or null to show nothing */
  protected abstract figure(): Figure | null;

  protected get plotDiv(): HTMLDivElement | null {
    // No render root yet when a figure is computed before the element is on a page (tests, exports).
    return this.renderRoot?.querySelector<HTMLDivElement>('.plot') ?? null;
  }

  protected override updated(): void {
    this.scheduleDraw();
  }

  protected scheduleDraw(): void {
    // A Lit update can land after a DOM test environment is torn down, and a
    // detached element has nothing to draw into: neither may schedule a frame.
    if (this.pending || !this.isConnected || typeof requestAnimationFrame !== 'function') return;
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

  /** Saves the chart as PNG (2×, for print) with its caption. */
  async downloadPng(filename: string): Promise<void> {
    const el = this.plotDiv;
    if (el && this.plotted) await downloadChart(el, filename, 'png', this.caption());
  }

  /** Saves the chart as SVG (vector, editable in Inkscape or Illustrator) with its caption. */
  async downloadSvg(filename: string): Promise<void> {
    const el = this.plotDiv;
    if (el && this.plotted) await downloadChart(el, filename, 'svg', this.caption());
  }
}
