import { binSchema, describeIssues, organisationInputSchema, type AuditAction } from '@shared';
import { parseArgs } from 'node:util';
import { importServices } from '../services/importServices';
import type { ServiceDirectory } from '../services/serviceDirectory';
import { formatServicesCsv } from '../services/servicesCsv';

export const SERVICES_USAGE = `Usage: npm run services -- <command>
  list                                   every organisation: БИН, kind, regions, state, name
  add <БИН> --ru "Name" --kk "Атауы" --kind K --regions KZ-71[,KZ-11] [--categories heating,gas]
          [--en "Name"] [--phone "+7 7172 00 00 00"]
                                         adds one organisation
  deactivate <БИН> | activate <БИН>     takes it off (or back onto) the assignment picker
  import <file.csv> [--dry-run]          creates or updates by БИН; all rows are checked first,
                                         nothing is written when any row is wrong
  export                                 the directory as CSV (the import's format) on stdout
Kinds: city_department, utility, lift_company, housing, other.`;

export interface ServicesCommandResult {
  output: string;
  code: number;
}

/** What the caller audits after a successful change (the CLI has no request to audit by). */
export interface ServicesCommandDeps {
  directory: ServiceDirectory;
  readFile: (path: string) => Promise<string>;
  audit: (action: AuditAction, target: string, changed?: string[]) => Promise<unknown>;
}

const split = (value: string | undefined): string[] =>
  value === undefined ? [] : value.split(/[,|\s]+/).filter((item) => item !== '');

/** The directory manager behind `npm run services` (testable without a process). */
export async function runServicesCommand(
  argv: readonly string[],
  deps: ServicesCommandDeps,
): Promise<ServicesCommandResult> {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      ru: { type: 'string' },
      kk: { type: 'string' },
      en: { type: 'string' },
      kind: { type: 'string' },
      regions: { type: 'string' },
      categories: { type: 'string' },
      phone: { type: 'string' },
      'dry-run': { type: 'boolean' },
    },
    strict: true,
  });
  const [command, argument] = positionals;
  const fail = (output: string): ServicesCommandResult => ({ output, code: 2 });
  const { directory } = deps;
  switch (command ?? '') {
    case 'list': {
      const rows = (await directory.list()).map(
        (o) =>
          `${o.bin}  ${o.kind.padEnd(15)} ${o.regions.join(',').padEnd(12)} ${o.active ? 'active  ' : 'inactive'}  ${o.name.ru}`,
      );
      return { output: rows.length > 0 ? rows.join('\n') : '(the directory is empty)', code: 0 };
    }
    case 'export':
      return { output: formatServicesCsv(await directory.list()), code: 0 };
    case 'add': {
      const parsed = organisationInputSchema.safeParse(
        {
          bin: argument,
          name: { ru: values.ru, kk: values.kk, ...(values.en ? { en: values.en } : {}) },
          kind: values.kind,
          regions: split(values.regions),
          categories: split(values.categories),
          ...(values.phone ? { phone: values.phone } : {}),
          active: true,
        },
        { reportInput: true },
      );
      if (!parsed.success) return fail(`${describeIssues(parsed.error)}\n\n${SERVICES_USAGE}`);
      const created = await directory.create(parsed.data);
      if (!created) return fail(`an organisation with БИН ${parsed.data.bin} is already in the directory`);
      await deps.audit('service.create', `service:${created.bin}`, Object.keys(parsed.data));
      return { output: `added ${created.bin} ${created.name.ru}`, code: 0 };
    }
    case 'deactivate':
    case 'activate': {
      const bin = binSchema.safeParse(argument);
      if (!bin.success) return fail(`give the БИН: ${describeIssues(bin.error)}`);
      const updated = await directory.update(bin.data, { active: command === 'activate' });
      if (!updated) return fail(`no organisation with БИН ${bin.data}`);
      await deps.audit(command === 'activate' ? 'service.activate' : 'service.deactivate', `service:${bin.data}`, [
        'active',
      ]);
      return { output: `${command}d ${updated.bin} ${updated.name.ru}`, code: 0 };
    }
    case 'import': {
      if (!argument) return fail(`give the CSV file\n\n${SERVICES_USAGE}`);
      const dryRun = values['dry-run'] === true;
      const result = await importServices(directory, await deps.readFile(argument), {
        dryRun,
        audit: (action, bin) => deps.audit(action, `service:${bin}`, ['csv']),
      });
      if (!result.ok) {
        const lines = result.rows.flatMap((r) =>
          r.outcome === 'invalid' ? r.errors.map((e) => `row ${r.row}: ${e.field}: ${e.message}`) : [],
        );
        return { output: [result.message, ...lines].join('\n'), code: 1 };
      }
      if (!dryRun) {
        await deps.audit('service.import', 'services', [
          `created:${result.created}`,
          `updated:${result.updated}`,
          `unchanged:${result.unchanged}`,
        ]);
      }
      return {
        output: dryRun
          ? `all ${result.rows.length} rows are valid (dry run: nothing written)`
          : `imported: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged`,
        code: 0,
      };
    }
    default:
      return fail(SERVICES_USAGE);
  }
}
