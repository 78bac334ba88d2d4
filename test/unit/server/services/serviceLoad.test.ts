import {
  BUILT_IN_CALENDAR_YEARS,
  createWorkingCalendar,
  initialLawFields,
  type Appeal,
  type Organisation,
} from '@shared';
import { describe, expect, it } from 'vitest';
import { demoBin } from '../../../../server/src/services/demoServices';
import { resolveAssignment } from '../../../../server/src/services/resolveAssignment';
import type { DirectorySnapshot } from '../../../../server/src/services/serviceDirectory';
import { computeServiceLoad } from '../../../../server/src/services/serviceLoad';
import { HOUR, MINUTE, T0 } from '../../shared/factories';

const HEAT = demoBin(0);
const WATER = demoBin(1);

function org(bin: string, ru: string, overrides: Partial<Organisation> = {}): Organisation {
  return {
    bin,
    name: { ru, kk: ru },
    kind: 'utility',
    regions: ['KZ-71'],
    categories: [],
    active: true,
    createdAt: 'x',
    updatedAt: 'x',
    ...overrides,
  };
}

function snapshot(organisations: Organisation[], version = 'v1'): DirectorySnapshot {
  return { version, organisations, byBin: new Map(organisations.map((o) => [o.bin, o])) };
}

let next = 0;
function appeal(overrides: Partial<Appeal>): Appeal {
  next += 1;
  return {
    id: `A-${next}`,
    region: 'KZ-71',
    category: 'heating',
    priority: 'normal',
    channel: 'call',
    location: { lat: 51.1, lng: 71.4 },
    description: 'нет отопления',
    status: 'assigned',
    registeredAt: T0 - 2 * HOUR,
    respondedAt: T0 - 2 * HOUR + 10 * MINUTE,
    resolvedAt: null,
    closedAt: null,
    responseDueAt: T0,
    dueAt: T0 + HOUR,
    ...initialLawFields(createWorkingCalendar(BUILT_IN_CALENDAR_YEARS), T0 - 2 * HOUR),
    updatedAt: T0,
    streamIds: [],
    ...overrides,
  };
}

describe('computeServiceLoad', () => {
  const directory = snapshot([org(HEAT, 'ТОО «Астана-Теплотранзит»'), org(WATER, 'ГКП «Астана Су Арнасы»')]);

  it('counts open, overdue, resolved today and the median response per service', () => {
    const appeals = [
      appeal({ serviceId: HEAT, service: 'ТОО «Астана-Теплотранзит»' }),
      appeal({
        serviceId: HEAT,
        service: 'ТОО «Астана-Теплотранзит»',
        dueAt: T0 - MINUTE,
        respondedAt: T0 - 2 * HOUR + 30 * MINUTE,
      }),
      // Resolved at 09:00 Astana today (04:00 UTC), after midnight there.
      appeal({
        serviceId: HEAT,
        service: 'x',
        status: 'resolved',
        resolvedAt: T0 - HOUR,
        respondedAt: T0 - 2 * HOUR + 20 * MINUTE,
      }),
      // Resolved yesterday: not today.
      appeal({ serviceId: HEAT, service: 'x', status: 'closed', resolvedAt: T0 - 24 * HOUR, closedAt: T0 - 23 * HOUR }),
    ];
    const [row] = computeServiceLoad(appeals, directory, new Set(['KZ-71']), T0);
    expect(row).toMatchObject({
      serviceId: HEAT,
      service: 'ТОО «Астана-Теплотранзит»',
      open: 2,
      overdue: 1,
      legalOverdue: 0,
      resolvedToday: 1,
    });
    // Responses of 10, 30, 20, 10 minutes: median 15.
    expect(row?.medianResponseMs).toBe(15 * MINUTE);
  });

  it('matches outside producers’ free text to the directory, and keeps unknown text as its own row', () => {
    const appeals = [
      appeal({ service: 'Астана Су Арнасы' }),
      appeal({ service: 'ИП Иванов' }),
      appeal({ service: 'ИП Иванов', region: 'KZ-75' }),
    ];
    const rows = computeServiceLoad(appeals, directory, new Set(['KZ-71']), T0);
    expect(rows.map((r) => [r.serviceId, r.service, r.open])).toEqual([
      [WATER, 'ГКП «Астана Су Арнасы»', 1],
      [null, 'ИП Иванов', 1],
    ]);
  });

  it('leaves out services with nothing open and nothing resolved today', () => {
    const done = appeal({ serviceId: HEAT, service: 'x', status: 'closed', resolvedAt: T0 - 30 * HOUR });
    expect(computeServiceLoad([done], directory, new Set(['KZ-71']), T0)).toEqual([]);
  });
});

describe('resolveAssignment', () => {
  const directory = snapshot([
    org(HEAT, 'ТОО «Астана-Теплотранзит»'),
    org(WATER, 'ГКП «Су»', { active: false }),
    org(demoBin(2), 'ТОО «Алматы Лифт»', { regions: ['KZ-75'] }),
  ]);

  it('names a directory organisation by its directory name', () => {
    expect(resolveAssignment(directory, { serviceId: HEAT, service: 'typed' }, { region: 'KZ-71' })).toEqual({
      ok: true,
      service: 'ТОО «Астана-Теплотранзит»',
      serviceId: HEAT,
    });
  });

  it('refuses an unknown, deactivated or out-of-region organisation on serviceId', () => {
    const codes = [demoBin(9), WATER, demoBin(2)].map((serviceId) => {
      const result = resolveAssignment(directory, { serviceId }, { region: 'KZ-71' });
      return result.ok ? 'ok' : `${result.field}:${result.code}`;
    });
    expect(codes).toEqual([
      'serviceId:unknown_service',
      'serviceId:inactive_service',
      'serviceId:service_out_of_region',
    ]);
  });

  it('adds the БИН to matching free text and keeps other text as given', () => {
    expect(resolveAssignment(directory, { service: 'астана-теплотранзит' }, { region: 'KZ-71' })).toEqual({
      ok: true,
      service: 'ТОО «Астана-Теплотранзит»',
      serviceId: HEAT,
    });
    expect(resolveAssignment(directory, { service: 'Бригада №5' }, { region: 'KZ-71' })).toEqual({
      ok: true,
      service: 'Бригада №5',
    });
  });
});
