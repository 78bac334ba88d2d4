/**
 * Keeping the reader's place when a live refresh changes the rows above it. Rows have one
 * fixed height, so the place is "row `id` is `offset` px above the top of the view"; after
 * the swap the view scrolls so that the same row sits at the same place. At the very top
 * nothing is anchored: a reader there wants to see new rows arrive.
 */
export interface ScrollAnchor {
  id: string;
  /** How far the view's top is below the row's top, px (0 ≤ offset < row height). */
  offset: number;
}

/** The anchor of the current view; null at the top or for an empty list. */
export function anchorOf(scrollTop: number, rowHeight: number, ids: readonly string[]): ScrollAnchor | null {
  if (scrollTop < 1 || rowHeight <= 0) return null;
  const index = Math.min(ids.length - 1, Math.floor(scrollTop / rowHeight));
  const id = ids[index];
  return id === undefined ? null : { id, offset: scrollTop - index * rowHeight };
}

/**
 * Where to scroll after the rows changed so the anchor row stays put; null to leave the view
 * as it is (no anchor, or the row is gone: the browser then keeps the pixel offset).
 */
export function scrollTopFor(
  anchor: ScrollAnchor | null,
  rowHeight: number,
  indexOf: (id: string) => number,
): number | null {
  if (!anchor) return null;
  const index = indexOf(anchor.id);
  return index < 0 ? null : index * rowHeight + anchor.offset;
}
