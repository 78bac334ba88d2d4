import { describe, expect, it } from 'vitest';
import { eventEnvelopeSchema, parseEnvelopeFast, NOT_FAST } from '@shared';

const BASE = {
  v: 1,
  id: 'evt-actor-1',
  type: 'appeal.assigned',
  at: '2026-11-27T10:21:00+05:00',
  region: 'KZ-71',
  data: { appealId: 'A-71-1', service: 'Астана-Теплотранзит' },
} as const;

describe('the envelope `actor` (additive, optional)', () => {
  it('keeps an older entry without an actor valid, and adds nothing to it', () => {
    const parsed = eventEnvelopeSchema.parse(structuredClone(BASE));
    expect(parsed).not.toHaveProperty('actor');
    expect(parsed).toEqual(BASE);
  });

  it.each([
    ['a staff account', { kind: 'user', id: 'supervisor', role: 'supervisor', name: 'Руководитель смены' }],
    ['an Open311 client account', { kind: 'user', id: 'city-app', role: 'agent', via: 'open311' }],
    ['a system', { kind: 'system', name: 'simulator' }],
  ])('accepts %s, through zod and the fast parser alike', (_name, actor) => {
    const input = { ...BASE, actor };
    expect(eventEnvelopeSchema.parse(structuredClone(input)).actor).toEqual(actor);
    const fast = parseEnvelopeFast(structuredClone(input));
    expect(fast).not.toBe(NOT_FAST);
    expect((fast as { actor?: unknown }).actor).toEqual(actor);
  });

  it.each([
    ['an unknown kind', { kind: 'robot', name: 'x' }],
    ['a user without a role', { kind: 'user', id: 'supervisor' }],
    ['a role that does not exist', { kind: 'user', id: 'x', role: 'mayor' }],
    ['an empty id', { kind: 'user', id: ' ', role: 'agent' }],
    ['a system without a name', { kind: 'system' }],
    ['an unknown API', { kind: 'user', id: 'x', role: 'agent', via: 'fax' }],
    ['a string', 'supervisor'],
  ])('refuses %s, naming the field', (_name, actor) => {
    const result = eventEnvelopeSchema.safeParse({ ...BASE, actor });
    expect(result.success).toBe(false);
    expect(result.error?.issues.some((issue) => issue.path[0] === 'actor')).toBe(true);
    expect(parseEnvelopeFast({ ...BASE, actor })).toBe(NOT_FAST);
  });
});
