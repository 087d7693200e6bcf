/**
 * Loads Plotly on first use (4.6 MB: the page must paint before it arrives) and
 * makes its stylesheet work inside shadow roots. Plotly writes its CSS into
 * <head> through CSSOM rules, which shadow DOM does not see, so the rules are
 * copied into each chart's adoptedStyleSheets after every draw.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PlotlyModule = any;

let loading: Promise<PlotlyModule> | null = null;

export function loadPlotly(): Promise<PlotlyModule> {
  loading ??= import('plotly.js-dist-min').then((m) => (m as { default?: PlotlyModule }).default ?? m);
  return loading;
}

const copied = new WeakMap<ShadowRoot, CSSStyleSheet>();

export function adoptPlotlyStyles(root: ShadowRoot): void {
  const sheet = copied.get(root) ?? new CSSStyleSheet();
  const rules: string[] = [];
  for (const el of document.querySelectorAll<HTMLStyleElement>('style[id^="plotly.js-style"]')) {
    try {
      for (const r of Array.from(el.sheet?.cssRules ?? [])) rules.push(r.cssText);
    } catch {
      /* a cross-origin sheet cannot be read; Plotly's own always can */
    }
  }
  sheet.replaceSync(rules.join('\n'));
  if (!copied.has(root)) {
    copied.set(root, sheet);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }
}

/** Base layout shared by every chart: readable fonts, tight margins, no Plotly logo. */
export const BASE_LAYOUT = {
  font: { family: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', size: 12, color: '#1d2733' },
  paper_bgcolor: '#ffffff',
  plot_bgcolor: '#ffffff',
  margin: { l: 60, r: 20, t: 30, b: 50 },
  hoverlabel: { font: { size: 12 } },
};

export const BASE_CONFIG = {
  displaylogo: false,
  responsive: true,
  modeBarButtonsToRemove: ['select2d', 'lasso2d', 'autoScale2d', 'toggleSpikelines'],
};
