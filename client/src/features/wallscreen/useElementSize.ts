import { useEffect, useState, type RefObject } from 'react';

export interface ElementSize {
  width: number;
  height: number;
}

const NONE: ElementSize = { width: 0, height: 0 };

/**
 * The content-box size of an element, kept up to date by a ResizeObserver (0 × 0 until
 * measured, and on the server). The wall lays charts and lists out to the pixel, so that
 * nothing scrolls and no line is cut in half.
 */
export function useElementSize(ref: RefObject<HTMLElement | null>): ElementSize {
  const [size, setSize] = useState<ElementSize>(NONE);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const width = Math.floor(entry.contentRect.width);
      const height = Math.floor(entry.contentRect.height);
      setSize((previous) => (previous.width === width && previous.height === height ? previous : { width, height }));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}

/** The root font size in px (the wall scales everything with it), 20 without a DOM. */
export function rootFontPx(): number {
  if (typeof document === 'undefined') return 20;
  const value = parseFloat(getComputedStyle(document.documentElement).fontSize);
  return Number.isFinite(value) && value > 0 ? value : 20;
}

/** How many lines of `lineRem` fit in `heightPx` (at least `min`, at most `max`). */
export function linesThatFit(heightPx: number, lineRem: number, min: number, max: number): number {
  const lines = Math.floor(heightPx / (lineRem * rootFontPx()));
  return Math.min(max, Math.max(min, lines));
}
