import type { Page } from 'playwright-core';

/** A box on the page (CSS px, relative to the viewport). */
export interface Box {
  selector: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What one screen looks like at one size: measured in the page, judged by the test. */
export interface Probe {
  /** Page width beyond the viewport (px); 0 when nothing overflows sideways. */
  overflowX: number;
  /** Text cut short: headers, table headers, titles whose content is wider or taller than their box. */
  cut: string[];
  /** The first element of each requested selector (null when absent or not rendered). */
  boxes: Record<string, Box | null>;
  /** Font sizes (px) of visible text, smallest first, with a sample of the text. */
  smallestText: { px: number; text: string }[];
}

/** Elements whose text must never be cut (wrap, abbreviate with a tooltip, never clip). */
const NEVER_CUT = [
  'h1',
  'h2',
  'h3',
  'th',
  '[role="columnheader"]',
  '.panel__title',
  '.alert__title',
  '.wall-screen-alert__title',
  '.feed-row__status',
  '.feed-row__title',
  '[data-testid="region-row"] a',
  '.kpi-tile__label',
  '.kpi-tile__value',
].join(',');

/**
 * Measures the page. Runs inside the browser: everything it uses is defined in its body.
 * An element is cut when its content overflows its box and its overflow is not visible
 * (hidden, clip, or an ellipsis), unless it carries a `title` with the full text.
 */
export function probe(page: Page, selectors: readonly string[]): Promise<Probe> {
  return page.evaluate(
    ({ selectors, neverCut }) => {
      const rootWidth = document.documentElement.clientWidth;
      const overflowX = Math.max(0, document.documentElement.scrollWidth - rootWidth);
      const isShown = (element: Element): boolean => {
        const rect = element.getBoundingClientRect();
        if (rect.width === 0 || rect.height === 0) return false;
        const style = getComputedStyle(element);
        return style.visibility !== 'hidden' && style.display !== 'none';
      };
      const cut: string[] = [];
      for (const element of Array.from(document.querySelectorAll<HTMLElement>(neverCut))) {
        if (!isShown(element) || element.closest('.visually-hidden, [hidden]')) continue;
        const style = getComputedStyle(element);
        // A table header's overflow runs under the next sticky header's background: cut too.
        const clips = style.overflowX !== 'visible' || style.textOverflow === 'ellipsis' || element.tagName === 'TH';
        const wide = element.scrollWidth > element.clientWidth + 1;
        const tall = style.overflowY !== 'visible' && element.scrollHeight > element.clientHeight + 2;
        if (clips && (wide || tall) && !element.title) {
          cut.push(
            `${element.tagName.toLowerCase()}.${element.className}: "${element.textContent?.trim().slice(0, 40)}"`,
          );
        }
      }
      const boxes: Record<string, Box | null> = {};
      for (const selector of selectors) {
        const element = document.querySelector(selector);
        if (!element || !isShown(element)) {
          boxes[selector] = null;
          continue;
        }
        const rect = element.getBoundingClientRect();
        boxes[selector] = { selector, x: rect.x, y: rect.y, width: rect.width, height: rect.height };
      }
      const sizes: { px: number; text: string }[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent?.trim() ?? '';
        const parent = node.parentElement;
        if (!text || !parent || !isShown(parent)) continue;
        if (parent.closest('.visually-hidden, [hidden], .leaflet-control-attribution')) continue;
        const rect = parent.getBoundingClientRect();
        if (rect.bottom < 0 || rect.top > innerHeight) continue;
        sizes.push({ px: parseFloat(getComputedStyle(parent).fontSize), text: text.slice(0, 30) });
      }
      sizes.sort((a, b) => a.px - b.px);
      return { overflowX, cut, boxes, smallestText: sizes.slice(0, 5) };
    },
    { selectors: [...selectors], neverCut: NEVER_CUT },
  );
}

/** Two boxes overlap (by more than a pixel of anti-aliasing each way). */
export function overlaps(a: Box, b: Box): boolean {
  return a.x + a.width > b.x + 1 && b.x + b.width > a.x + 1 && a.y + a.height > b.y + 1 && b.y + b.height > a.y + 1;
}

/** Waits for layout to settle after a resize: two frames, then the charts' and map's resize observers. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 250))),
      ),
  );
}

/** The map's names and counts as drawn: each region label's name plate, each count badge and cluster count. */
export interface MapLabelsProbe {
  /** Shown name plates (hidden and badge-only labels left out), by region code. */
  names: (Box & { code: string })[];
  /** Shown counts: the regions' badges and the clusters' counts. */
  counts: (Box & { code: string })[];
  /** The root font size (px): the map's labels grow with it. */
  rootPx: number;
}

/** Measures the map's labels and counts (issue 18: no name on top of a count). Runs inside the browser. */
export function probeMapLabels(page: Page): Promise<MapLabelsProbe> {
  return page.evaluate(() => {
    const boxOf = (element: Element, selector: string, code: string) => {
      const rect = element.getBoundingClientRect();
      return { selector, code, x: rect.x, y: rect.y, width: rect.width, height: rect.height };
    };
    const isShown = (element: Element): boolean => {
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) return false;
      const style = getComputedStyle(element);
      return style.visibility !== 'hidden' && style.display !== 'none';
    };
    const names = [];
    const counts = [];
    for (const label of Array.from(document.querySelectorAll('[data-testid="region-label"]'))) {
      const code = (label as HTMLElement).dataset.code ?? '';
      const plate = label.querySelector('.region-label__plate');
      const badge = label.querySelector('[data-testid="region-badge"]');
      if (plate && isShown(plate)) names.push(boxOf(plate, 'name', code));
      if (badge && isShown(badge)) counts.push(boxOf(badge, 'badge', code));
    }
    // A cluster's count is its number (the circle's corners are empty).
    for (const count of Array.from(document.querySelectorAll('.map-cluster__count'))) {
      if (isShown(count)) counts.push(boxOf(count, 'cluster', count.textContent ?? ''));
    }
    return { names, counts, rootPx: parseFloat(getComputedStyle(document.documentElement).fontSize) };
  });
}

/** A header as drawn: its height, the lines its items sit on, and any text in it cut or clipped. */
export interface HeaderProbe {
  height: number;
  /** Lines of the header's direct children (a line: children overlapping in height, to 4 px). */
  lines: number;
  /** Elements inside whose text is wider than their box, or shows an ellipsis character. */
  cut: string[];
  /** Children reaching past the header's sides. */
  outside: string[];
}

/** Measures a header (issue 18: the dashboard's in two lines at 1366×768). Runs inside the browser. */
export function probeHeader(page: Page, selector: string): Promise<HeaderProbe | null> {
  return page.evaluate((selector) => {
    const header = document.querySelector(selector);
    if (!header) return null;
    const box = header.getBoundingClientRect();
    const shown = Array.from(header.children).filter((child) => {
      const rect = child.getBoundingClientRect();
      return rect.width > 0 && rect.height > 0;
    });
    // Items centred on one line have different tops (a link beside a button): a child starts a
    // new line only below the whole of the lines before it (less 4 px).
    const rows = shown.map((child) => child.getBoundingClientRect()).sort((a, b) => a.top - b.top);
    const tops: number[] = [];
    let bottom = -Infinity;
    for (const rect of rows) {
      if (rect.top >= bottom - 4) tops.push(rect.top);
      bottom = Math.max(bottom, rect.bottom);
    }
    const cut: string[] = [];
    for (const element of Array.from(header.querySelectorAll<HTMLElement>('*'))) {
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0 || element.closest('[hidden]')) continue;
      const own = Array.from(element.childNodes)
        .filter((node) => node.nodeType === Node.TEXT_NODE)
        .map((node) => node.textContent ?? '')
        .join('');
      const name = `${element.tagName.toLowerCase()}.${element.className}`;
      if (!own.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(element);
      const drawn = range.getBoundingClientRect();
      if (own.includes('…')) cut.push(`${name}: "${own.trim()}"`);
      else if (getComputedStyle(element).display !== 'inline' && element.scrollWidth > element.clientWidth + 1)
        cut.push(`${name}: "${own.trim()}" ${element.scrollWidth} > ${element.clientWidth} px`);
      else if (drawn.left < box.left - 1 || drawn.right > box.right + 1)
        cut.push(`${name}: "${own.trim()}" past the header's side`);
    }
    const outside = shown
      .filter((child) => {
        const rect = child.getBoundingClientRect();
        return rect.left < box.left - 1 || rect.right > box.right + 1;
      })
      .map((child) => `${child.tagName.toLowerCase()}.${child.className}`);
    return { height: box.height, lines: tops.length, cut, outside };
  }, selector);
}

/**
 * Text cut with "…" (text-overflow: ellipsis and content wider than the box) whose title is
 * not its full text (issue 18: the region table's ids, services and addresses). Runs inside
 * the browser; whitespace is compared collapsed.
 */
export function probeEllipsisTitles(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const faults: string[] = [];
    for (const element of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      if (getComputedStyle(element).textOverflow !== 'ellipsis') continue;
      if (element.scrollWidth <= element.clientWidth + 1) continue;
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0 || element.closest('.visually-hidden, [hidden]')) continue;
      const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (!text) continue;
      const title = element.title.replace(/\s+/g, ' ').trim();
      if (title !== text)
        faults.push(
          `${element.tagName.toLowerCase()}.${element.className}: "${text.slice(0, 40)}" titled "${title.slice(0, 40)}"`,
        );
    }
    return [...new Set(faults)].slice(0, 10);
  });
}

/**
 * Fields whose text does not fit them (issue 18: the region page's search placeholder and the
 * side map's KPI choice were cut in kk): each shown input's placeholder and each select's
 * every option, measured in the field's font against its content box (a select less its
 * arrow). Runs inside the browser.
 */
export function probeCutFields(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const ARROW_PX = 20;
    const context = document.createElement('canvas').getContext('2d');
    if (!context) return ['no canvas'];
    const faults: string[] = [];
    for (const field of Array.from(document.querySelectorAll<HTMLInputElement | HTMLSelectElement>(selector))) {
      const rect = field.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0 || field.closest('.visually-hidden, [hidden]')) continue;
      const style = getComputedStyle(field);
      context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const isSelect = field instanceof HTMLSelectElement;
      const room =
        field.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - (isSelect ? ARROW_PX : 0);
      const texts = isSelect
        ? Array.from(field.options).map((option) => option.text)
        : [field.getAttribute('placeholder') ?? ''];
      for (const text of texts) {
        const width = context.measureText(text).width;
        if (text && width > room + 1)
          faults.push(
            `${field.tagName.toLowerCase()}.${field.className}: "${text}" ${width.toFixed(0)} > ${room.toFixed(0)} px`,
          );
      }
    }
    return faults;
  }, selector);
}
