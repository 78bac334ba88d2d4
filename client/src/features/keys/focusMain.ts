/**
 * Where focus goes after a navigation (issue 18: "focus on the main action"): the element a
 * page marks `data-main-action` (the region table, the agent's first field), else the page's
 * `<main>`. A `<main>` gets `tabindex=-1` so it can hold focus without becoming a tab stop.
 */
export function focusMain({ preferAction }: { preferAction: boolean }): boolean {
  const action = preferAction ? document.querySelector<HTMLElement>('[data-main-action]') : null;
  const main = document.querySelector<HTMLElement>('main');
  const target = action ?? main;
  if (!target) return false;
  if (target === main && !main.hasAttribute('tabindex')) main.setAttribute('tabindex', '-1');
  target.focus({ preventScroll: target !== action });
  return true;
}

/** Focus already sits inside the page's content (an autofocused field): leave it there. */
export function isFocusInMain(): boolean {
  const main = document.querySelector('main');
  const active = document.activeElement;
  return main !== null && active !== null && active !== main && main.contains(active);
}
