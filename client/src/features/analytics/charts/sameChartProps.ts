/**
 * `memo` comparison of chart props by content: the server sends a new `Analytics` object
 * on every push even when a series did not change (a quiet night, a regional filter), and
 * a Recharts redraw costs tens of milliseconds, so an unchanged series is not redrawn.
 * Functions compare by identity; data by its JSON (a few kB, well under a millisecond).
 */
export function sameChartProps<P extends object>(previous: Readonly<P>, next: Readonly<P>): boolean {
  const keys = new Set([...Object.keys(previous), ...Object.keys(next)]);
  for (const key of keys) {
    const a = (previous as Record<string, unknown>)[key];
    const b = (next as Record<string, unknown>)[key];
    if (a === b) continue;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
    if (JSON.stringify(a) !== JSON.stringify(b)) return false;
  }
  return true;
}
