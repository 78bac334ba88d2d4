import { useEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { rootFontPx, useElementSize } from './useElementSize';

/** The root font size the charts' pixel sizes are meant for (1920 wide, styles.css). */
const BASE_ROOT_PX = 20;

export interface FittedChartProps {
  /** The chart for a drawing `height` px tall (the chart's own px, before the wall's zoom). */
  children: (height: number) => ReactNode;
}

/**
 * Fits a chart of features/analytics/charts to its panel: the drawing gets whatever height
 * the legend and notes around it leave, so nothing overflows or scrolls. Recharts draws in
 * fixed pixels, while the wall scales with the screen (rem); on a larger screen (3840×2160:
 * twice the root size) the drawing is zoomed by the same factor, so its text stays as large
 * relative to the screen as at 1920×1080 and the SVG stays sharp.
 */
export function FittedChart({ children }: FittedChartProps) {
  const boxRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  const { height: boxHeight } = useElementSize(boxRef);
  // Screen px taken by the legend and notes around the drawing (measured, they may wrap).
  const [extra, setExtra] = useState(0);
  const scale = rootFontPx() / BASE_ROOT_PX;
  const drawing = Math.max(0, Math.floor((boxHeight - extra) / scale));

  useEffect(() => {
    const content = contentRef.current;
    if (!content) return;
    const observer = new ResizeObserver(() => {
      const drawn = Number(content.dataset.drawing ?? 0) * Number(content.dataset.scale ?? 1);
      const next = Math.max(0, Math.ceil(content.getBoundingClientRect().height - drawn));
      setExtra((previous) => (Math.abs(previous - next) <= 1 ? previous : next));
    });
    observer.observe(content);
    return () => observer.disconnect();
  }, []);

  const style = { '--wall-chart-zoom': String(scale) } as CSSProperties;
  return (
    <div ref={boxRef} className="wall-screen-fitted" style={style}>
      <div ref={contentRef} className="wall-screen-fitted__content" data-drawing={drawing} data-scale={scale}>
        {boxHeight > 0 && drawing > 0 ? children(drawing) : null}
      </div>
    </div>
  );
}
