import { applyEvent, createProjection, type ProjectionState, type RegionCode, type StatusChange } from '@shared';
import { describe, expect, it } from 'vitest';
import {
  assignAppeal,
  changeStatus,
  escalateAppeal,
  linkAppeals,
  openIncident,
  registerAppeal,
  resolveIncident,
  type CommandContext,
  type CommandResult,
} from '../../../../server/src/writes/commands';
import { createLocator } from '../../../../server/src/regions/createLocator';
import { loadBuiltinLayer } from '../../../../server/src/regions/loadRegionLayer';
import { createEventFactory } from '../../shared/factories';

const ASTANA = { lat: 51.128, lng: 71.43 };
/** The real locator on the default layer: Astana's point is KZ-71, 0 N 0 E is in no region. */
const LOCATOR = createLocator(loadBuiltinLayer());

function context(state: ProjectionState, regions: CommandContext['regions'] = 'all'): CommandContext {
  return {
    state,
    regions,
    eventId: 'api-1',
    at: '2026-11-27T05:00:00.000Z',
    locate: LOCATOR,
    newId: (kind) => (kind === 'appeal' ? 'A-NEW' : 'I-NEW'),
  };
}

function refusal(result: CommandResult) {
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

function world(): ProjectionState {
  const f = createEventFactory();
  const state = createProjection();
  for (const event of [
    f.registered('open', { region: 'KZ-71' }),
    f.registered('done', { region: 'KZ-71' }),
    f.statusChanged('done', 'resolved'),
    f.statusChanged('done', 'closed'),
    f.registered('south', { region: 'KZ-75', location: { lat: 43.2, lng: 76.9 } }),
    f.incidentOpened('inc', { region: 'KZ-71', appealIds: ['open'] }),
    f.incidentOpened('gone', { region: 'KZ-71' }),
    f.incidentResolved('gone'),
  ]) {
    applyEvent(state, event);
  }
  return state;
}

const BODY = {
  category: 'heating' as const,
  priority: 'high' as const,
  channel: 'call' as const,
  location: ASTANA,
  description: 'Холодно',
};

describe('registerAppeal', () => {
  it('plans one appeal.registered in the located region with the new id, auditing field names only', () => {
    const result = registerAppeal(context(world()), { ...BODY, citizen: { phone: '+77012345678' } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.write.event).toMatchObject({
      v: 1,
      id: 'api-1',
      type: 'appeal.registered',
      region: 'KZ-71',
      data: { appealId: 'A-NEW', category: 'heating', citizen: { phone: '+77012345678' } },
    });
    expect('region' in result.write.event.data).toBe(false);
    expect(result.write.audit).toEqual({
      action: 'appeal.register',
      target: 'appeal:A-NEW',
      changed: ['category', 'priority', 'channel', 'location', 'description', 'citizen'],
    });
  });

  it('refuses a region outside the scope (403) and a point in no region (422)', () => {
    expect(refusal(registerAppeal(context(world(), ['KZ-75']), BODY))).toMatchObject({
      status: 403,
      field: 'region',
    });
    expect(refusal(registerAppeal(context(world()), { ...BODY, location: { lat: 0, lng: 0 } }))).toMatchObject({
      status: 422,
      code: 'outside_regions',
    });
  });
});

describe('appeal transitions', () => {
  const cases: [string, StatusChange, boolean][] = [
    ['open', 'in_progress', true],
    ['open', 'closed', false],
    ['open', 'reopened', false],
    ['done', 'resolved', false],
    ['done', 'reopened', true],
  ];
  it.each(cases)('%s → %s allowed: %s', (appealId, status, isAllowed) => {
    const result = changeStatus(context(world()), appealId, { status });
    expect(result.ok).toBe(isAllowed);
    if (!result.ok) expect(result.error).toMatchObject({ status: 409, code: 'invalid_transition', field: 'status' });
  });

  it('answers 404 alike for an unknown appeal and one outside the scope', () => {
    const unknown = refusal(assignAppeal(context(world()), 'nope', { service: 'X' }));
    const foreign = refusal(assignAppeal(context(world(), ['KZ-71' as RegionCode]), 'south', { service: 'X' }));
    expect(unknown.status).toBe(404);
    expect(foreign.status).toBe(404);
    expect(foreign.code).toBe(unknown.code);
  });

  it('refuses to assign a finished appeal or to repeat the same assignment', () => {
    expect(refusal(assignAppeal(context(world()), 'done', { service: 'X' })).code).toBe('invalid_transition');
    const state = world();
    const first = assignAppeal(context(state), 'open', { service: 'Teplo' });
    expect(first.ok).toBe(true);
    if (first.ok) applyEvent(state, { ...first.write.event, streamId: '9999999999999-0' });
    expect(refusal(assignAppeal(context(state), 'open', { service: 'Teplo' })).code).toBe('no_change');
  });

  it('escalates only upwards', () => {
    expect(escalateAppeal(context(world()), 'open', { priority: 'emergency' }).ok).toBe(true);
    expect(refusal(escalateAppeal(context(world()), 'open', { priority: 'normal' }))).toMatchObject({
      code: 'not_higher',
      field: 'priority',
    });
    expect(refusal(escalateAppeal(context(world()), 'done', { priority: 'emergency' })).code).toBe(
      'invalid_transition',
    );
  });
});

describe('incidents', () => {
  const INCIDENT = { title: 'Авария', category: 'heating' as const, severity: 'major' as const, location: ASTANA };

  it('links only known appeals of the same region, visible to the caller', () => {
    expect(openIncident(context(world()), { ...INCIDENT, appealIds: ['open'] }).ok).toBe(true);
    expect(refusal(openIncident(context(world()), { ...INCIDENT, appealIds: ['nope'] }))).toMatchObject({
      status: 409,
      code: 'unknown_appeal',
      field: 'appealIds',
    });
    expect(refusal(openIncident(context(world()), { ...INCIDENT, appealIds: ['south'] })).code).toBe('other_region');
  });

  it('adds only new links, and refuses changes to a resolved incident', () => {
    expect(refusal(linkAppeals(context(world()), 'inc', { appealIds: ['open'] })).code).toBe('no_change');
    const linked = linkAppeals(context(world()), 'inc', { appealIds: ['open', 'done', 'done'] });
    expect(linked.ok && linked.write.event.data).toEqual({ incidentId: 'inc', appealIds: ['done'] });
    expect(refusal(resolveIncident(context(world()), 'gone', {})).code).toBe('invalid_transition');
    expect(refusal(linkAppeals(context(world()), 'gone', { appealIds: ['open'] })).code).toBe('invalid_transition');
  });
});
