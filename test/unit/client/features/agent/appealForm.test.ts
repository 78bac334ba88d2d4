import { registerAppealBodySchema } from '@shared';
import { describe, expect, it } from 'vitest';
import {
  composeAddress,
  draftToInput,
  emptyDraft,
  isDraftEmpty,
  withMapPoint,
  withPlace,
  withRegion,
  type AppealDraft,
} from '../../../../../client/src/features/agent/appealDraft';
import {
  checkDraft,
  editedFields,
  fieldOfPath,
  firstProblemField,
  problemsOfIssues,
  problemsOfServerError,
} from '../../../../../client/src/features/agent/formProblems';
import { searchPlaces, type KnownPlace } from '../../../../../client/src/features/agent/placeSearch';

function place(query: string): KnownPlace {
  const found = searchPlaces(query, 'all')[0];
  if (!found) throw new Error(`no place ${query}`);
  return found;
}

/** A complete draft: heating in Medeu district, Almaty, with a caller. */
function filled(extra: Partial<AppealDraft> = {}): AppealDraft {
  return {
    ...withPlace({ ...emptyDraft(), category: 'heating' }, place('медеу')),
    address: 'ул. Абая, 10, кв. 5',
    description: '  Нет отопления в подъезде  ',
    citizenName: 'Айгерим Нурланова',
    citizenPhone: '8 701 234 5678',
    ...extra,
  };
}

describe('the appeal draft', () => {
  it('starts empty: normal priority, a 109 call', () => {
    const draft = emptyDraft();
    expect(draft).toMatchObject({ priority: 'normal', channel: 'call', category: null, point: null });
    expect(isDraftEmpty(draft)).toBe(true);
    expect(isDraftEmpty({ ...draft, description: 'x' })).toBe(false);
    expect(isDraftEmpty({ ...draft, priority: 'high' })).toBe(false);
  });

  it('takes region and an approximate point from a picked place', () => {
    const draft = withPlace(emptyDraft(), place('семей'));
    expect(draft).toMatchObject({ region: 'KZ-10', pointSource: 'place', point: { lat: 50.411, lng: 80.227 } });
  });

  it('takes an exact point from the map, keeping the region when the map cannot tell', () => {
    const inAlmaty = withMapPoint(filled(), { lat: 43.24, lng: 76.95 }, 'KZ-75');
    expect(inAlmaty).toMatchObject({ region: 'KZ-75', pointSource: 'map', place: { region: 'KZ-75' } });
    const elsewhere = withMapPoint(filled(), { lat: 51.1, lng: 71.4 }, 'KZ-71');
    expect(elsewhere).toMatchObject({ region: 'KZ-71', place: null });
    const unknown = withMapPoint(filled(), { lat: 10, lng: 10 }, null);
    expect(unknown.region).toBe('KZ-75');
  });

  it('moves the point to the region centre when another region is chosen, unless the clicked point is in it', () => {
    const clicked = withMapPoint(emptyDraft(), { lat: 50.4, lng: 80.2 }, 'KZ-10');
    expect(withRegion(clicked, 'KZ-63', true)).toMatchObject({
      region: 'KZ-63',
      pointSource: 'map',
      point: clicked.point,
    });
    expect(withRegion(clicked, 'KZ-71', false)).toMatchObject({
      region: 'KZ-71',
      pointSource: 'region',
      point: { lat: 51.128, lng: 71.43 },
    });
    expect(withRegion(clicked, null, false)).toMatchObject({ region: null, point: null, pointSource: null });
  });

  it('composes the address from the place and the street', () => {
    expect(composeAddress(filled(), 'ru')).toBe('Медеуский район, Алматы, ул. Абая, 10, кв. 5');
    expect(composeAddress(filled(), 'kk')).toBe('Медеу ауданы, Алматы, ул. Абая, 10, кв. 5');
    expect(composeAddress({ place: null, address: ' пр. Республики 1 ' }, 'ru')).toBe('пр. Республики 1');
    expect(composeAddress({ place: null, address: '' }, 'ru')).toBe('');
  });
});

describe('form → request body', () => {
  it('maps a complete draft onto registerAppealBodySchema, phone normalised, text trimmed', () => {
    const input = draftToInput(filled(), 'ru');
    expect(input).toEqual({
      region: 'KZ-75',
      category: 'heating',
      priority: 'normal',
      channel: 'call',
      location: {
        lat: 43.235,
        lng: 76.99,
        address: 'Медеуский район, Алматы, ул. Абая, 10, кв. 5',
        district: 'Медеуский район',
      },
      description: '  Нет отопления в подъезде  ',
      citizen: { name: 'Айгерим Нурланова', phone: '8 701 234 5678' },
    });
    const checked = checkDraft(filled(), 'ru', 'all');
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.body.citizen).toEqual({ name: 'Айгерим Нурланова', phone: '+77012345678' });
    expect(checked.body.description).toBe('Нет отопления в подъезде');
    expect(registerAppealBodySchema.safeParse(checked.body).success).toBe(true);
  });

  it('leaves out empty optional parts rather than sending them empty', () => {
    const input = draftToInput(filled({ citizenName: ' ', citizenPhone: '', address: '', place: null }), 'en');
    expect(input.citizen).toBeUndefined();
    expect(input.location).toEqual({ lat: 43.235, lng: 76.99 });
    expect(checkDraft(filled({ citizenName: '', citizenPhone: '' }), 'en', 'all').ok).toBe(true);
  });

  it('rounds a map click to six decimals', () => {
    const draft = withMapPoint(filled(), { lat: 43.2412345678, lng: 76.9512345678 }, 'KZ-75');
    expect(draftToInput(draft, 'ru').location).toMatchObject({ lat: 43.241235, lng: 76.951235 });
  });
});

describe('field-level problems (same schema as the server)', () => {
  it('names each missing field', () => {
    const checked = checkDraft(emptyDraft(), 'ru', 'all');
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problems).toEqual({
      category: { kind: 'chooseCategory' },
      place: { kind: 'choosePlace' },
      description: { kind: 'required' },
    });
    expect(firstProblemField(checked.problems)).toBe('category');
  });

  it('flags a bad phone, an over-long text and a region outside the user’s list', () => {
    const checked = checkDraft(filled({ citizenPhone: '+7 912 345 67 89', citizenName: 'x'.repeat(201) }), 'ru', [
      'KZ-71',
    ]);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problems).toEqual({
      citizenPhone: { kind: 'phone' },
      citizenName: { kind: 'tooLong', max: 200 },
      region: { kind: 'notInScope' },
    });
    expect(firstProblemField(checked.problems)).toBe('region');
  });

  it('maps schema paths and the server’s dotted `field` onto form fields', () => {
    expect(fieldOfPath(['citizen', 'phone'])).toBe('citizenPhone');
    expect(fieldOfPath('citizen.phone')).toBe('citizenPhone');
    expect(fieldOfPath('citizen.name')).toBe('citizenName');
    expect(fieldOfPath('location.address')).toBe('address');
    expect(fieldOfPath('location.lat')).toBe('place');
    expect(fieldOfPath('location.district')).toBe('place');
    expect(fieldOfPath('location')).toBe('place');
    expect(fieldOfPath(['description'])).toBe('description');
    expect(fieldOfPath('region')).toBe('region');
    expect(fieldOfPath('slaMinutes')).toBeNull();
    expect(fieldOfPath([])).toBeNull();
  });

  it('reads an out-of-range point as a bad place', () => {
    const parsed = registerAppealBodySchema.safeParse(
      { ...draftToInput(filled(), 'ru'), location: { lat: 95, lng: 76 } },
      { reportInput: true },
    );
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(problemsOfIssues(parsed.error.issues)).toEqual({ place: { kind: 'invalid' } });
  });

  it('shows a server `field` error on that field, in the client’s own words when it can', () => {
    const bad = filled({ citizenPhone: '123' });
    expect(
      problemsOfServerError(422, { code: 'invalid', message: 'x', field: 'citizen.phone' }, bad, 'ru', 'all'),
    ).toEqual({ problems: { citizenPhone: { kind: 'phone' } }, formError: null });
    expect(
      problemsOfServerError(422, { code: 'invalid', message: 'x', field: 'description' }, filled(), 'ru', 'all'),
    ).toEqual({ problems: { description: { kind: 'rejected' } }, formError: null });
    expect(
      problemsOfServerError(403, { code: 'forbidden', message: 'x', field: 'region' }, filled(), 'ru', 'all'),
    ).toEqual({ problems: { region: { kind: 'notInScope' } }, formError: null });
  });

  it('reads a refusal without a field as a form-wide message', () => {
    const of = (status: number) => problemsOfServerError(status, null, filled(), 'ru', 'all').formError;
    expect(of(400)).toEqual({ kind: 'invalid' });
    expect(of(422)).toEqual({ kind: 'invalid' });
    expect(of(403)).toEqual({ kind: 'forbidden' });
    expect(of(409)).toEqual({ kind: 'conflict' });
    expect(of(413)).toEqual({ kind: 'tooLarge' });
    expect(of(415)).toEqual({ kind: 'refused', status: 415 });
  });
});

describe('editedFields', () => {
  it('names the fields whose messages an edit makes stale', () => {
    const before = filled();
    expect(editedFields(before, before)).toEqual([]);
    expect(editedFields(before, { ...before, citizenPhone: '8701' })).toEqual(['citizenPhone']);
    expect(editedFields(before, withRegion(before, 'KZ-71', false))).toEqual(
      expect.arrayContaining(['region', 'place']),
    );
  });
});
