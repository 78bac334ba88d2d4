import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_CALENDAR_YEARS,
  ENVELOPE_VERSION,
  EVENT_DATA_SCHEMAS,
  EVENT_TYPES,
  MAX_DESCRIPTION_LENGTH,
  MAX_ENTITY_ID_LENGTH,
  MAX_EVENT_ID_LENGTH,
  MAX_LINKED_APPEALS,
  MAX_SHORT_TEXT_LENGTH,
  eventEnvelopeSchema,
  type EventType,
} from '@shared';

type Json = Record<string, unknown>;

const AT = '2026-11-27T10:15:00+05:00';
const LOCATION = { lat: 51.128, lng: 71.43, address: 'ул. Кенесары, 40', district: 'Сарыарка' };

/** One valid data object per event type, every optional field included. */
const FULL_DATA: Record<EventType, Json> = {
  'appeal.registered': {
    appealId: 'AST-2026/000123',
    channel: 'telegram',
    category: 'heating',
    priority: 'high',
    location: LOCATION,
    description: 'В квартире холодно, батареи ледяные',
    citizen: { name: 'Айгерим', phone: '+7 701 000 00 00' },
    slaMinutes: 720,
  },
  'appeal.assigned': { appealId: 'AST-2026/000123', service: 'Astana Teplotranzit', assignee: 'Бригада №4' },
  'appeal.status_changed': { appealId: 'AST-2026/000123', status: 'in_progress', comment: 'Бригада выехала' },
  'appeal.escalated': { appealId: 'AST-2026/000123', priority: 'emergency', comment: 'Дети в квартире' },
  'appeal.extended': { appealId: 'AST-2026/000123', months: 2, reason: 'Нужна экспертиза' },
  'appeal.feedback': { appealId: 'AST-2026/000123', result: 'confirmed', rating: 5, comment: 'Спасибо' },
  'calendar.year_added': { year: structuredClone(BUILT_IN_CALENDAR_YEARS[3]) as unknown as Json },
  'incident.opened': {
    incidentId: 'INC-1',
    title: 'Авария на теплотрассе',
    category: 'heating',
    severity: 'critical',
    location: LOCATION,
    affected: 1200,
    appealIds: ['AST-2026/000123', 'AST-2026/000124'],
  },
  'incident.updated': { incidentId: 'INC-1', severity: 'major', note: 'Локализовано', appealIds: ['AST-2026/000125'] },
  'incident.resolved': { incidentId: 'INC-1', note: 'Подача тепла восстановлена' },
};

/** Only the required data fields per type. */
const MINIMAL_DATA: Record<EventType, Json> = {
  'appeal.registered': {
    appealId: 'a1',
    channel: 'call',
    category: 'gas',
    priority: 'emergency',
    location: { lat: 43.24, lng: 76.91 },
    description: 'Запах газа в подъезде',
  },
  'appeal.assigned': { appealId: 'a1', service: 'QazaqGaz' },
  'appeal.status_changed': { appealId: 'a1', status: 'resolved' },
  'appeal.escalated': { appealId: 'a1', priority: 'high' },
  'appeal.extended': { appealId: 'a1', months: 1, reason: 'Запрос в другой орган' },
  'appeal.feedback': { appealId: 'a1', result: 'unreachable' },
  'calendar.year_added': { year: structuredClone(BUILT_IN_CALENDAR_YEARS[3]) as unknown as Json },
  'incident.opened': {
    incidentId: 'i1',
    title: 'Утечка газа',
    category: 'gas',
    severity: 'minor',
    location: { lat: 43.24, lng: 76.91 },
  },
  'incident.updated': { incidentId: 'i1' },
  'incident.resolved': { incidentId: 'i1' },
};

const REQUIRED_DATA_FIELDS: Record<EventType, string[]> = {
  'appeal.registered': ['appealId', 'channel', 'category', 'priority', 'location', 'description'],
  'appeal.assigned': ['appealId', 'service'],
  'appeal.status_changed': ['appealId', 'status'],
  'appeal.escalated': ['appealId', 'priority'],
  'appeal.extended': ['appealId', 'months', 'reason'],
  'appeal.feedback': ['appealId', 'result'],
  'calendar.year_added': ['year'],
  'incident.opened': ['incidentId', 'title', 'category', 'severity', 'location'],
  'incident.updated': ['incidentId'],
  'incident.resolved': ['incidentId'],
};

function envelope(type: EventType, data: Json = FULL_DATA[type], extra: Json = {}): Json {
  // A national event has no region.
  const region = type === 'calendar.year_added' ? {} : { region: 'KZ-71' };
  return { v: 1, id: `evt-${type}`, type, at: AT, ...region, data, ...extra };
}

function withData(type: EventType, patch: Json): Json {
  return envelope(type, { ...FULL_DATA[type], ...patch });
}

function withLocation(type: 'appeal.registered' | 'incident.opened', patch: Json): Json {
  return withData(type, { location: { ...LOCATION, ...patch } });
}

function issues(input: unknown) {
  const result = eventEnvelopeSchema.safeParse(input);
  if (result.success) throw new Error(`expected ${JSON.stringify(input)} to be invalid`);
  return result.error.issues;
}

/** Asserts that the input fails with an issue at `path` whose message contains `message`. */
function expectIssue(input: unknown, path: (string | number)[], message?: string | RegExp): void {
  const found = issues(input);
  const at = found.filter((i) => JSON.stringify(i.path) === JSON.stringify(path));
  expect(at, `issues were ${JSON.stringify(found)}`).not.toHaveLength(0);
  if (message !== undefined) {
    expect(
      at.some((i) => (typeof message === 'string' ? i.message.includes(message) : message.test(i.message))),
      `messages at ${path.join('.')} were ${JSON.stringify(at.map((i) => i.message))}`,
    ).toBe(true);
  }
}

function expectValid(input: unknown) {
  const result = eventEnvelopeSchema.safeParse(input);
  expect(result.success, result.success ? '' : JSON.stringify(result.error.issues)).toBe(true);
  if (!result.success) throw new Error('unreachable');
  return result.data;
}

describe('contract constants', () => {
  it('has envelope version 1', () => {
    expect(ENVELOPE_VERSION).toBe(1);
  });

  it('lists exactly the event types of the contract (six of design.md, appeal.escalated, the three of the law), each with a data schema', () => {
    expect(EVENT_TYPES).toEqual([
      'appeal.registered',
      'appeal.assigned',
      'appeal.status_changed',
      'appeal.escalated',
      'appeal.extended',
      'appeal.feedback',
      'calendar.year_added',
      'incident.opened',
      'incident.updated',
      'incident.resolved',
    ]);
    expect(Object.keys(EVENT_DATA_SCHEMAS).sort()).toEqual([...EVENT_TYPES].sort());
  });
});

describe('eventEnvelopeSchema: valid envelopes', () => {
  it.each(EVENT_TYPES)('accepts a full %s envelope and keeps every field', (type) => {
    const parsed = expectValid(envelope(type));
    expect(parsed.type).toBe(type);
    expect(parsed).toEqual(envelope(type));
  });

  it.each(EVENT_TYPES)('accepts a minimal %s envelope (required fields only)', (type) => {
    const parsed = expectValid(envelope(type, MINIMAL_DATA[type]));
    expect(parsed.data).toEqual(MINIMAL_DATA[type]);
  });

  it.each(EVENT_TYPES)('accepts a %s envelope that went through JSON text', (type) => {
    expectValid(JSON.parse(JSON.stringify(envelope(type))));
  });

  it('accepts `at` in UTC (Z), with fractional seconds, and with other offsets', () => {
    for (const at of [
      '2026-11-27T05:15:00Z',
      '2026-11-27T10:15:00.123+05:00',
      '2026-11-27T10:15:00.5+05:00',
      '2026-11-27T08:15:00+03:00',
      '2026-11-27T00:15:00-05:00',
    ]) {
      expectValid(envelope('appeal.assigned', MINIMAL_DATA['appeal.assigned'], { at }));
    }
  });

  it('accepts every channel, priority, status and severity of the contract', () => {
    for (const channel of ['call', 'app', 'telegram', 'web', 'social', 'walk_in']) {
      expectValid(withData('appeal.registered', { channel }));
    }
    for (const priority of ['low', 'normal', 'high', 'emergency']) {
      expectValid(withData('appeal.registered', { priority }));
    }
    for (const status of ['in_progress', 'resolved', 'closed', 'rejected', 'reopened', 'redirected']) {
      expectValid(withData('appeal.status_changed', { status }));
    }
    for (const severity of ['minor', 'major', 'critical']) {
      expectValid(withData('incident.opened', { severity }));
      expectValid(withData('incident.updated', { severity }));
    }
  });

  it('accepts coordinates exactly on the limits', () => {
    for (const [lat, lng] of [
      [90, 180],
      [-90, -180],
      [0, 0],
    ]) {
      expectValid(withLocation('appeal.registered', { lat, lng }));
      expectValid(withLocation('incident.opened', { lat, lng }));
    }
  });

  it('accepts ids and texts exactly at their length limits', () => {
    expectValid(envelope('appeal.assigned', FULL_DATA['appeal.assigned'], { id: 'x'.repeat(MAX_EVENT_ID_LENGTH) }));
    expectValid(withData('appeal.assigned', { appealId: 'a'.repeat(MAX_ENTITY_ID_LENGTH) }));
    expectValid(withData('appeal.assigned', { service: 's'.repeat(MAX_SHORT_TEXT_LENGTH) }));
    expectValid(withData('appeal.registered', { description: 'д'.repeat(MAX_DESCRIPTION_LENGTH) }));
    expectValid(withData('appeal.registered', { slaMinutes: 525_600 }));
    expectValid(withData('appeal.registered', { slaMinutes: 1 }));
    expectValid(withData('incident.opened', { affected: 0 }));
    expectValid(withData('incident.opened', { appealIds: [] }));
    const many = Array.from({ length: MAX_LINKED_APPEALS }, (_, i) => `a${i}`);
    expectValid(withData('incident.opened', { appealIds: many }));
    expectValid(withData('incident.updated', { appealIds: many }));
  });

  it('trims free text', () => {
    const parsed = expectValid(withData('appeal.registered', { description: '  холодно \n' }));
    expect(parsed.type === 'appeal.registered' && parsed.data.description).toBe('холодно');
    const assigned = expectValid(withData('appeal.assigned', { service: ' Astana Su ', assignee: '\tБригада 2 ' }));
    expect(assigned.data).toMatchObject({ service: 'Astana Su', assignee: 'Бригада 2' });
  });

  it('strips unknown keys instead of failing (forward compatibility for producers)', () => {
    const parsed = expectValid({ ...envelope('incident.resolved'), trace: 'abc' });
    expect(parsed).not.toHaveProperty('trace');
  });

  it('accepts region omitted when data carries a location (the server locates it)', () => {
    for (const type of ['appeal.registered', 'incident.opened'] as const) {
      const { region: _region, ...noRegion } = envelope(type);
      const parsed = expectValid(noRegion);
      expect(parsed.region).toBeUndefined();
    }
  });
});

describe('eventEnvelopeSchema: invalid envelopes', () => {
  it.each([
    ['a string (unparsed JSON text)', JSON.stringify({ v: 1 })],
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['an array', [envelope('appeal.assigned')]],
    ['an empty object', {}],
  ])('rejects %s', (_name, input) => {
    expect(eventEnvelopeSchema.safeParse(input).success).toBe(false);
  });

  it('rejects a non-object with an invalid_type issue at the root', () => {
    for (const input of ['{"v":1}', null, 42, []]) {
      const found = issues(input);
      expect(found[0]?.code).toBe('invalid_type');
      expect(found[0]?.path).toEqual([]);
    }
  });

  it.each(['appeal.deleted', 'Appeal.Registered', 'appeal', '', 'incident.closed'])(
    'rejects unknown type %j with "unknown event type"',
    (type) => {
      expectIssue({ ...envelope('appeal.assigned'), type }, ['type'], 'unknown event type');
    },
  );

  it('rejects a missing or non-string type with "unknown event type"', () => {
    const { type: _type, ...noType } = envelope('appeal.assigned');
    expectIssue(noType, ['type'], 'unknown event type');
    expectIssue({ ...noType, type: 1 }, ['type'], 'unknown event type');
  });

  it.each(['KZ-99', 'KZ-AST', 'KZ-ALA', 'kz-71', 'KZ-7', 'Astana', ''])(
    'rejects unknown region %j with "unknown region" naming it',
    (region) => {
      expectIssue(
        envelope('appeal.assigned', FULL_DATA['appeal.assigned'], { region }),
        ['region'],
        `unknown region ${region}`,
      );
    },
  );

  it('rejects a non-string region', () => {
    expectIssue(
      envelope('appeal.assigned', FULL_DATA['appeal.assigned'], { region: 71 }),
      ['region'],
      'unknown region',
    );
  });

  it.each(['plumbing', 'Heating', 'heating ', ''])(
    'rejects unknown category %j with "unknown category"',
    (category) => {
      expectIssue(withData('appeal.registered', { category }), ['data', 'category'], `unknown category ${category}`);
      expectIssue(withData('incident.opened', { category }), ['data', 'category'], `unknown category ${category}`);
    },
  );

  const missing = EVENT_TYPES.flatMap((type) => REQUIRED_DATA_FIELDS[type].map((field) => [type, field] as const));
  it.each(missing)('rejects %s without data.%s (issue on that path)', (type, field) => {
    const { [field]: _dropped, ...data } = FULL_DATA[type];
    expectIssue(envelope(type, data), ['data', field]);
  });

  it.each(['v', 'id', 'at', 'data'])('rejects an envelope without %s', (field) => {
    const { [field]: _dropped, ...rest } = envelope('appeal.assigned');
    expectIssue(rest, [field]);
  });

  it.each([
    ['appeal.registered', 'channel', 'fax'],
    ['appeal.registered', 'channel', 'Call'],
    ['appeal.registered', 'priority', 'urgent'],
    ['appeal.registered', 'priority', 'critical'],
    ['appeal.status_changed', 'status', 'done'],
    ['appeal.status_changed', 'status', 'registered'],
    ['appeal.status_changed', 'status', 'assigned'],
    ['incident.opened', 'severity', 'catastrophic'],
    ['incident.updated', 'severity', 'low'],
  ] as const)('rejects %s with %s = %j', (type, field, value) => {
    expectIssue(withData(type, { [field]: value }), ['data', field], /expected one of/);
  });

  it.each([
    ['lat', 90.0001],
    ['lat', -90.5],
    ['lat', 1000],
    ['lng', 180.01],
    ['lng', -181],
    ['lat', Number.NaN],
    ['lng', Number.POSITIVE_INFINITY],
    ['lat', '51.1'],
  ] as const)('rejects coordinates out of range or of the wrong type: %s = %s', (field, value) => {
    expectIssue(withLocation('appeal.registered', { [field]: value }), ['data', 'location', field]);
    expectIssue(withLocation('incident.opened', { [field]: value }), ['data', 'location', field]);
  });

  it('rejects a location without lat or lng', () => {
    expectIssue(withData('appeal.registered', { location: { lat: 51 } }), ['data', 'location', 'lng']);
    expectIssue(withData('incident.opened', { location: { lng: 71 } }), ['data', 'location', 'lat']);
  });

  it.each([
    '2026-11-27T10:15:00',
    '2026-11-27T10:15:00.000',
    '2026-11-27',
    '2026-11-27 10:15:00+05:00',
    '27.11.2026 10:15',
    '2026-02-30T10:15:00+05:00',
    '2026-11-27T24:00:00+05:00',
    'now',
    '',
  ])('rejects `at` %j (not ISO-8601 with an offset) with a message asking for one', (at) => {
    expectIssue(envelope('appeal.assigned', FULL_DATA['appeal.assigned'], { at }), ['at'], 'offset');
  });

  it('rejects `at` given as epoch milliseconds', () => {
    expectIssue(envelope('appeal.assigned', FULL_DATA['appeal.assigned'], { at: Date.parse(AT) }), ['at']);
  });

  it('rejects an event id longer than MAX_EVENT_ID_LENGTH, empty, or not a string', () => {
    const base = envelope('appeal.assigned');
    expectIssue({ ...base, id: 'x'.repeat(MAX_EVENT_ID_LENGTH + 1) }, ['id'], /128/);
    expectIssue({ ...base, id: '' }, ['id']);
    expectIssue({ ...base, id: 17 }, ['id']);
  });

  it('rejects a description longer than MAX_DESCRIPTION_LENGTH, empty or blank', () => {
    expectIssue(withData('appeal.registered', { description: 'д'.repeat(MAX_DESCRIPTION_LENGTH + 1) }), [
      'data',
      'description',
    ]);
    expectIssue(withData('appeal.registered', { description: '' }), ['data', 'description']);
    expectIssue(withData('appeal.registered', { description: '   \n\t ' }), ['data', 'description']);
  });

  it.each([2, 0, '1', 1.5, null])('rejects v = %j with "unsupported envelope version"', (v) => {
    expectIssue({ ...envelope('appeal.assigned'), v }, ['v'], 'unsupported envelope version');
  });

  it('rejects a missing v with "unsupported envelope version"', () => {
    const { v: _v, ...rest } = envelope('appeal.assigned');
    expectIssue(rest, ['v'], 'unsupported envelope version');
  });

  it.each(['appeal.assigned', 'appeal.status_changed', 'incident.updated', 'incident.resolved'] as const)(
    'rejects %s without region (its data has no location) with an issue on path region',
    (type) => {
      const { region: _region, ...noRegion } = envelope(type);
      expectIssue(noRegion, ['region'], 'region is required unless data.location is given');
    },
  );

  it('rejects entity ids that are too long, empty or contain spaces / odd characters', () => {
    for (const appealId of ['a'.repeat(MAX_ENTITY_ID_LENGTH + 1), '', 'a b', 'a\nb', 'a;b', 'a?b', 'заявка-1']) {
      expectIssue(withData('appeal.assigned', { appealId }), ['data', 'appealId']);
    }
    expectIssue(withData('appeal.status_changed', { appealId: 'bad id' }), ['data', 'appealId'], 'only letters');
    expectIssue(withData('incident.resolved', { incidentId: 'x'.repeat(65) }), ['data', 'incidentId']);
    expectIssue(withData('incident.opened', { appealIds: ['ok', 'not ok'] }), ['data', 'appealIds', 1]);
  });

  it('rejects short texts that are blank or over MAX_SHORT_TEXT_LENGTH', () => {
    expectIssue(withData('appeal.assigned', { service: '   ' }), ['data', 'service']);
    expectIssue(withData('appeal.assigned', { service: 's'.repeat(MAX_SHORT_TEXT_LENGTH + 1) }), ['data', 'service']);
    expectIssue(withData('appeal.assigned', { assignee: '' }), ['data', 'assignee']);
    expectIssue(withData('appeal.status_changed', { comment: 'c'.repeat(MAX_SHORT_TEXT_LENGTH + 1) }), [
      'data',
      'comment',
    ]);
    expectIssue(withData('incident.opened', { title: '' }), ['data', 'title']);
    expectIssue(withData('incident.updated', { note: ' ' }), ['data', 'note']);
    expectIssue(withData('incident.resolved', { note: 'n'.repeat(MAX_SHORT_TEXT_LENGTH + 1) }), ['data', 'note']);
    expectIssue(withLocation('appeal.registered', { address: '' }), ['data', 'location', 'address']);
    expectIssue(withLocation('incident.opened', { district: 'd'.repeat(MAX_SHORT_TEXT_LENGTH + 1) }), [
      'data',
      'location',
      'district',
    ]);
  });

  it.each([0, -5, 1.5, 525_601, '60'])('rejects slaMinutes = %j', (slaMinutes) => {
    expectIssue(withData('appeal.registered', { slaMinutes }), ['data', 'slaMinutes']);
  });

  it('rejects a citizen with an over-long phone or name, or blank fields', () => {
    expectIssue(withData('appeal.registered', { citizen: { phone: '1'.repeat(33) } }), ['data', 'citizen', 'phone']);
    expectIssue(withData('appeal.registered', { citizen: { name: 'n'.repeat(201) } }), ['data', 'citizen', 'name']);
    expectIssue(withData('appeal.registered', { citizen: { name: '  ' } }), ['data', 'citizen', 'name']);
  });

  it.each([-1, 2.5, '100'])('rejects incident affected = %j', (affected) => {
    expectIssue(withData('incident.opened', { affected }), ['data', 'affected']);
  });

  it('rejects more than MAX_LINKED_APPEALS linked appeals', () => {
    const tooMany = Array.from({ length: MAX_LINKED_APPEALS + 1 }, (_, i) => `a${i}`);
    expectIssue(withData('incident.opened', { appealIds: tooMany }), ['data', 'appealIds']);
    expectIssue(withData('incident.updated', { appealIds: tooMany }), ['data', 'appealIds']);
  });

  it('rejects data of another type (type and data must match)', () => {
    expectIssue(envelope('appeal.assigned', FULL_DATA['incident.resolved']), ['data', 'appealId']);
    expectIssue(envelope('incident.resolved', FULL_DATA['appeal.assigned']), ['data', 'incidentId']);
  });

  it('rejects data that is not an object', () => {
    expectIssue(envelope('appeal.assigned', 'a1' as unknown as Json), ['data']);
  });
});
