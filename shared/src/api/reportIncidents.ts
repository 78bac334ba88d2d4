import type { LocalDate } from '../calendar/almatyTime';
import type { CategoryCode } from '../domain/categories';
import type { Severity } from '../domain/enums';
import type { RegionCode } from '../domain/regions';

/** One incident of the briefing's "notable incidents" (server/src/reports/notableIncidents.ts). */
export interface NotableIncident {
  id: string;
  region: RegionCode;
  title: string;
  category: CategoryCode;
  severity: Severity;
  /** As it stood at `asOf`: resolved only when resolved by then. */
  status: 'open' | 'resolved';
  /** ISO instants. `resolvedAt` is null when not resolved by `asOf`. */
  openedAt: string;
  resolvedAt: string | null;
  /** Appeals linked to it by `asOf`. */
  appeals: number;
  /** Open from `openedAt` to its resolution, or to `asOf` when still open then (ms). */
  openMs: number;
}

/** `GET /api/reports/incidents` (docs: client/src/features/reports/README.md). */
export interface NotableIncidents {
  from: LocalDate;
  to: LocalDate;
  asOf: string;
  /** Incidents open at any moment of the period (by `asOf`), in the caller's regions. */
  total: number;
  /** The most linked appeals first (ties: the longest open). */
  biggest: NotableIncident[];
  /** The longest open first (ties: the most appeals). */
  longest: NotableIncident[];
}

/** How many of each list the report shows. */
export const NOTABLE_INCIDENTS_LIMIT = 5;
