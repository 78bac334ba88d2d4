import {
  BUILT_IN_CALENDAR,
  initialLawFields,
  type Appeal,
  type AppealStatus,
  type Incident,
  type Priority,
  type Severity,
} from '@shared';
import { createRandom, T0 } from '../../../shared/factories';

/** A bare appeal for marker tests (fields the markers do not read are placeholders). */
export function appealAt(id: string, lat: number, lng: number, more: Partial<Appeal> = {}): Appeal {
  return {
    id,
    region: 'KZ-75',
    category: 'gas',
    priority: 'normal',
    channel: 'call',
    location: { lat, lng },
    description: '',
    status: 'registered',
    registeredAt: T0,
    respondedAt: null,
    resolvedAt: null,
    closedAt: null,
    responseDueAt: T0,
    dueAt: T0,
    ...initialLawFields(BUILT_IN_CALENDAR, T0),
    updatedAt: T0,
    streamIds: [],
    ...more,
  };
}

export function incidentAt(id: string, lat: number, lng: number, more: Partial<Incident> = {}): Incident {
  return {
    id,
    region: 'KZ-75',
    title: `Incident ${id}`,
    category: 'heating',
    severity: 'major',
    location: { lat, lng },
    appealIds: [],
    status: 'open',
    openedAt: T0,
    resolvedAt: null,
    updatedAt: T0,
    streamIds: [],
    ...more,
  };
}

const STATUSES: AppealStatus[] = [
  'registered',
  'assigned',
  'in_progress',
  'reopened',
  'redirected',
  'closed',
  'resolved',
];
const PRIORITIES: Priority[] = ['low', 'normal', 'high', 'emergency'];
const SEVERITIES: Severity[] = ['minor', 'major', 'critical'];

/**
 * A seeded spread over Kazakhstan: scattered appeals, a tight heap in Almaty (many at the
 * very same spot, as a building's residents report one outage), some closed, and incidents.
 */
export function kazakhstanSpread(seed: number, count: number): { appeals: Appeal[]; incidents: Incident[] } {
  const random = createRandom(seed);
  const appeals: Appeal[] = [];
  for (let i = 0; i < count; i += 1) {
    const isHeap = i % 5 === 0;
    const lat = isHeap ? 43.25 + (i % 3 === 0 ? 0 : random() * 0.01) : 41 + random() * 14;
    const lng = isHeap ? 76.95 + (i % 3 === 0 ? 0 : random() * 0.01) : 47 + random() * 40;
    appeals.push(
      appealAt(`A-${i}`, lat, lng, {
        status: STATUSES[Math.floor(random() * STATUSES.length)],
        priority: PRIORITIES[Math.floor(random() * PRIORITIES.length)],
      }),
    );
  }
  const incidents: Incident[] = [];
  for (let i = 0; i < Math.ceil(count / 50); i += 1) {
    incidents.push(
      incidentAt(`I-${i}`, 41 + random() * 14, 47 + random() * 40, {
        severity: SEVERITIES[i % SEVERITIES.length],
        status: i % 4 === 3 ? 'resolved' : 'open',
      }),
    );
  }
  return { appeals, incidents };
}
