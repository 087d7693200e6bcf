/**
 * Keyboard handling for a button-opened menu (WAI-ARIA menu button pattern):
 * arrows move between the enabled items and wrap, Home/End jump to the ends,
 * Escape and Tab close it, and closing puts focus back on the button so a
 * keyboard user never loses their place. Kept apart from the workbench so the
 * menu's items can change without touching this.
 */

/** The items a key can reach: enabled menu items in document order. */
export function menuItems(list: HTMLElement): HTMLElement[] {
  return [...list.querySelectorAll<HTMLElement>('[role="menuitem"]')].filter((el) => !(el as HTMLButtonElement).disabled);
}

/** Index of the item a key moves to from `current` (-1 = none focused) among `count` items, or null if the key is not a move. */
export function nextMenuIndex(key: string, current: number, count: number): number | null {
  if (!count) return null;
  switch (key) {
    case 'ArrowDown':
      return current < 0 ? 0 : (current + 1) % count;
    case 'ArrowUp':
      return current < 0 ? count - 1 : (current - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/**
 * Handles a key pressed inside the open menu. `close(refocus)` closes it; with
 * refocus the caller puts focus back on the menu button.
 */
export function onMenuKeydown(e: KeyboardEvent, list: HTMLElement, close: (refocus: boolean) => void): void {
  if (e.key === 'Escape') {
    e.preventDefault();
    e.stopPropagation();
    return close(true);
  }
  if (e.key === 'Tab') return close(false);
  const items = menuItems(list);
  const active = (list.getRootNode() as Document | ShadowRoot).activeElement as HTMLElement | null;
  const next = nextMenuIndex(e.key, active ? items.indexOf(active) : -1, items.length);
  if (next === null) return;
  e.preventDefault();
  items[next].focus();
}

/** Opening keys on the menu button: ArrowDown/Enter/Space open at the first item, ArrowUp at the last. */
export function openingFocus(key: string): 'first' | 'last' | null {
  if (key === 'ArrowDown' || key === 'Enter' || key === ' ') return 'first';
  if (key === 'ArrowUp') return 'last';
  return null;
}
