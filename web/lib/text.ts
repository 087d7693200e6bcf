/**
 * User text on screen. Names, sources and sensor labels come from files and
 * links other people wrote, so they are shown as text, never as markup, and
 * never so long that they push the page apart.
 *
 * Lit's text bindings already escape. Plotly does not: it reads a small HTML
 * dialect in every string it draws (legend, tick labels, hover, annotations:
 * `<b>`, `<span style>`, `<a href>`) and expands `%{…}` in hover templates. So
 * every user string handed to Plotly goes through `plotText`, which turns the
 * characters of that dialect into numeric character references; Plotly splits
 * on tags first and decodes references only inside plain text, so they come
 * out as the very characters the user typed.
 */

/**
 * At most `max` characters, with an ellipsis when cut (counted in code points, so
 * no half emoji). Takes anything: a malformed file may hold a number or an object
 * where a name belongs, and the page shows it rather than failing.
 */
export function clip(value: unknown, max: number): string {
  const text = typeof value === 'string' ? value : String(value ?? '');
  if (text.length <= max) return text;
  // A code point is at most two UTF-16 units: this prefix holds max + 1 of them if the text does.
  const chars = Array.from(text.slice(0, 2 * max + 2));
  return chars.length <= max ? text : chars.slice(0, max - 1).join('') + '…';
}

/** `text` as Plotly shows it literally: markup, entities and template placeholders disarmed. */
export function plotText(text: string): string {
  return text.replace(/[&<>%]/g, (c) => `&#${c.charCodeAt(0)};`);
}
