/**
 * A small SVG line chart for the experiments report: measured (dots) and modelled (lines)
 * traces against time, one colour per thermocouple. No dependencies; the report links the file.
 */

export interface Trace {
  label: string;
  colour: string;
  /** measured points: drawn as small dots */
  measured: [number, number][];
  /** model series: drawn as a line (optional second model dashed) */
  model?: [number, number][];
  other?: [number, number][];
}

const W = 720;
const H = 420;
const M = { left: 56, right: 150, top: 30, bottom: 44 };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function niceStep(span: number, target: number): number {
  const raw = span / target;
  const p = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
}

export function lineChart(title: string, traces: Trace[], xLabel: string, yLabel: string, legend: { model: string; other?: string }): string {
  const all = traces.flatMap((t) => [...t.measured, ...(t.model ?? []), ...(t.other ?? [])]);
  const x0 = Math.min(...all.map((p) => p[0]));
  const x1 = Math.max(...all.map((p) => p[0]));
  const yStep = niceStep(Math.max(...all.map((p) => p[1])) - Math.min(...all.map((p) => p[1])), 8);
  const y0 = Math.floor(Math.min(...all.map((p) => p[1])) / yStep) * yStep;
  const y1 = Math.ceil(Math.max(...all.map((p) => p[1])) / yStep) * yStep;
  const px = (x: number) => M.left + ((x - x0) / (x1 - x0 || 1)) * (W - M.left - M.right);
  const py = (y: number) => H - M.bottom - ((y - y0) / (y1 - y0 || 1)) * (H - M.top - M.bottom);
  // At most ~150 dots and ~300 line points per trace keep a plot file small; a 1 Hz log has 420.
  const thin = <T>(pts: T[], most: number) => pts.filter((_, i) => i % Math.ceil(pts.length / most) === 0 || i === pts.length - 1);
  const path = (all: [number, number][]) => thin(all, 300).map((p, i) => `${i ? 'L' : 'M'}${px(p[0]).toFixed(1)},${py(p[1]).toFixed(1)}`).join('');
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${M.left}" y="18" font-size="14">${esc(title)}</text>`,
  ];
  const xStep = niceStep(x1 - x0, 8);
  for (let x = Math.ceil(x0 / xStep) * xStep; x <= x1 + 1e-9; x += xStep)
    out.push(`<line x1="${px(x)}" y1="${M.top}" x2="${px(x)}" y2="${H - M.bottom}" stroke="#eee"/>`, `<text x="${px(x)}" y="${H - M.bottom + 16}" text-anchor="middle">${Number(x.toFixed(6))}</text>`);
  for (let y = y0; y <= y1 + 1e-9; y += yStep)
    out.push(`<line x1="${M.left}" y1="${py(y)}" x2="${W - M.right}" y2="${py(y)}" stroke="${Math.abs(y) < 1e-9 ? '#999' : '#eee'}"/>`, `<text x="${M.left - 6}" y="${py(y) + 4}" text-anchor="end">${Number(y.toFixed(6))}</text>`);
  out.push(
    `<text x="${(M.left + W - M.right) / 2}" y="${H - 8}" text-anchor="middle">${esc(xLabel)}</text>`,
    `<text transform="translate(14 ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`,
    `<rect x="${M.left}" y="${M.top}" width="${W - M.left - M.right}" height="${H - M.top - M.bottom}" fill="none" stroke="#444"/>`,
  );
  traces.forEach((t, k) => {
    for (const p of thin(t.measured, 150)) out.push(`<circle cx="${px(p[0]).toFixed(1)}" cy="${py(p[1]).toFixed(1)}" r="1.3" fill="${t.colour}" opacity="0.55"/>`);
    if (t.model) out.push(`<path d="${path(t.model)}" fill="none" stroke="${t.colour}" stroke-width="2"/>`);
    if (t.other) out.push(`<path d="${path(t.other)}" fill="none" stroke="${t.colour}" stroke-width="1.5" stroke-dasharray="5 4"/>`);
    const ly = M.top + 14 + k * 18;
    out.push(`<circle cx="${W - M.right + 14}" cy="${ly - 4}" r="4" fill="${t.colour}"/>`, `<text x="${W - M.right + 24}" y="${ly}">${esc(t.label)}</text>`);
  });
  const ly = M.top + 14 + traces.length * 18 + 10;
  out.push(
    `<circle cx="${W - M.right + 14}" cy="${ly - 4}" r="1.5" fill="#333"/><text x="${W - M.right + 24}" y="${ly}">measured</text>`,
    `<line x1="${W - M.right + 6}" y1="${ly + 14}" x2="${W - M.right + 22}" y2="${ly + 14}" stroke="#333" stroke-width="2"/><text x="${W - M.right + 26}" y="${ly + 18}">${esc(legend.model)}</text>`,
  );
  if (legend.other)
    out.push(`<line x1="${W - M.right + 6}" y1="${ly + 32}" x2="${W - M.right + 22}" y2="${ly + 32}" stroke="#333" stroke-width="1.5" stroke-dasharray="5 4"/><text x="${W - M.right + 26}" y="${ly + 36}">${esc(legend.other)}</text>`);
  out.push('</svg>');
  return out.join('\n') + '\n';
}
