import {
  CATEGORY_CODES,
  MAX_LINKED_APPEALS,
  type Appeal,
  type CategoryCode,
  type LinkAppealsBody,
  type OpenIncidentBody,
  type Severity,
} from '@shared';

/** Why the chosen appeals cannot be grouped (the server would refuse the same). */
export type GroupProblem = 'empty' | 'mixedRegions' | 'tooMany';

/**
 * Null when the appeals can go into one incident: at least one, at most MAX_LINKED_APPEALS,
 * all in one region (events are routed by region; the server says `other_region` otherwise).
 */
export function groupProblemOf(appeals: readonly Pick<Appeal, 'region'>[]): GroupProblem | null {
  const first = appeals[0];
  if (!first) return 'empty';
  if (appeals.length > MAX_LINKED_APPEALS) return 'tooMany';
  return appeals.every((a) => a.region === first.region) ? null : 'mixedRegions';
}

/** The category most of the appeals share (ties: contract order), the new incident's default. */
export function commonCategory(appeals: readonly Pick<Appeal, 'category'>[]): CategoryCode {
  const counts = new Map<string, number>();
  for (const { category } of appeals) counts.set(category, (counts.get(category) ?? 0) + 1);
  let best: CategoryCode = CATEGORY_CODES[0];
  for (const code of CATEGORY_CODES) {
    if ((counts.get(code) ?? 0) > (counts.get(best) ?? 0)) best = code;
  }
  return best;
}

export interface IncidentDraft {
  title: string;
  category: CategoryCode;
  severity: Severity;
}

/**
 * `POST /api/incidents` for the appeals, in the order they were chosen: placed at the first
 * one's location, in their region. The region is sent as well as the point: a point near a
 * border, or a 2022 oblast drawn inside its parent, must not move the incident elsewhere.
 */
export function openIncidentBodyOf(appeals: readonly Appeal[], draft: IncidentDraft): OpenIncidentBody | null {
  const first = appeals[0];
  if (!first || groupProblemOf(appeals) !== null) return null;
  const { lat, lng, address, district } = first.location;
  return {
    region: first.region,
    title: draft.title.trim(),
    category: draft.category,
    severity: draft.severity,
    location: {
      lat,
      lng,
      ...(address !== undefined ? { address } : {}),
      ...(district !== undefined ? { district } : {}),
    },
    appealIds: appeals.map((a) => a.id),
  };
}

/** `POST /api/incidents/:id/link` for the appeals not yet linked to that incident. */
export function linkBodyOf(
  appeals: readonly Pick<Appeal, 'id' | 'incidentId'>[],
  incidentId: string,
): LinkAppealsBody | null {
  const appealIds = appeals.filter((a) => a.incidentId !== incidentId).map((a) => a.id);
  return appealIds.length === 0 ? null : { appealIds };
}
