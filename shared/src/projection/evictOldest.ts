/**
 * One long-lived key iterator per FIFO map. `map.keys().next()` walks over every entry deleted
 * since the map's table was last rebuilt, up to its capacity: evicting from a full 200,000-id
 * window that way cost tens of µs per event. An iterator kept from one eviction to the next
 * stands just past what it evicted, so its next key is the oldest live one (a key deleted and
 * set again moves to the end, where the iterator meets it later).
 */
const evictionCursors = new WeakMap<Map<string, unknown>, Iterator<string>>();

/** Deletes the oldest keys of an insertion-ordered map beyond `max`, telling `drop` each one. */
export function evictOldest(order: Map<string, unknown>, max: number, drop?: (id: string) => void): void {
  while (order.size > max) {
    let cursor = evictionCursors.get(order);
    let next = cursor?.next();
    if (!cursor || !next || next.done) {
      // An exhausted iterator stays exhausted: start a new one.
      cursor = order.keys();
      evictionCursors.set(order, cursor);
      next = cursor.next();
    }
    if (next.done) return;
    order.delete(next.value);
    drop?.(next.value);
  }
}
