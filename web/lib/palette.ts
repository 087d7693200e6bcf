/**
 * Colours chosen for colour-blind readers: protocols use the Okabe–Ito set
 * (distinguishable under the common colour-vision deficiencies), isotherms use
 * one hue at three lightness steps so their order reads even in greyscale, and
 * the temperature map uses cividis (designed for deuteranopia/protanopia).
 */

/**
 * Okabe & Ito 2008, reordered so the first colours are the most distinct on white. Their yellow
 * (#F0E442, 1.2:1 on white) was unreadable as a ninth protocol's line and marker; it is darkened
 * to an olive of the same hue (#8A7A00, 4.3:1), which stays apart from the orange and the grey.
 */
export const PROTOCOL_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#999999', '#8A7A00'];

/**
 * Pinned results: dark, saturated colours not in the protocol set (so a pin never
 * looks like a protocol), each with at least 4.5:1 contrast on white.
 */
export const PIN_COLOURS = ['#7B3294', '#8C510A', '#1B7837', '#B2182B', '#2D004B', '#4D4D4D', '#01665E', '#762A83'];

export function protocolColour(index: number): string {
  return PROTOCOL_COLOURS[index % PROTOCOL_COLOURS.length];
}

/** Isotherm fills from warm to cold: light → dark blue. */
export function isothermColour(threshold_c: number): string {
  if (threshold_c <= -40) return '#08306B';
  if (threshold_c <= -20) return '#2171B5';
  if (threshold_c <= 0) return '#9ECAE1';
  return '#DEEBF7';
}

/** Contour line styles on the cividis map (dark when cold, yellow when warm). */
export function contourStyle(threshold_c: number): { color: string; dash: string; width: number } {
  if (threshold_c === -40) return { color: '#ffffff', dash: 'solid', width: 2.5 };
  if (threshold_c === -20) return { color: '#ffffff', dash: 'dash', width: 2 };
  if (threshold_c === 0) return { color: '#000000', dash: 'solid', width: 2 };
  return { color: '#000000', dash: 'dot', width: 1.5 };
}

export const NERVE_COLOUR = '#E69F00';
export const SKIN_COLOUR = '#8B4513';
export const MARGIN_COLOUR = '#D55E00';
export const PROBE_COLOUR = '#444444';
/** A finite well-mixed bath's temperature: neutral, as the room-side reference the sensors cool away from. */
export const BATH_COLOUR = '#5F6B7A';
export const VESSEL_COLOUR = '#CC79A7';

/** Protocol phases shaded behind time charts. */
export const PHASE_FILL: Record<string, string> = {
  freeze: 'rgba(0,114,178,0.12)',
  passive_thaw: 'rgba(230,159,0,0.12)',
  active_thaw: 'rgba(213,94,0,0.20)',
  reposition: 'rgba(120,120,120,0.18)',
};
export const PHASE_LABEL: Record<string, string> = {
  freeze: 'freeze',
  passive_thaw: 'passive thaw',
  active_thaw: 'active thaw',
  reposition: 'reposition',
};
