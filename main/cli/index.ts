import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Output } from '../contract';
import { formatMessage } from '../contract/errors';
import { recordId } from '../contract/fields';
import { BACKUP_USAGE, backupCommand } from './backup-command';
import { BUNDLE_USAGE, bundleCommand } from './bundle-commands';
import { CITY_USAGE, cityCommand } from './city-commands';
import { EXPORT_USAGE, exportCommand } from './export-command';
import { IMPORT_USAGE, importCommand } from './import-command';
import { Client, locale, login, openCore, percent, readPassword, RefusedError, required, UsageError, withUser } from './cli-support';
import { renovationProgressText } from './renovation-table';
import { rosterText } from './roster-table';

/** welfare-ledger — the same services as the app, for city IT and scripted tests. */
const USAGE = `usage: welfare-ledger <command> [options]

commands:
  init          create an office database
                --db FILE.sqlite --mode county|city --division CODE --office NAME
                --admin USERNAME [--admin-name NAME]
  people list   list the people registry (tab-separated)
                --db FILE.sqlite --user USERNAME [--query TEXT] [--limit N]
  demo          fill an empty county database with fictitious demo records
                --db FILE.sqlite --user USERNAME
  report progress
                the county's station progress row for a year (tab-separated)
                --db FILE.sqlite --user USERNAME --year YYYY
  report coverage
                streets and towns covered by comprehensive centres (tab-separated)
                --db FILE.sqlite --user USERNAME
  report roster
                a welfare home's allowance roster for a month (aligned table, 元)
                --db FILE.sqlite --user USERNAME --institution NAME|ID --month YYYY-MM
  report renovations
                a plan year's age-friendly renovations by quarter and town, budget
                and stuck cases (aligned tables, 元)
                --db FILE.sqlite --user USERNAME --year YYYY
${EXPORT_USAGE}
${IMPORT_USAGE}

The password (the new admin's for init, the user's otherwise) is read from the
environment variable WELFARE_LEDGER_PASSWORD, or else from the first line of stdin.
${BUNDLE_USAGE}
${CITY_USAGE}
${BACKUP_USAGE}
Messages are in Chinese unless LANG starts with "en". Exit status 0 on success,
1 on a refusal (the reason on stderr) or an import with rows in error, 2 on a
usage error.`;

async function init(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      db: { type: 'string' },
      mode: { type: 'string', default: 'county' },
      division: { type: 'string' },
      office: { type: 'string' },
      admin: { type: 'string' },
      'admin-name': { type: 'string' },
    },
  });
  const dbPath = resolve(required(values, 'db'));
  const core = openCore(dbPath);
  try {
    const password = readPassword();
    const client = new Client(core);
    const office = await client.call('setup.create', {
      mode: values.mode as 'county' | 'city',
      divisionCode: required(values, 'division'),
      officeName: required(values, 'office'),
      databasePath: dbPath,
      admin: {
        username: required(values, 'admin'),
        displayName: values['admin-name'] ?? required(values, 'admin'),
        password,
        passwordConfirm: password,
      },
    });
    console.log(`created ${dbPath}: ${office.name} (${office.divisionName} ${office.divisionCode}, ${office.mode})`);
  } finally {
    core.close();
  }
}

async function peopleList(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { db: { type: 'string' }, user: { type: 'string' }, query: { type: 'string' }, limit: { type: 'string', default: '500' } },
  });
  const core = openCore(required(values, 'db'));
  try {
    const client = new Client(core);
    await login(client, required(values, 'user'));
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError('--limit must be a positive whole number');
    let after: string | null = null;
    let printed = 0;
    console.log(['姓名', '身份证号', '性别', '出生日期', '电话', '户籍地'].join('\t'));
    do {
      const page: Output<'people.list'> = await client.call('people.list', {
        query: values.query,
        limit: Math.min(500, limit - printed),
        after,
      });
      for (const p of page.rows) {
        console.log([p.name, p.idNumber ?? '（无）', p.sex ?? '', p.birthDate ?? '', p.phone ?? '', p.hukouDivisionName].join('\t'));
      }
      printed += page.rows.length;
      after = page.nextCursor;
    } while (after && printed < limit);
  } finally {
    core.close();
  }
}

async function demo(args: string[]) {
  const { values } = parseArgs({ args, options: { db: { type: 'string' }, user: { type: 'string' } } });
  await withUser(values, async (client) => {
    const added = await client.call('demo.fill', {});
    console.log(`demo data added: ${added.stations} stations, ${added.people} people, ${added.beds} family beds, ${added.statMonths} months of statistics, ${added.institutions} institutions with ${added.residents} residents' stays, ${added.renovationCases} renovation cases`);
  });
}


/** The county's own name (云城区), as the city's tables show it. */
async function countyName(client: Client): Promise<string> {
  const { office } = await client.call('auth.me', {});
  if (!office) return '';
  const chain = await client.call('divisions.ancestry', { code: office.divisionCode });
  return chain.at(-1)?.name ?? office.divisionName;
}

async function reportProgress(args: string[]) {
  const { values } = parseArgs({ args, options: { db: { type: 'string' }, user: { type: 'string' }, year: { type: 'string' } } });
  const year = Number(required(values, 'year'));
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new UsageError('--year must be a year such as 2021');
  await withUser(values, async (client) => {
    const row = await client.call('reports.progress', { year });
    console.log(['县（市、区）', '建设任务', '已建成', '完成率', '家床安装户数', '开展上门服务人次'].join('\t'));
    console.log([await countyName(client), row.tasks, row.built, percent(row.ratePerMille), row.bedsInstalled, row.homeVisits].join('\t'));
  });
}

async function reportCoverage(args: string[]) {
  const { values } = parseArgs({ args, options: { db: { type: 'string' }, user: { type: 'string' } } });
  await withUser(values, async (client) => {
    const coverage = await client.call('reports.coverage', {});
    console.log(['类别', '总数', '已建综合养老服务中心', '覆盖率', '未覆盖'].join('\t'));
    for (const [label, group] of [
      ['街道', coverage.streets],
      ['乡镇', coverage.towns],
    ] as const) {
      console.log([label, group.total, group.covered, percent(group.ratePerMille), group.uncovered.map((u) => u.name).join('、')].join('\t'));
    }
    console.log(`目标：不低于 ${percent(coverage.goalPerMille)}`);
  });
}

/** An institution named exactly so (closed ones included), or given by its id. */
async function institutionId(client: Client, nameOrId: string): Promise<string> {
  if (recordId.safeParse(nameOrId).success) return nameOrId;
  const found = (await client.call('institutions.list', { includeClosed: true })).find((r) => r.name === nameOrId);
  if (!found) throw new RefusedError(`${formatMessage('NOT_FOUND', 'institutionId', {}, locale)} ${nameOrId}`);
  return found.id;
}

async function reportRoster(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { db: { type: 'string' }, user: { type: 'string' }, institution: { type: 'string' }, month: { type: 'string' } },
  });
  const institution = required(values, 'institution');
  const month = required(values, 'month');
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new UsageError('--month must be a month such as 2025-07');
  await withUser(values, async (client) => {
    const roster = await client.call('allowance.roster', { institutionId: await institutionId(client, institution), month });
    for (const line of rosterText(roster, locale)) console.log(line);
  });
}

async function reportRenovations(args: string[]) {
  const { values } = parseArgs({ args, options: { db: { type: 'string' }, user: { type: 'string' }, year: { type: 'string' } } });
  const year = Number(required(values, 'year'));
  if (!/^\d{4}$/.test(values.year ?? '') || year < 2000 || year > 2100) throw new UsageError('--year must be a year such as 2026');
  await withUser(values, async (client) => {
    const progress = await client.call('renovations.progress', { year });
    for (const line of renovationProgressText(progress, await countyName(client), locale)) console.log(line);
  });
}

export async function main(argv: string[]): Promise<number> {
  const [command, sub, ...rest] = argv;
  try {
    if (command === 'init') await init([sub, ...rest].filter((a): a is string => a !== undefined));
    else if (command === 'people' && sub === 'list') await peopleList(rest);
    else if (command === 'demo') await demo([sub, ...rest].filter((a): a is string => a !== undefined));
    else if (command === 'report' && sub === 'progress') await reportProgress(rest);
    else if (command === 'report' && sub === 'coverage') await reportCoverage(rest);
    else if (command === 'report' && sub === 'roster') await reportRoster(rest);
    else if (command === 'report' && sub === 'renovations') await reportRenovations(rest);
    else if (command === 'export') await exportCommand([sub, ...rest].filter((a): a is string => a !== undefined));
    else if (command === 'import') return await importCommand([sub, ...rest].filter((a): a is string => a !== undefined));
    else if (await bundleCommand(command, sub, rest)) return 0;
    else if (await cityCommand(command, sub, rest)) return 0;
    else if (await backupCommand(command, [sub, ...rest].filter((a): a is string => a !== undefined))) return 0;
    else if (command === undefined || command === '--help' || command === 'help') console.log(USAGE);
    else throw new UsageError(`unknown command: ${[command, sub].filter(Boolean).join(' ')}`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error)) {
      console.error(`welfare-ledger: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    console.error(`welfare-ledger: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

const isEntry = process.argv[1] && /cli[\\/]index\.[cm]?[jt]s$/.test(process.argv[1]);
if (isEntry) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
