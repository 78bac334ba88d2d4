import type { EventEnvelope, RegionCode } from '@shared';
import type { EventLog } from '../../server/src/stream/eventLog';

let counter = 0;
const run = Math.random().toString(36).slice(2, 8);

/** A unique id for test events and appeals. */
export function uniqueId(kind: string): string {
  counter += 1;
  return `${kind}-${run}-${counter}`;
}

/** An `appeal.registered` envelope as an outside producer would write it. */
export function appealRegistered(
  overrides: { appealId?: string; region?: RegionCode; at?: string; phone?: string } = {},
): EventEnvelope {
  return {
    v: 1,
    id: uniqueId('evt'),
    type: 'appeal.registered',
    at: overrides.at ?? new Date().toISOString(),
    region: overrides.region ?? 'KZ-71',
    data: {
      appealId: overrides.appealId ?? uniqueId('A'),
      channel: 'call',
      category: 'heating',
      priority: 'high',
      location: { lat: 51.13, lng: 71.44, address: 'ул. Кенесары, 40' },
      description: 'Нет отопления в подъезде',
      citizen: { name: 'Айгерім Сапарова', phone: overrides.phone ?? '+7 701 234 56 12' },
    },
  };
}

/** An `appeal.assigned` envelope for an appeal. */
export function appealAssigned(appealId: string, region: RegionCode = 'KZ-71', at?: string): EventEnvelope {
  return {
    v: 1,
    id: uniqueId('evt'),
    type: 'appeal.assigned',
    at: at ?? new Date().toISOString(),
    region,
    data: { appealId, service: 'Астана-Теплотранзит' },
  };
}

/** XADDs an envelope as the contract says (one field `event` holding the JSON). */
export async function appendEnvelope(log: EventLog, envelope: EventEnvelope): Promise<string> {
  return log.append('events', { event: JSON.stringify(envelope) });
}

/** Polls until `check` returns a truthy value or the timeout passes. */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  timeoutMs = 5000,
  what = 'condition',
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
