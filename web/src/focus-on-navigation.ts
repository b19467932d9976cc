import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';

/** How long a page may take to show its heading (a case loads before its title shows). */
const WAIT_FOR_HEADING_MS = 15_000;

/**
 * After a move to another page of the console (not the first load), focus goes to the new page's
 * heading, as a screen reader or a keyboard user expects: otherwise it stays on the link just
 * followed, which is gone, and the next Tab starts again from the top of the document. The heading
 * may come after the page has loaded its data, so it is waited for.
 */
export function useFocusHeadingOnNavigation(mainId: string): void {
  const { pathname } = useLocation();
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the effect is the navigation itself: it must run again when the path changes, though it never reads it
  useEffect(() => {
    // the first render is the document's own load: the browser starts at its top (and the skip link)
    if (first.current) {
      first.current = false;
      return;
    }
    const focusHeading = (): boolean => {
      const heading = document.getElementById(mainId)?.querySelector('h1');
      if (!(heading instanceof HTMLElement)) return false;
      heading.tabIndex = -1;
      heading.focus();
      return true;
    };
    if (focusHeading()) return;
    const main = document.getElementById(mainId);
    if (!main) return;
    const observer = new MutationObserver(() => {
      if (focusHeading()) observer.disconnect();
    });
    observer.observe(main, { childList: true, subtree: true });
    const giveUp = setTimeout(() => observer.disconnect(), WAIT_FOR_HEADING_MS);
    return () => {
      observer.disconnect();
      clearTimeout(giveUp);
    };
  }, [pathname, mainId]);
}
