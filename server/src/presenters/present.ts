import type { Appeal, StreamEvent } from '@shared';
import { maskCitizen, scrubPhones } from './maskPersonalData';

/**
 * What a viewer may see. Until access control lands every viewer is treated as an
 * operator (wall screen): personal data masked everywhere.
 */
export interface Viewer {
  canSeePersonalData: boolean;
}

export const ANONYMOUS_VIEWER: Viewer = { canSeePersonalData: false };

/** An appeal as it goes on the wire to this viewer. */
export function presentAppeal(appeal: Appeal, viewer: Viewer): Appeal {
  if (viewer.canSeePersonalData) return appeal;
  const masked: Appeal = { ...appeal, description: scrubPhones(appeal.description) };
  if (appeal.citizen) masked.citizen = maskCitizen(appeal.citizen);
  return masked;
}

/** An event as it goes on the wire to this viewer. */
export function presentEvent(event: StreamEvent, viewer: Viewer): StreamEvent {
  if (viewer.canSeePersonalData || event.type !== 'appeal.registered') return event;
  const data = { ...event.data, description: scrubPhones(event.data.description) };
  if (event.data.citizen) data.citizen = maskCitizen(event.data.citizen);
  return { ...event, data };
}
