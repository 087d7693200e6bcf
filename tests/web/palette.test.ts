/**
 * Protocol colours stay readable on the white page: every one has at least 2:1 contrast against
 * white (the Okabe–Ito orange and sky blue, 2.2–2.3:1, are the lightest kept; their yellow,
 * 1.2:1, made a ninth protocol's line and marker all but invisible), and all are distinct.
 */
import { describe, expect, it } from 'vitest';
import { PIN_COLOURS, PROTOCOL_COLOURS } from '../../web/lib/palette.ts';

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}
const contrastOnWhite = (hex: string) => 1.05 / (luminance(hex) + 0.05);

describe('protocol colours', () => {
  it('each stands out from white by at least 2:1', () => {
    for (const c of PROTOCOL_COLOURS) expect(contrastOnWhite(c), c).toBeGreaterThanOrEqual(2);
    expect(contrastOnWhite('#F0E442')).toBeLessThan(2); // the yellow this replaced
  });

  it('are all different, and none is a pin colour', () => {
    expect(new Set(PROTOCOL_COLOURS.map((c) => c.toLowerCase())).size).toBe(PROTOCOL_COLOURS.length);
    for (const c of PROTOCOL_COLOURS) expect(PIN_COLOURS).not.toContain(c);
  });

  it('pins keep 4.5:1 on white', () => {
    for (const c of PIN_COLOURS) expect(contrastOnWhite(c), c).toBeGreaterThanOrEqual(4.5);
  });
});
