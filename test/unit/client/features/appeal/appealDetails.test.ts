import type { Appeal } from '@shared';
import { describe, expect, it } from 'vitest';
import {
  currentAppeal,
  isTimelineBehind,
  parseAppealDetails,
} from '../../../../../client/src/features/appeal/appealDetails';
import { appealPermissions, hasAnyWrite } from '../../../../../client/src/features/appeal/appealPermissions';
import { servicesSeen } from '../../../../../client/src/features/appeal/serviceSuggestions';
import { appealIdOf, appealPath, routeOf } from '../../../../../client/src/routes';
import { sessionUser } from '../../fixtures';

const appeal = (extra: Partial<Appeal> = {}) =>
  ({ id: 'A-1', status: 'registered', streamIds: ['5-0'], ...extra }) as Appeal;
const event = (streamId: string) => ({ type: 'appeal.assigned', streamId, at: '2026-11-27T10:00:00+05:00', data: {} });

describe('GET /api/appeals/:id answer', () => {
  it('reads the appeal, the timeline and the cursor, skipping unreadable events', () => {
    const parsed = parseAppealDetails({ appeal: appeal(), timeline: [event('5-0'), { type: 'x' }], cursor: '9-0' });
    expect(parsed?.appeal.id).toBe('A-1');
    expect(parsed?.timeline).toHaveLength(1);
    expect(parsed?.cursor).toBe('9-0');
    expect(parsed?.source).toBe('memory');
    expect(parsed?.timelineStatus).toEqual({ isPartial: false, reason: null, missing: 0 });
  });

  it('reads where the appeal came from and whether its timeline is partial', () => {
    const parsed = parseAppealDetails({
      appeal: appeal(),
      timeline: [],
      cursor: '9-0',
      source: 'archive',
      timelineStatus: { isPartial: true, reason: 'trimmed', missing: 3 },
    });
    expect(parsed?.source).toBe('archive');
    expect(parsed?.timelineStatus).toEqual({ isPartial: true, reason: 'trimmed', missing: 3 });
    const odd = parseAppealDetails({
      appeal: appeal(),
      timeline: [],
      cursor: '9-0',
      timelineStatus: { isPartial: true, reason: 'x' },
    });
    expect(odd?.timelineStatus).toEqual({ isPartial: true, reason: 'trimmed', missing: 0 });
  });

  it('refuses other bodies', () => {
    expect(parseAppealDetails(null)).toBeNull();
    expect(parseAppealDetails({ appeal: {}, timeline: [], cursor: '1-0' })).toBeNull();
    expect(parseAppealDetails({ appeal: appeal(), timeline: {}, cursor: '1-0' })).toBeNull();
  });

  it('shows the live copy once the replica has caught up with the answer', () => {
    const details = {
      appeal: appeal({ status: 'registered' }),
      timeline: [],
      cursor: '9-0',
      source: 'memory' as const,
      timelineStatus: { isPartial: false, reason: null, missing: 0 },
    };
    const live = appeal({ status: 'in_progress' });
    expect(currentAppeal(details, live, '8-0').status).toBe('registered');
    expect(currentAppeal(details, live, '9-0').status).toBe('in_progress');
    expect(currentAppeal(details, undefined, '99-0').status).toBe('registered');
  });

  it('knows when the live appeal has an event the timeline lacks', () => {
    const timeline = [event('5-0')] as never[];
    expect(isTimelineBehind(timeline, appeal({ streamIds: ['5-0'] }))).toBe(false);
    expect(isTimelineBehind(timeline, appeal({ streamIds: ['5-0', '12-0'] }))).toBe(true);
    expect(isTimelineBehind([], appeal())).toBe(true);
    expect(isTimelineBehind(timeline, undefined)).toBe(false);
  });
});

describe('appeal page access and suggestions', () => {
  it('lets supervisors do everything, agents change statuses, others read', () => {
    expect(appealPermissions(sessionUser('supervisor'))).toEqual({
      canAssign: true,
      canEscalate: true,
      canChangeStatus: true,
      canReveal: true,
      canExtend: true,
      canRecordFeedback: true,
    });
    expect(appealPermissions(sessionUser('agent'))).toEqual({
      canAssign: false,
      canEscalate: false,
      canChangeStatus: true,
      canReveal: false,
      canExtend: false,
      canRecordFeedback: true,
    });
    // Admins may extend and record callbacks (the server allows them), not run the workflow.
    expect(appealPermissions(sessionUser('admin'))).toMatchObject({ canExtend: true, canRecordFeedback: true });
    expect(appealPermissions(sessionUser('operator'))).toMatchObject({ canExtend: false, canRecordFeedback: false });
    for (const user of [sessionUser('operator'), sessionUser('admin'), sessionUser('supervisor', { isKiosk: true })]) {
      expect(hasAnyWrite(appealPermissions(user)), user.role).toBe(false);
      expect(appealPermissions(user).canReveal).toBe(false);
    }
  });

  it('suggests the services of the region, most used first', () => {
    const appeals = [
      { region: 'KZ-75', service: 'Алматы Су' },
      { region: 'KZ-75', service: 'Алатау Жарық' },
      { region: 'KZ-75', service: ' Алматы Су ' },
      { region: 'KZ-71', service: 'Астана Су' },
      { region: 'KZ-75' },
    ] as Appeal[];
    expect(servicesSeen(appeals, new Set(['KZ-75']))).toEqual(['Алматы Су', 'Алатау Жарық']);
    expect(servicesSeen(appeals, new Set(['KZ-75']), 1)).toEqual(['Алматы Су']);
  });

  it('routes /appeals/:id with the id decoded', () => {
    expect(routeOf('/appeals/A-7K3QZD9M')).toBe('appeal');
    expect(appealIdOf('/appeals/A-7K3QZD9M/')).toBe('A-7K3QZD9M');
    expect(appealIdOf(appealPath('ext:109/2026.1'))).toBe('ext:109/2026.1');
    for (const path of ['/appeals', '/appeals/', '/appeals/a/b', '/appeals/%E0', '/appeals/with%20space']) {
      expect(appealIdOf(path), path).toBeNull();
    }
    expect(routeOf('/appeals/a/b')).toBe('not-found');
  });
});
