import type { SessionUser } from '@shared';
import type { RegionList } from './useRegionAppeals';

/** How the region view was left: shown again as it was when the reader comes back (Esc from an appeal). */
export interface RememberedView {
  /** Whose view it was (ownerOf): another user signing in on this browser never gets it. */
  owner: string;
  /** Path and query of the view (`/region/KZ-71?status=registered`). */
  url: string;
  list: RegionList;
  scrollTop: number;
  activeId: string | null;
  selected: ReadonlySet<string>;
}

// One view, in memory only (never in browser storage): the appeal page's way back.
let remembered: RememberedView | null = null;

/** Keeps the view being left. */
export function rememberView(view: RememberedView): void {
  remembered = view;
}

/** The owner key of a user's views: the name and the region scope (a changed scope starts afresh). */
export function ownerOf(user: Pick<SessionUser, 'username' | 'regions'>): string {
  return `${user.username}|${user.regions === 'all' ? 'all' : user.regions.join(',')}`;
}

/** The view `owner` left at `url`, if it is the last one left. */
export function recallView(owner: string, url: string): RememberedView | null {
  return remembered?.owner === owner && remembered.url === url ? remembered : null;
}

/** Path and query of the region view `owner` last left, for the appeal page's "back"; null when none. */
export function lastViewUrl(owner: string): string | null {
  return remembered?.owner === owner ? remembered.url : null;
}

/** Forgets it (sign-out, tests). */
export function forgetView(): void {
  remembered = null;
}
