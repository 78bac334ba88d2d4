import { matchServiceName, type Appeal, type AssignAppealBody, type Organisation } from '@shared';

/** What an assignment writes: the service text and, when the directory knows it, its БИН. */
export type ResolvedAssignment =
  | { ok: true; service: string; serviceId?: string }
  | { ok: false; status: 422; code: string; message: string; field: 'serviceId' | 'service' };

/**
 * The service of an assignment. A `serviceId` must be an active organisation working in
 * the appeal's region; `service` then becomes its (Russian) name, whatever text came along.
 * Free text alone is matched to the directory (normalised name, the appeal's region) and
 * gains the `serviceId` when exactly one organisation matches; otherwise it is kept as given.
 * Pure: the caller loads the directory.
 */
export function resolveAssignment(
  organisations: { byBin: ReadonlyMap<string, Organisation>; organisations: Iterable<Organisation> } | null,
  body: Pick<AssignAppealBody, 'service' | 'serviceId'>,
  appeal: Pick<Appeal, 'region'>,
): ResolvedAssignment {
  if (body.serviceId !== undefined) {
    const org = organisations?.byBin.get(body.serviceId);
    const refuse = (code: string, message: string): ResolvedAssignment => ({
      ok: false,
      status: 422,
      code,
      message,
      field: 'serviceId',
    });
    if (!org) return refuse('unknown_service', `no organisation with БИН ${body.serviceId} in the service directory`);
    if (!org.active)
      return refuse('inactive_service', `${org.name.ru} (${org.bin}) is deactivated in the service directory`);
    if (!org.regions.includes(appeal.region)) {
      return refuse('service_out_of_region', `${org.name.ru} (${org.bin}) does not work in ${appeal.region}`);
    }
    return { ok: true, service: org.name.ru, serviceId: org.bin };
  }
  const text = body.service ?? '';
  const match = organisations ? matchServiceName(organisations.organisations, text, appeal.region) : null;
  return match ? { ok: true, service: match.name.ru, serviceId: match.bin } : { ok: true, service: text };
}
