import { scrubPersonalData, type ServiceLoadRow } from '@shared';

/**
 * A load row as it goes on the wire: free text (a service outside the directory) is what a
 * producer typed, so it is scrubbed like every appeal's `service`; directory names are not personal.
 */
export function presentServiceLoadRow(row: ServiceLoadRow): ServiceLoadRow {
  return row.serviceId === null ? { ...row, service: scrubPersonalData(row.service) } : row;
}
