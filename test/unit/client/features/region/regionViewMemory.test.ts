import { afterEach, describe, expect, it } from 'vitest';
import {
  forgetView,
  lastViewUrl,
  ownerOf,
  recallView,
  rememberView,
} from '../../../../../client/src/features/region/regionViewMemory';
import { loadingList } from '../../../../../client/src/features/region/useRegionAppeals';
import { sessionUser } from '../../fixtures';

afterEach(() => forgetView());

describe('region view memory (the way back from an appeal)', () => {
  const owner = ownerOf(sessionUser('supervisor', { regions: ['KZ-71'] }));
  const view = {
    owner,
    url: '/region/KZ-71?overdue=true',
    list: loadingList('region=KZ-71&overdue=true&sort=-registeredAt'),
    scrollTop: 4600,
    activeId: 'A-100',
    selected: new Set(['A-100']),
  };

  it('gives the last view back to its owner at its very URL', () => {
    rememberView(view);
    expect(recallView(owner, '/region/KZ-71?overdue=true')).toBe(view);
    expect(recallView(owner, '/region/KZ-71')).toBeNull();
    expect(lastViewUrl(owner)).toBe('/region/KZ-71?overdue=true');
  });

  it('never hands one user’s view to another, or to the same user with another scope', () => {
    rememberView(view);
    const other = ownerOf(sessionUser('supervisor', { username: 'supervisor2', regions: ['KZ-71'] }));
    const wider = ownerOf(sessionUser('supervisor', { regions: 'all' }));
    for (const someone of [other, wider]) {
      expect(recallView(someone, view.url)).toBeNull();
      expect(lastViewUrl(someone)).toBeNull();
    }
  });
});
