import { previousStreamId, type AuditAction, type AuditOutcome, type AuditRecord } from '@shared';
import type { StreamLog } from '../stream/eventLog';
import { AUDIT_STREAM } from '../keys';

/** Stream (key suffix) of the audit trail: who changed or revealed what. */
export { AUDIT_STREAM };

export { AUDIT_ACTIONS, type AuditAction } from '@shared';

/** What a caller records; id and time are added by the log. */
export interface AuditEntry extends Omit<AuditRecord, 'id' | 'at' | 'changed' | 'outcome'> {
  changed?: readonly string[];
  outcome?: AuditOutcome;
}

export type { AuditRecord };

export interface AuditLog {
  record(entry: AuditEntry): Promise<string>;
  /** Records an act of the signed-in caller of a request (its claims and request id). */
  recordFor(
    request: { claims?: { user: { username: string; role: string } }; requestId: string },
    action: AuditAction,
    target: string,
    changed?: readonly string[],
  ): Promise<string>;
  /** Newest first, filtered; at most `limit` matches from the newest `scan` entries. */
  query(filter: { actor?: string; action?: string; target?: string; limit: number }): Promise<AuditRecord[]>;
  /**
   * Successful acts on any of `targets` recorded at or after `sinceMs`, newest first (scans
   * back only to `sinceMs`, at most 20,000 entries): what the timelines' actor join reads.
   */
  actsOn(targets: readonly string[], sinceMs: number): Promise<AuditRecord[]>;
}

const SCAN_PAGE = 500;
const MAX_SCAN_PAGES = 40;

function recordOf(id: string, fields: Record<string, string>): AuditRecord {
  return {
    id,
    at: fields.at ?? '',
    actor: fields.actor ?? '',
    role: fields.role ?? '',
    action: (fields.action ?? '') as AuditAction,
    target: fields.target ?? '',
    changed: JSON.parse(fields.changed ?? '[]') as string[],
    requestId: fields.requestId ?? '',
    outcome: (fields.outcome ?? 'ok') as AuditOutcome,
  };
}

/**
 * The audit trail is a Redis stream of its own, append-only like the events. Each field is
 * a separate stream field, so a newline in a value can never forge another record.
 */
export function createAuditLog(log: StreamLog, now: () => number = Date.now): AuditLog {
  const audit: AuditLog = {
    async record(entry: AuditEntry): Promise<string> {
      return log.append(AUDIT_STREAM, {
        at: new Date(now()).toISOString(),
        actor: entry.actor,
        role: entry.role,
        action: entry.action,
        target: entry.target,
        changed: JSON.stringify(entry.changed ?? []),
        requestId: entry.requestId,
        outcome: entry.outcome ?? 'ok',
      });
    },
    async recordFor(
      request: { claims?: { user: { username: string; role: string } }; requestId: string },
      action: AuditAction,
      target: string,
      changed?: readonly string[],
    ): Promise<string> {
      const user = request.claims?.user;
      return audit.record({
        actor: user?.username ?? 'anonymous',
        role: user?.role ?? 'none',
        action,
        target,
        ...(changed ? { changed } : {}),
        requestId: request.requestId,
      });
    },
    async query(filter: { actor?: string; action?: string; target?: string; limit: number }): Promise<AuditRecord[]> {
      const matches: AuditRecord[] = [];
      let before = '+';
      for (let page = 0; page < 20 && matches.length < filter.limit; page += 1) {
        const entries = await log.rangeReverse(AUDIT_STREAM, before, 500);
        for (const { id, fields } of entries) {
          const record = recordOf(id, fields);
          if (filter.actor && record.actor !== filter.actor) continue;
          if (filter.action && record.action !== filter.action) continue;
          if (filter.target && record.target !== filter.target) continue;
          matches.push(record);
          if (matches.length >= filter.limit) break;
        }
        const last = entries[entries.length - 1];
        if (!last || entries.length < 500) break;
        before = previousStreamId(last.id);
      }
      return matches;
    },
    async actsOn(targets, sinceMs) {
      const wanted = new Set(targets);
      const acts: AuditRecord[] = [];
      let before = '+';
      for (let page = 0; page < MAX_SCAN_PAGES; page += 1) {
        const entries = await log.rangeReverse(AUDIT_STREAM, before, SCAN_PAGE);
        for (const { id, fields } of entries) {
          if (wanted.has(fields.target ?? '') && (fields.outcome ?? 'ok') === 'ok') acts.push(recordOf(id, fields));
        }
        const last = entries[entries.length - 1];
        // Stream ids start with the append time: older pages cannot hold the acts asked for.
        if (!last || entries.length < SCAN_PAGE || Number(last.id.split('-')[0]) < sinceMs) break;
        before = previousStreamId(last.id);
      }
      return acts;
    },
  };
  return audit;
}
