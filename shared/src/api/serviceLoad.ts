import { z } from 'zod';
import type { OrganisationKind, OrganisationName } from '../domain/organisation';
import { regionCodeSchema } from '../schemas/common';

/** GET /api/services/load: `region` once or more (or comma-separated); default the caller's regions. */
export const serviceLoadQuerySchema = z.strictObject({
  region: z
    .union([z.string(), z.array(z.string())])
    .transform((value) => (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(',')).filter((v) => v !== ''))
    .pipe(z.array(regionCodeSchema).max(40))
    .optional(),
});

/** One service's load in the asked regions. */
export interface ServiceLoadRow {
  /** БИН of the directory organisation; null for free text that matches none (kept as given). */
  serviceId: string | null;
  /** The directory's names; null for free text. */
  name: OrganisationName | null;
  kind: OrganisationKind | null;
  /** The text the appeals carry (the directory's Russian name, or the free text). */
  service: string;
  /** Appeals routed to it and not yet resolved. */
  open: number;
  /** Of those, past their operational resolution target. */
  overdue: number;
  /** Of those, past the legal deadline (law's clock); null where this server does not compute it. */
  legalOverdue: number | null;
  /** Resolved since midnight, Almaty time. */
  resolvedToday: number;
  /** Median time from registration to the first response, ms, over the appeals it holds; null when none. */
  medianResponseMs: number | null;
}

export interface ServiceLoadResponse {
  regions: string[];
  /** Epoch ms the figures are for. */
  asOf: number;
  services: ServiceLoadRow[];
}
