import type {
  CategoryCode,
  Organisation,
  OrganisationInput,
  OrganisationPatch,
  RegionCode,
  ServiceLoadResponse,
} from '@shared';
import { useMemo } from 'react';
import type { ApiRequest, ApiResult } from '../../api/requestJson';
import { useApiRequest } from '../../session/sessionContext';

/** One row's result of a CSV import (docs/api.md "POST /api/admin/services/import"). */
export type ImportRow =
  | { row: number; bin: string; outcome: 'created' | 'updated' | 'unchanged' | 'valid' }
  | { row: number; outcome: 'invalid'; errors: { field: string; message: string }[] };

export type ImportAnswer =
  | { ok: true; isApplied: boolean; created: number; updated: number; unchanged: number; rows: ImportRow[] }
  | { ok: false; message: string; invalid: number; rows: ImportRow[] };

/** The service directory's calls: the picker and the load view (any role), management (admin). */
export interface ServicesApi {
  list(filter: { region?: RegionCode; category?: CategoryCode }): Promise<ApiResult<{ services: Organisation[] }>>;
  load(regions: readonly RegionCode[]): Promise<ApiResult<ServiceLoadResponse>>;
  adminList(): Promise<ApiResult<{ services: Organisation[] }>>;
  create(input: OrganisationInput): Promise<ApiResult<{ service: Organisation }>>;
  update(bin: string, patch: OrganisationPatch): Promise<ApiResult<{ service: Organisation }>>;
  /** Sends the CSV as text/csv (never JSON-wrapped): the answer lists every row. */
  importCsv(csv: string, dryRun: boolean): Promise<ImportAnswer | { ok: false; message: string; status: number }>;
}

/** Where the browser downloads the directory as CSV (a plain link: the session cookie goes along). */
export const SERVICES_EXPORT_PATH = '/api/admin/services/export';

export function createServicesApi(request: ApiRequest): ServicesApi {
  return {
    list(filter) {
      const query = new URLSearchParams();
      if (filter.region) query.set('region', filter.region);
      if (filter.category) query.set('category', filter.category);
      return request(`/api/services?${query.toString()}`);
    },
    load: (regions) => request(`/api/services/load?region=${regions.map(encodeURIComponent).join(',')}`),
    adminList: () => request('/api/admin/services'),
    create: (input) => request('/api/admin/services', { method: 'POST', body: input }),
    update: (bin, patch) => request(`/api/admin/services/${encodeURIComponent(bin)}`, { method: 'PATCH', body: patch }),
    async importCsv(csv, dryRun) {
      try {
        const res = await fetch(`/api/admin/services/import${dryRun ? '?dryRun=true' : ''}`, {
          method: 'POST',
          headers: { 'Content-Type': 'text/csv; charset=utf-8', Accept: 'application/json' },
          credentials: 'same-origin',
          body: csv,
        });
        const body = (await res.json().catch(() => null)) as { rows?: unknown; message?: unknown } | null;
        if (body && Array.isArray(body.rows)) return body as ImportAnswer;
        const message = typeof body?.message === 'string' ? body.message : `HTTP ${res.status}`;
        return { ok: false, message, status: res.status };
      } catch {
        return { ok: false, message: 'no answer from the server', status: 0 };
      }
    },
  };
}

/** The services API bound to the session (a 401 shows the login page). */
export function useServicesApi(): ServicesApi {
  const request = useApiRequest();
  return useMemo(() => createServicesApi(request), [request]);
}
