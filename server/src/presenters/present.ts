import type { Appeal, Incident, StreamEvent } from '@shared';
import { maskCitizen, scrubPhones } from './maskPersonalData';

/**
 * What a viewer may see. Every live view is masked; a supervisor sees a citizen's
 * contact only through the audited reveal endpoint.
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

/** An incident as it goes on the wire: free text (title, note) without phone numbers. */
export function presentIncident(incident: Incident, viewer: Viewer): Incident {
  if (viewer.canSeePersonalData) return incident;
  const masked: Incident = { ...incident, title: scrubPhones(incident.title) };
  if (incident.note !== undefined) masked.note = scrubPhones(incident.note);
  return masked;
}

/**
 * An event as it goes on the wire to this viewer: the citizen masked, and phone numbers
 * scrubbed from every free-text field (description, comment, title, note), whatever the type.
 */
export function presentEvent(event: StreamEvent, viewer: Viewer): StreamEvent {
  if (viewer.canSeePersonalData) return event;
  switch (event.type) {
    case 'appeal.registered': {
      const data = { ...event.data, description: scrubPhones(event.data.description) };
      if (event.data.citizen) data.citizen = maskCitizen(event.data.citizen);
      return { ...event, data };
    }
    case 'appeal.status_changed':
    case 'appeal.escalated':
      return event.data.comment === undefined
        ? event
        : ({ ...event, data: { ...event.data, comment: scrubPhones(event.data.comment) } } as StreamEvent);
    case 'incident.opened':
      return { ...event, data: { ...event.data, title: scrubPhones(event.data.title) } };
    case 'incident.updated':
    case 'incident.resolved':
      return event.data.note === undefined
        ? event
        : ({ ...event, data: { ...event.data, note: scrubPhones(event.data.note) } } as StreamEvent);
    case 'appeal.assigned':
      return event;
  }
}
