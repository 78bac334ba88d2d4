import { READ_BATCH } from '@shared';
import { EVENTS_STREAM } from '../keys';
import type { Logger } from '../logger';
import type { StreamLog } from '../stream/eventLog';
import type { ProjectionStore } from './createProjectionStore';

/**
 * Start-up: restores the snapshot, then applies the stream after it, before the node serves,
 * so the first snapshot a client gets is current. The next batch is read while this one is
 * applied; no snapshot is written until the end (then one, if due).
 */
export async function catchUp(store: ProjectionStore, log: StreamLog, logger: Logger): Promise<void> {
  const startedAt = performance.now();
  const from = await store.restore();
  const restoredAt = performance.now();
  let replayed = 0;
  let next = log.range(EVENTS_STREAM, from, '+', READ_BATCH);
  for (;;) {
    const entries = await next;
    const last = entries[entries.length - 1];
    if (!last) break;
    next = log.range(EVENTS_STREAM, last.id, '+', READ_BATCH);
    // Should ingest fail, the read ahead must not become an unhandled rejection.
    next.catch(() => undefined);
    await store.ingest(entries);
    replayed += entries.length;
  }
  logger.info(
    {
      snapshotCursor: from,
      replayed,
      cursor: store.state.cursor,
      restoreMs: Math.round(restoredAt - startedAt),
      replayMs: Math.round(performance.now() - restoredAt),
    },
    'projection ready',
  );
  store.snapshotIfDue();
}
