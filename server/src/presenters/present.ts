import {
  maskCitizen,
  presentAddress,
  scrubPersonalData,
  type Appeal,
  type Incident,
  type Location,
  type StreamEvent,
} from '@shared';

/**
 * What a viewer may see. Every live view is masked; a supervisor sees a citizen's
 * contact only through the audited reveal endpoint.
 */
export interface Viewer {
  canSeePersonalData: boolean;
}

export const ANONYMOUS_VIEWER: Viewer = { canSeePersonalData: false };

const scrub = scrubPersonalData;
const scrubOptional = (text: string | undefined): string | undefined => (text === undefined ? text : scrub(text));

/** A location without personal data: the address cut to street and house, both texts scrubbed. */
function presentLocation(location: Location): Location {
  const shown: Location = { ...location };
  if (location.address !== undefined) shown.address = presentAddress(location.address);
  if (location.district !== undefined) shown.district = scrub(location.district);
  return shown;
}

/** Sets `key` to the scrubbed text when the object has it (keeps absent fields absent). */
function withScrubbed<T extends object, K extends keyof T & string>(value: T, keys: readonly K[]): T {
  const copy = { ...value };
  for (const key of keys) {
    const text = value[key];
    if (typeof text === 'string') copy[key] = scrub(text) as T[K];
  }
  return copy;
}

/** An appeal as it goes on the wire to this viewer: every free-text field scrubbed, the citizen masked. */
export function presentAppeal(appeal: Appeal, viewer: Viewer): Appeal {
  if (viewer.canSeePersonalData) return appeal;
  const masked = withScrubbed(appeal, ['description', 'service', 'assignee']);
  masked.location = presentLocation(appeal.location);
  if (appeal.citizen) masked.citizen = maskCitizen(appeal.citizen);
  // The supervisor's reason and the citizen's words on the callback are free text too.
  if (appeal.extension) masked.extension = { ...appeal.extension, reason: scrub(appeal.extension.reason) };
  if (appeal.feedback?.comment !== undefined)
    masked.feedback = { ...appeal.feedback, comment: scrub(appeal.feedback.comment) };
  return masked;
}

/** An incident as it goes on the wire: title, note and location without personal data. */
export function presentIncident(incident: Incident, viewer: Viewer): Incident {
  if (viewer.canSeePersonalData) return incident;
  const masked = withScrubbed(incident, ['title', 'note']);
  masked.location = presentLocation(incident.location);
  return masked;
}

/**
 * An event as it goes on the wire to this viewer: the citizen masked, and every free-text
 * field of its type (description, address, district, service, assignee, comment, title,
 * note) scrubbed. The switch is exhaustive: a new event type does not compile until it is
 * handled here.
 */
export function presentEvent(event: StreamEvent, viewer: Viewer): StreamEvent {
  if (viewer.canSeePersonalData) return event;
  switch (event.type) {
    case 'appeal.registered': {
      const data = { ...event.data, description: scrub(event.data.description) };
      data.location = presentLocation(event.data.location);
      if (event.data.citizen) data.citizen = maskCitizen(event.data.citizen);
      return { ...event, data };
    }
    case 'appeal.assigned':
      return {
        ...event,
        data: { ...event.data, service: scrub(event.data.service), ...optional('assignee', event.data.assignee) },
      };
    case 'appeal.status_changed':
      return { ...event, data: { ...event.data, ...optional('comment', event.data.comment) } };
    case 'appeal.escalated':
      return { ...event, data: { ...event.data, ...optional('comment', event.data.comment) } };
    case 'appeal.extended':
      return { ...event, data: { ...event.data, reason: scrub(event.data.reason) } };
    case 'appeal.feedback':
      return { ...event, data: { ...event.data, ...optional('comment', event.data.comment) } };
    case 'calendar.year_added':
      return event;
    case 'incident.opened':
      return {
        ...event,
        data: { ...event.data, title: scrub(event.data.title), location: presentLocation(event.data.location) },
      };
    case 'incident.updated':
      return { ...event, data: { ...event.data, ...optional('note', event.data.note) } };
    case 'incident.resolved':
      return { ...event, data: { ...event.data, ...optional('note', event.data.note) } };
  }
}

/** `{ [key]: scrubbed }`, or nothing when the field is absent (so it stays absent). */
function optional<K extends string>(key: K, text: string | undefined): Partial<Record<K, string>> {
  const shown = scrubOptional(text);
  return shown === undefined ? {} : ({ [key]: shown } as Record<K, string>);
}
