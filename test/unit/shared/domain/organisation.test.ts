import {
  assignAppealBodySchema,
  binSchema,
  eventEnvelopeSchema,
  isValidIinOrBin,
  matchServiceName,
  normaliseServiceName,
  organisationInputSchema,
  parseEnvelopeFast,
  NOT_FAST,
  type Organisation,
} from '@shared';
import { describe, expect, it } from 'vitest';
import { DEMO_SERVICES, demoBin } from '../../../../server/src/services/demoServices';

const VALID_BIN = demoBin(0);

function org(overrides: Partial<Organisation> = {}): Organisation {
  return {
    bin: VALID_BIN,
    name: { ru: 'ТОО «Астана-Теплотранзит»', kk: '«Астана-Теплотранзит» ЖШС' },
    kind: 'utility',
    regions: ['KZ-71'],
    categories: ['heating'],
    active: true,
    createdAt: '2026-11-27T00:00:00.000Z',
    updatedAt: '2026-11-27T00:00:00.000Z',
    ...overrides,
  };
}

describe('binSchema', () => {
  it('accepts a checksum-valid БИН and trims it', () => {
    expect(binSchema.parse(` ${VALID_BIN} `)).toBe(VALID_BIN);
  });

  it('refuses a wrong control digit, naming the БИН', () => {
    const wrong = `${VALID_BIN.slice(0, 11)}${(Number(VALID_BIN[11]) + 1) % 10}`;
    const result = binSchema.safeParse(wrong);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/not a valid БИН/);
  });

  it('refuses anything but 12 digits', () => {
    for (const bad of ['12345678901', '1234567890123', '12345678901a', '']) {
      expect(binSchema.safeParse(bad).error?.issues[0]?.message).toBe('a БИН is 12 digits');
    }
  });
});

describe('organisationInputSchema', () => {
  const input = {
    bin: VALID_BIN,
    name: { ru: 'А', kk: 'Ә' },
    kind: 'utility',
    regions: ['KZ-71'],
    categories: [],
    active: true,
  };

  it('needs the Russian and the Kazakh name, English is optional', () => {
    expect(organisationInputSchema.safeParse(input).success).toBe(true);
    const noKk = organisationInputSchema.safeParse({ ...input, name: { ru: 'А' } });
    expect(noKk.error?.issues[0]?.path).toEqual(['name', 'kk']);
  });

  it('needs a known kind, at least one known region and known categories', () => {
    expect(organisationInputSchema.safeParse({ ...input, kind: 'bank' }).success).toBe(false);
    expect(organisationInputSchema.safeParse({ ...input, regions: [] }).error?.issues[0]?.message).toBe(
      'give at least one region',
    );
    expect(organisationInputSchema.safeParse({ ...input, regions: ['KZ-99'] }).error?.issues[0]?.message).toMatch(
      /unknown region KZ-99/,
    );
    expect(organisationInputSchema.safeParse({ ...input, categories: ['parking'] }).success).toBe(false);
  });
});

describe('service name matching', () => {
  it('ignores case, quotes, punctuation and a leading legal form', () => {
    expect(normaliseServiceName('ТОО «Астана-Теплотранзит»')).toBe('астана-теплотранзит');
    expect(normaliseServiceName('  астана-теплотранзит ')).toBe('астана-теплотранзит');
    expect(normaliseServiceName('"Астана-Теплотранзит" ЖШС')).toBe('астана-теплотранзит жшс');
  });

  it('matches exactly one active organisation of the region, in any of its languages', () => {
    const heat = org();
    expect(matchServiceName([heat], 'Астана-Теплотранзит', 'KZ-71')?.bin).toBe(heat.bin);
    expect(matchServiceName([heat], '«Астана-Теплотранзит» ЖШС', 'KZ-71')?.bin).toBe(heat.bin);
    expect(matchServiceName([heat], 'Астана-Теплотранзит', 'KZ-75')).toBeNull();
    expect(matchServiceName([{ ...heat, active: false }], 'Астана-Теплотранзит', 'KZ-71')).toBeNull();
    expect(matchServiceName([heat], 'Водоканал', 'KZ-71')).toBeNull();
  });

  it('keeps the text when two organisations share the name', () => {
    const twin = org({ bin: demoBin(1) });
    expect(matchServiceName([org(), twin], 'Астана-Теплотранзит', 'KZ-71')).toBeNull();
  });
});

describe('appeal.assigned with serviceId', () => {
  const envelope = (data: Record<string, unknown>) => ({
    v: 1,
    id: 'e-1',
    type: 'appeal.assigned',
    at: '2026-11-27T10:00:00+05:00',
    region: 'KZ-71',
    data: { appealId: 'A-1', service: 'ТОО «Астана-Теплотранзит»', ...data },
  });

  it('is optional and kept when valid (schema and fast parser agree)', () => {
    const withId = envelope({ serviceId: VALID_BIN });
    expect(eventEnvelopeSchema.parse(withId).data).toMatchObject({ serviceId: VALID_BIN });
    expect(parseEnvelopeFast(structuredClone(withId))).toEqual(eventEnvelopeSchema.parse(withId));
    expect(eventEnvelopeSchema.safeParse(envelope({})).success).toBe(true);
  });

  it('is refused (a dead-letter reason naming it) when not a valid БИН', () => {
    const bad = envelope({ serviceId: '123456789012' });
    expect(parseEnvelopeFast(structuredClone(bad))).toBe(NOT_FAST);
    const result = eventEnvelopeSchema.safeParse(bad);
    expect(result.error?.issues[0]?.path).toEqual(['data', 'serviceId']);
  });
});

describe('assignAppealBodySchema', () => {
  it('takes a serviceId, free text, or both; neither is an error on `service`', () => {
    expect(assignAppealBodySchema.safeParse({ serviceId: VALID_BIN }).success).toBe(true);
    expect(assignAppealBodySchema.safeParse({ service: 'Водоканал' }).success).toBe(true);
    expect(assignAppealBodySchema.safeParse({ service: 'x', serviceId: VALID_BIN }).success).toBe(true);
    expect(assignAppealBodySchema.safeParse({ assignee: 'Бригада 3' }).error?.issues[0]?.path).toEqual(['service']);
  });
});

describe('the demo directory', () => {
  it('holds 40–60 fictional organisations with distinct, checksum-valid БИНs and unique names', () => {
    expect(DEMO_SERVICES.length).toBeGreaterThanOrEqual(40);
    expect(DEMO_SERVICES.length).toBeLessThanOrEqual(60);
    expect(DEMO_SERVICES.every((o) => isValidIinOrBin(o.bin))).toBe(true);
    expect(DEMO_SERVICES.every((o) => organisationInputSchema.safeParse(o).success)).toBe(true);
    expect(new Set(DEMO_SERVICES.map((o) => o.bin)).size).toBe(DEMO_SERVICES.length);
    expect(new Set(DEMO_SERVICES.map((o) => o.name.ru)).size).toBe(DEMO_SERVICES.length);
    expect(new Set(DEMO_SERVICES.flatMap((o) => o.regions)).size).toBe(20);
  });

  it('is the same on every start (БИНs generated deterministically)', () => {
    expect(demoBin(7)).toBe(demoBin(7));
    expect(DEMO_SERVICES[0]?.bin).toBe(demoBin(0));
  });
});
