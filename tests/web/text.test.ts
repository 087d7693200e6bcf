/**
 * User text on screen: clipping keeps whole characters, and `plotText` turns
 * Plotly's HTML dialect and hover-template placeholders into references that
 * Plotly shows as the literal characters (its entity table decodes them back).
 */
import { describe, expect, it } from 'vitest';
import { clip, plotText } from '../../web/lib/text.ts';

/** Plotly's own decoding of numeric references in plain text (svg_text_utils convertEntities). */
const plotlyDecode = (s: string) => s.replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)));

describe('text', () => {
  it('clips long text with an ellipsis, never splitting a character', () => {
    expect(clip('short', 10)).toBe('short');
    expect(clip('x'.repeat(100_000), 120)).toHaveLength(120);
    expect(clip('x'.repeat(100_000), 120).endsWith('…')).toBe(true);
    const emoji = '🧊'.repeat(10);
    expect(Array.from(clip(emoji, 5))).toEqual(['🧊', '🧊', '🧊', '🧊', '…']);
  });

  it('disarms markup, entities and placeholders for Plotly, and Plotly decodes them back to the same text', () => {
    for (const hostile of [
      '<img src=x onerror=window.__pwned=1>',
      '<script>window.__pwned=1</script>',
      '<a href="javascript:alert(1)">click</a>',
      '<span style="font-size:400px">big</span><br>x',
      '%{x} %{customdata[0]} 30 % power &amp; &lt;b&gt;',
    ]) {
      const safe = plotText(hostile);
      expect(safe).not.toMatch(/[<>%]/);
      expect(safe).not.toMatch(/&(?!#\d+;)/);
      expect(plotlyDecode(safe)).toBe(hostile);
    }
  });
});
