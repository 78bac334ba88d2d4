/**
 * Colours and sizes of the charts. SVG attributes cannot read the page's CSS variables
 * reliably, so the dark theme's colours (styles.css `:root`) are repeated here.
 */

/** Where a chart is shown: a desk page read at arm's length, or the wall read from 5 m. */
export type ChartTheme = 'page' | 'wall';

export const CHART_COLORS = {
  text: '#f4f7fa',
  muted: '#c3ccd6',
  grid: '#263445',
  panel: '#0f1620',
  /** The median line and ordinary bars. */
  primary: '#7cc4ff',
  /** The 90th percentile line. */
  secondary: '#ffb627',
  /** SLA target line and breaches: the alarm colour of the wall (links down, overdue). */
  alarm: '#ff5a5f',
  good: '#3ee07f',
} as const;

/**
 * Stack colours, told apart on the dark panel (and from the alarm red): blue, green, amber,
 * pink, violet, teal; grey is "other".
 */
export const SERIES_COLORS = ['#7cc4ff', '#3ee07f', '#ffb627', '#ff8fd8', '#b39dff', '#4dd4c6'] as const;
export const OTHER_COLOR = '#8a96a3';

export interface ChartLook {
  /** Axis tick labels (px). The wall never goes below 20 px. */
  tick: number;
  /** Labels on bars and reference lines (px). */
  label: number;
  /** Width of data lines (px). */
  line: number;
  /** Width of the SLA reference line (px). */
  reference: number;
  /**
   * Width of a y-axis of counts (px). Fixed: Recharts' `width="auto"` measures every tick
   * in the DOM on each update, the largest single cost of a live redraw.
   */
  axisWidth: number;
  /** Width of a y-axis of minutes ("120 мин"). */
  unitAxisWidth: number;
}

const LOOKS: Record<ChartTheme, ChartLook> = {
  page: { tick: 14, label: 14, line: 2, reference: 2, axisWidth: 52, unitAxisWidth: 72 },
  wall: { tick: 22, label: 22, line: 5, reference: 4, axisWidth: 84, unitAxisWidth: 118 },
};

export function chartLook(theme: ChartTheme): ChartLook {
  return LOOKS[theme];
}

/** The colour of stack `index` (the last slot of a capped stack is "other"). */
export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length] ?? OTHER_COLOR;
}
