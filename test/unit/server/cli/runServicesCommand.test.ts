import { describe, expect, it } from 'vitest';
import { runServicesCommand } from '../../../../server/src/cli/runServicesCommand';
import { createMemoryLog } from '../../../../server/src/embedded/memoryLog';
import { demoBin } from '../../../../server/src/services/demoServices';
import { createServiceDirectory } from '../../../../server/src/services/serviceDirectory';

const BIN = demoBin(0);

function setup(files: Record<string, string> = {}) {
  const directory = createServiceDirectory(createMemoryLog());
  const audited: string[] = [];
  const run = (...argv: string[]) =>
    runServicesCommand(argv, {
      directory,
      readFile: async (path) => files[path] ?? Promise.reject(new Error(`no file ${path}`)),
      audit: async (action, target) => audited.push(`${action} ${target}`),
    });
  return { directory, audited, run };
}

describe('npm run services', () => {
  it('adds, lists, deactivates and exports, auditing each change', async () => {
    const { run, audited, directory } = setup();
    const added = await run(
      'add',
      BIN,
      '--ru',
      'ТОО «Тепло»',
      '--kk',
      '«Жылу» ЖШС',
      '--kind',
      'utility',
      '--regions',
      'KZ-71',
      '--categories',
      'heating,gas',
    );
    expect(added).toEqual({ output: `added ${BIN} ТОО «Тепло»`, code: 0 });
    expect(await directory.get(BIN)).toMatchObject({ categories: ['heating', 'gas'], active: true });
    expect((await run('list')).output).toMatch(new RegExp(`${BIN}\\s+utility\\s+KZ-71\\s+active\\s+ТОО «Тепло»`));
    expect((await run('deactivate', BIN)).code).toBe(0);
    expect((await directory.get(BIN))?.active).toBe(false);
    expect((await run('export')).output).toContain(`${BIN};ТОО «Тепло»;«Жылу» ЖШС;;utility;KZ-71;heating|gas;;0`);
    expect(audited).toEqual([`service.create service:${BIN}`, `service.deactivate service:${BIN}`]);
  });

  it('says what is wrong with an add and changes nothing', async () => {
    const { run, directory } = setup();
    const result = await run('add', '123456789012', '--ru', 'X', '--kk', 'Y', '--kind', 'bank', '--regions', 'KZ-71');
    expect(result.code).toBe(2);
    expect(result.output).toMatch(/bin: .*not a valid БИН/);
    expect(result.output).toMatch(/kind:/);
    expect(await directory.list()).toEqual([]);
  });

  it('imports a file all or nothing, listing each bad row', async () => {
    const header = 'bin,name_ru,name_kk,kind,regions';
    const { run, directory, audited } = setup({
      'bad.csv': `${header}\n${BIN},А,Ә,utility,KZ-71\n${demoBin(1)},Б,,utility,KZ-71\n`,
      'good.csv': `${header}\n${BIN},А,Ә,utility,KZ-71\n`,
    });
    const bad = await run('import', 'bad.csv');
    expect(bad.code).toBe(1);
    expect(bad.output).toBe('1 of 2 rows are invalid; nothing was imported\nrow 3: name_kk: missing');
    expect(await directory.list()).toEqual([]);
    expect((await run('import', 'good.csv', '--dry-run')).output).toMatch(/dry run/);
    expect(await directory.list()).toEqual([]);
    expect((await run('import', 'good.csv')).output).toBe('imported: 1 created, 0 updated, 0 unchanged');
    expect(audited).toEqual([`service.create service:${BIN}`, 'service.import services']);
  });
});
