import type { AuditRecord, StreamEvent } from '@shared';
import { describe, expect, it } from 'vitest';
import { joinActors, matchActors } from '../../../../server/src/audit/joinActors';

const status = (id: string, streamId: string, extra: object = {}): StreamEvent =>
  ({
    v: 1,
    id,
    type: 'appeal.status_changed',
    at: '2026-11-27T10:00:00Z',
    region: 'KZ-71',
    data: { appealId: 'A-1', status: 'in_progress' },
    streamId,
    ...extra,
  }) as StreamEvent;

const act = (id: string, fields: Partial<AuditRecord> = {}): AuditRecord => ({
  id,
  at: '2026-11-27T10:00:00Z',
  actor: 'dana',
  role: 'supervisor',
  action: 'appeal.status',
  target: 'appeal:A-1',
  changed: ['status'],
  requestId: 'r',
  outcome: 'ok',
  ...fields,
});

describe('matchActors: older events joined to the audit trail', () => {
  it('takes the nearest audit record of the same target and action that follows the event', () => {
    const [joined] = matchActors(
      [status('api-1', '1000-0')],
      [act('9000-0', { actor: 'late' }), act('1002-0', { actor: 'dana' }), act('999-0', { actor: 'before' })],
    );
    expect(joined?.actor).toEqual({ kind: 'user', id: 'dana', role: 'supervisor' });
  });

  it('uses each record once, for two writes close together', () => {
    const joined = matchActors(
      [status('api-1', '1000-0'), status('api-2', '1001-0')],
      [act('1003-0', { actor: 'second' }), act('1001-1', { actor: 'first' })],
    );
    expect(joined.map((e) => e.actor?.kind === 'user' && e.actor.id)).toEqual(['first', 'second']);
  });

  it('leaves alone events that carry an actor, outside producers’ events, and records of another target, action or far later', () => {
    const own = status('api-3', '1000-0', { actor: { kind: 'system', name: 'simulator' } });
    const outside = status('evt-9', '1000-0');
    const lonely = status('api-4', '1000-0');
    const joined = matchActors(
      [own, outside, lonely],
      [
        act('1001-0', { target: 'appeal:A-2' }),
        act('1001-1', { action: 'appeal.assign' }),
        act('20000-0'),
        act('1001-2', { role: 'none' }),
      ],
    );
    expect(joined[0]?.actor).toEqual({ kind: 'system', name: 'simulator' });
    expect(joined[1]?.actor).toBeUndefined();
    expect(joined[2]?.actor).toBeUndefined();
  });
});

describe('joinActors', () => {
  it('does not read the audit trail when every event says who acted', async () => {
    let reads = 0;
    const audit = { actsOn: () => ((reads += 1), Promise.resolve([])) };
    await joinActors(audit, [status('api-1', '1000-0', { actor: { kind: 'system', name: 'x' } }), status('e', '2-0')]);
    expect(reads).toBe(0);
  });

  it('asks for the targets back to the oldest event that needs it, and adds the staff name when known', async () => {
    const asked: unknown[] = [];
    const audit = {
      actsOn: (targets: readonly string[], since: number) => {
        asked.push({ targets, since });
        return Promise.resolve([act('1500-0')]);
      },
    };
    const [joined] = await joinActors(audit, [status('api-1', '1400-0')], (id) => (id === 'dana' ? 'Дана' : undefined));
    expect(asked).toEqual([{ targets: ['appeal:A-1'], since: 1400 }]);
    expect(joined?.actor).toEqual({ kind: 'user', id: 'dana', role: 'supervisor', name: 'Дана' });
  });
});
