import type { ReactNode } from 'react';
import type { ChartTheme } from './chartTheme';
import '../analytics.css';

export interface LegendItem {
  key: string;
  label: string;
  color: string;
  /** Drawn as a line (a series or reference line) rather than a filled swatch. */
  shape?: 'swatch' | 'line' | 'dashed' | 'dotted';
}

export interface ChartFrameProps {
  testId: string;
  theme: ChartTheme;
  height: number;
  /** What the chart shows, in words: the accessible name of the drawing. */
  summary: string;
  /** Nothing to draw: `emptyText` stands in for the drawing. */
  isEmpty?: boolean;
  emptyText?: string;
  legend?: readonly LegendItem[];
  /** A note under the legend (what a label means). */
  note?: string;
  /** Rendered after the drawing, outside the image (e.g. buttons for keyboard users). */
  after?: ReactNode;
  children: ReactNode;
}

/**
 * The box every chart sits in: a fixed height, the drawing as one image named by its
 * summary (screen readers get the figures in words, not SVG fragments), and an HTML
 * legend that keeps the UI font and can grow for the wall.
 */
export function ChartFrame({
  testId,
  theme,
  height,
  summary,
  isEmpty = false,
  emptyText,
  legend,
  note,
  after,
  children,
}: ChartFrameProps) {
  return (
    <div className={`chart chart--${theme}`} data-testid={testId} data-state={isEmpty ? 'empty' : 'ready'}>
      {legend && legend.length > 0 && (
        <ul className="chart__legend" aria-hidden="true">
          {legend.map((item) => (
            <li key={item.key} className="chart__legend-item">
              <span
                className={`chart__key chart__key--${item.shape ?? 'swatch'}`}
                style={{
                  color: item.color,
                  backgroundColor: item.shape === 'swatch' || !item.shape ? item.color : undefined,
                }}
              />
              {item.label}
            </li>
          ))}
        </ul>
      )}
      <div className="chart__drawing" role="img" aria-label={summary} style={{ height }}>
        {isEmpty ? <p className="chart__empty">{emptyText}</p> : children}
      </div>
      {note && <p className="chart__note">{note}</p>}
      {after}
    </div>
  );
}
