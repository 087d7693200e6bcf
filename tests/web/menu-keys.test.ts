/**
 * Keyboard moves in the Download menu (web/lib/menu-keys.ts): arrows wrap, Home
 * and End jump, other keys are not moves, and opening keys pick the first or last item.
 */
import { describe, expect, it } from 'vitest';
import { nextMenuIndex, openingFocus } from '../../web/lib/menu-keys.ts';

describe('menu keys', () => {
  it('arrows wrap, Home/End jump, other keys do nothing', () => {
    expect(nextMenuIndex('ArrowDown', -1, 3)).toBe(0);
    expect(nextMenuIndex('ArrowDown', 2, 3)).toBe(0);
    expect(nextMenuIndex('ArrowUp', 0, 3)).toBe(2);
    expect(nextMenuIndex('ArrowUp', -1, 3)).toBe(2);
    expect(nextMenuIndex('Home', 2, 3)).toBe(0);
    expect(nextMenuIndex('End', 0, 3)).toBe(2);
    expect(nextMenuIndex('a', 0, 3)).toBeNull();
    expect(nextMenuIndex('ArrowDown', 0, 0)).toBeNull();
  });
  it('opening keys', () => {
    expect(openingFocus('ArrowDown')).toBe('first');
    expect(openingFocus('Enter')).toBe('first');
    expect(openingFocus('ArrowUp')).toBe('last');
    expect(openingFocus('Tab')).toBeNull();
  });
});
