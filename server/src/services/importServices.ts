import type { AuditAction } from '@shared';
import type { ServiceDirectory, UpsertOutcome } from './serviceDirectory';
import { parseServicesCsv } from './servicesCsv';

/** One row's result as the import answers it. */
export type ImportRowResult =
  | { row: number; bin: string; outcome: UpsertOutcome | 'valid' }
  | { row: number; outcome: 'invalid'; errors: { field: string; message: string }[] };

export type ImportResult =
  | { ok: true; isApplied: boolean; created: number; updated: number; unchanged: number; rows: ImportRowResult[] }
  /** Nothing was applied: the file (`message`) or some rows (`rows` with `invalid` ones) are wrong. */
  | { ok: false; message: string; invalid: number; rows: ImportRowResult[]; stoppedAtRow?: number };

/** Records one organisation's change in the audit trail (the caller knows who and which request). */
export type AuditRow = (action: AuditAction, bin: string) => Promise<unknown>;

/**
 * A CSV import, all or nothing: every row is checked first, and when any row is wrong
 * nothing is written and the answer lists each wrong row with its fields. Otherwise each
 * organisation is created or replaced by its БИН (rows absent from the file are left as
 * they are; set `active` to 0 to deactivate), each change audited. `dryRun` only checks.
 */
export async function importServices(
  directory: ServiceDirectory,
  csv: string,
  options: { dryRun: boolean; audit: AuditRow },
): Promise<ImportResult> {
  const parsed = parseServicesCsv(csv);
  if (!parsed.ok) return { ok: false, message: parsed.message, invalid: 0, rows: [] };
  const invalid = parsed.rows.filter((r) => !r.ok).length;
  if (invalid > 0 || parsed.rows.length === 0) {
    return {
      ok: false,
      message: invalid > 0 ? `${invalid} of ${parsed.rows.length} rows are invalid; nothing was imported` : 'no rows',
      invalid,
      rows: parsed.rows.map((r) =>
        r.ok
          ? { row: r.row, bin: r.organisation.bin, outcome: 'valid' }
          : { row: r.row, outcome: 'invalid', errors: r.errors },
      ),
    };
  }
  const rows: ImportRowResult[] = [];
  const counts = { created: 0, updated: 0, unchanged: 0 };
  for (const r of parsed.rows) {
    if (!r.ok) continue;
    const { organisation } = r;
    if (options.dryRun) {
      rows.push({ row: r.row, bin: organisation.bin, outcome: 'valid' });
      continue;
    }
    let outcome: UpsertOutcome;
    let before;
    try {
      before = await directory.get(organisation.bin);
      outcome = await directory.upsert(organisation);
    } catch (error) {
      // Never half-applied silently: say where it stopped; the import is idempotent, run it again.
      return {
        ok: false,
        message: `stopped at row ${r.row} (${(error as Error).message}); the ${rows.length} rows before it were applied, import the file again to finish`,
        invalid: 0,
        rows,
        stoppedAtRow: r.row,
      };
    }
    counts[outcome] += 1;
    rows.push({ row: r.row, bin: organisation.bin, outcome });
    if (outcome === 'created') await options.audit('service.create', organisation.bin);
    if (outcome === 'updated') {
      const action = before?.active && !organisation.active ? 'service.deactivate' : 'service.update';
      await options.audit(action, organisation.bin);
    }
  }
  return { ok: true, isApplied: !options.dryRun, ...counts, rows };
}
