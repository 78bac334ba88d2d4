import { APPEAL_STATUSES, allowedStatusChanges, isAllowedStatusChange, isOpenStatus, STATUS_CHANGES } from '@shared';
import { describe, expect, it } from 'vitest';

describe('allowedStatusChanges', () => {
  it('lets an open appeal be taken into work, resolved, redirected or rejected', () => {
    for (const status of ['registered', 'assigned', 'reopened', 'redirected'] as const) {
      expect(allowedStatusChanges(status), status).toEqual(['in_progress', 'resolved', 'redirected', 'rejected']);
    }
  });

  it('does not take into work what is already in progress', () => {
    expect(allowedStatusChanges('in_progress')).toEqual(['resolved', 'redirected', 'rejected']);
  });

  it('closes or reopens a resolved or rejected appeal, and only reopens a closed one', () => {
    expect(allowedStatusChanges('resolved')).toEqual(['closed', 'reopened']);
    expect(allowedStatusChanges('rejected')).toEqual(['reopened', 'closed']);
    expect(allowedStatusChanges('closed')).toEqual(['reopened']);
  });

  it('never offers a status change to the status the appeal is in (but a redirect may be redirected again)', () => {
    for (const status of APPEAL_STATUSES) {
      const allowed = allowedStatusChanges(status);
      if (status !== 'redirected') expect(allowed, status).not.toContain(status);
      expect(new Set(allowed).size, status).toBe(allowed.length);
      for (const to of allowed) expect(STATUS_CHANGES).toContain(to);
    }
  });

  it('only reopens (or closes) finished appeals, and never closes an open one directly', () => {
    for (const status of APPEAL_STATUSES) {
      const allowed = allowedStatusChanges(status);
      if (isOpenStatus(status)) {
        expect(allowed, status).not.toContain('closed');
        expect(allowed, status).not.toContain('reopened');
      } else {
        expect(allowed, status).toContain('reopened');
        expect(
          allowed.filter((s) => s !== 'reopened' && s !== 'closed'),
          status,
        ).toEqual([]);
      }
    }
  });

  it('answers the same through isAllowedStatusChange', () => {
    for (const from of APPEAL_STATUSES) {
      for (const to of STATUS_CHANGES) {
        expect(isAllowedStatusChange(from, to), `${from} → ${to}`).toBe(allowedStatusChanges(from).includes(to));
      }
    }
  });
});
