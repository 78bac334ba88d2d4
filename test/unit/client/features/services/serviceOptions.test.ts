import type { Organisation, ServiceLoadRow } from '@shared';
import { describe, expect, it } from 'vitest';
import { sortServiceLoad } from '../../../../../client/src/features/region/serviceLoadSort';
import { matchOrganisations, organisationName } from '../../../../../client/src/features/services/serviceOptions';

const org = (bin: string, ru: string, kk: string, en?: string): Organisation => ({
  bin,
  name: { ru, kk, ...(en ? { en } : {}) },
  kind: 'utility',
  regions: ['KZ-71'],
  categories: [],
  active: true,
  createdAt: 'x',
  updatedAt: 'x',
});

const HEAT = org('020140773006', 'ТОО «Астана-Теплотранзит»', '«Астана-Теплотранзит» ЖШС', 'Astana-Teplotranzit LLP');
const WATER = org('030440775917', 'ГКП «Астана Су Арнасы»', '«Астана Су Арнасы» МКК');
const LIFT = org('161140774947', 'ТОО «Лифт Сервис»', '«Лифт Сервис» ЖШС');

describe('matchOrganisations', () => {
  it('finds by every typed word in any language, names that start with the text first', () => {
    expect(matchOrganisations([HEAT, WATER, LIFT], 'астана', 'ru').map((o) => o.bin)).toEqual([WATER.bin, HEAT.bin]);
    expect(matchOrganisations([HEAT, WATER, LIFT], 'лифт', 'ru').map((o) => o.bin)).toEqual([LIFT.bin]);
    expect(matchOrganisations([HEAT, WATER, LIFT], 'teplotranzit', 'en').map((o) => o.bin)).toEqual([HEAT.bin]);
    expect(matchOrganisations([HEAT, WATER, LIFT], 'су арнасы', 'kk').map((o) => o.bin)).toEqual([WATER.bin]);
  });

  it('finds by the start of the БИН, and lists everything (by name) for empty text', () => {
    expect(matchOrganisations([HEAT, WATER, LIFT], '0304 40', 'ru').map((o) => o.bin)).toEqual([WATER.bin]);
    expect(matchOrganisations([HEAT, WATER, LIFT], '', 'ru')).toHaveLength(3);
    expect(matchOrganisations([HEAT, WATER, LIFT], '', 'ru', 2)).toHaveLength(2);
  });

  it('names an organisation in the interface language, English falling back to Russian', () => {
    expect(organisationName(WATER, 'kk')).toBe('«Астана Су Арнасы» МКК');
    expect(organisationName(WATER, 'en')).toBe('ГКП «Астана Су Арнасы»');
  });
});

describe('sortServiceLoad', () => {
  const row = (service: string, open: number, overdue: number, resolvedToday = 0): ServiceLoadRow => ({
    serviceId: null,
    name: null,
    kind: null,
    service,
    open,
    overdue,
    legalOverdue: null,
    resolvedToday,
    medianResponseMs: null,
  });

  it('sorts by load or by overdue, highest first', () => {
    const rows = [row('А', 5, 0), row('Б', 2, 2), row('В', 9, 1, 4)];
    expect(sortServiceLoad(rows, 'open').map((r) => r.service)).toEqual(['В', 'А', 'Б']);
    expect(sortServiceLoad(rows, 'overdue').map((r) => r.service)).toEqual(['Б', 'В', 'А']);
    expect(sortServiceLoad(rows, 'resolvedToday').map((r) => r.service)).toEqual(['В', 'А', 'Б']);
  });
});
