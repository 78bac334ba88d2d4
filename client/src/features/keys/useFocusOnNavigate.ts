import { useEffect } from 'react';
import { focusMain, isFocusInMain } from './focusMain';

/** How long a page may take to render its main action (the region table waits for its first page of data). */
const WAIT_MS = 3000;

/**
 * After each navigation, focus moves to the new page's main action (or its `<main>`), so a
 * keyboard or screen-reader user starts on the page rather than on the old link. It gives
 * way when the user (or an autofocused field) has put focus somewhere meanwhile.
 */
export function useFocusOnNavigate(pathname: string): void {
  useEffect(() => {
    const startedOn = document.activeElement;
    const deadline = performance.now() + WAIT_MS;
    let frame = 0;
    const attempt = () => {
      const moved = document.activeElement !== startedOn && document.activeElement !== document.body;
      if (moved || isFocusInMain()) return;
      if (document.querySelector('[data-main-action]')) {
        focusMain({ preferAction: true });
        return;
      }
      if (performance.now() > deadline) {
        focusMain({ preferAction: false });
        return;
      }
      frame = requestAnimationFrame(attempt);
    };
    frame = requestAnimationFrame(attempt);
    return () => cancelAnimationFrame(frame);
  }, [pathname]);
}
