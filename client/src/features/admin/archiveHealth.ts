import { useEffect, useEffectEvent, useState } from 'react';
import { z } from 'zod';
import { useApiRequest } from '../../session/sessionContext';

/** The archive section asks `GET /api/health` again this often while shown. */
export const ARCHIVE_POLL_MS = 10_000;

const archiveSchema = z.object({
  state: z.enum(['ok', 'behind', 'down', 'standby', 'disabled']),
  mode: z.enum(['postgres', 'pglite']).nullable(),
  cursor: z.string().nullable(),
  lagEntries: z.number().nonnegative(),
  lagIsExact: z.boolean(),
  lagSeconds: z.number().nonnegative(),
  lastBatchAt: z.number().nullable(),
  lastError: z.string().nullable(),
  streamLength: z.number().nullable(),
  streamLimit: z.number(),
});

/** The `archive` block of a national-scope `GET /api/health` answer (docs/api.md). */
export type ArchiveHealth = z.infer<typeof archiveSchema> & { checkedAt: number };

const healthSchema = z.object({ checkedAt: z.number(), archive: archiveSchema.optional() });

/** The archive of a health body; 'hidden' when it has none (regional users); null for another shape. */
export function parseArchiveHealth(body: unknown): ArchiveHealth | 'hidden' | null {
  const parsed = healthSchema.safeParse(body);
  if (!parsed.success) return null;
  const { checkedAt, archive } = parsed.data;
  return archive ? { ...archive, checkedAt } : 'hidden';
}

/** True when the stream passed STREAM_MAX_ENTRIES (health is red). */
export function isStreamOverLimit(archive: ArchiveHealth): boolean {
  return archive.streamLength !== null && archive.streamLength > archive.streamLimit;
}

export interface ArchiveHealthState {
  status: 'loading' | 'ready' | 'hidden' | 'failed';
  /** The last good answer (kept after a failed request). */
  archive: ArchiveHealth | null;
}

/** The archive from `GET /api/health`, on mount and every ARCHIVE_POLL_MS (one request at a time). */
export function useArchiveHealth(): ArchiveHealthState {
  const request = useApiRequest();
  const [state, setState] = useState<ArchiveHealthState>({ status: 'loading', archive: null });
  const fetchHealth = useEffectEvent(() => request<unknown>('/api/health'));
  useEffect(() => {
    let isCurrent = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async (): Promise<void> => {
      const result = await fetchHealth();
      if (!isCurrent) return;
      const parsed = result.ok ? parseArchiveHealth(result.data) : null;
      if (parsed === 'hidden') {
        setState({ status: 'hidden', archive: null });
        return;
      }
      if (parsed) setState({ status: 'ready', archive: parsed });
      else setState((previous) => ({ status: 'failed', archive: previous.archive }));
      timer = setTimeout(() => void load(), ARCHIVE_POLL_MS);
    };
    void load();
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, []);
  return state;
}
