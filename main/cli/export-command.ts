import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Input } from '../contract';
import type { ExportableRequest } from '../contract/areas/exports';
import { formatMessage } from '../contract/errors';
import { recordId } from '../contract/fields';
import { writeFileAtomic } from '../services/files';
import { locale, RefusedError, required, UsageError, withUser, type Client } from './cli-support';

/**
 * `welfare-ledger export <table> … --out FILE.xlsx`: the same workbook the app's 导出 Excel button
 * makes ('exports.xlsx': same request, same role checks, same audit entry), written atomically.
 */

type Option = 'year' | 'month' | 'period' | 'institution' | 'date' | 'query';

interface Table {
  request: ExportableRequest;
  /** Options the table needs; the others it takes are optional. */
  needs: Option[];
  takes?: Option[];
  input(values: Partial<Record<Option, string>>, client: Client): Promise<unknown>;
}

const YEAR = /^\d{4}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function year(value: string | undefined): number {
  if (!value || !YEAR.test(value)) throw new UsageError('--year must be a year such as 2021');
  return Number(value);
}

function month(value: string | undefined): string {
  if (!value || !MONTH.test(value)) throw new UsageError('--month must be a month such as 2025-07');
  return value;
}

/** An institution named exactly so (closed ones included), or given by its id. */
async function institutionId(client: Client, nameOrId: string): Promise<string> {
  if (recordId.safeParse(nameOrId).success) return nameOrId;
  const found = (await client.call('institutions.list', { includeClosed: true })).find((r) => r.name === nameOrId);
  if (!found) throw new RefusedError(`${formatMessage('NOT_FOUND', 'institutionId', {}, locale)} ${nameOrId}`);
  return found.id;
}

const city = (request: ExportableRequest): Table => ({ request, needs: ['period'], input: async (v) => ({ period: v.period }) });
const query = (v: Partial<Record<Option, string>>) => (v.query ? { query: v.query } : {});

export const EXPORT_TABLES: Record<string, Table> = {
  progress: { request: 'reports.progress', needs: ['year'], input: async (v) => ({ year: year(v.year) }) },
  coverage: { request: 'reports.coverage', needs: [], input: async () => ({}) },
  'service-stats': { request: 'stats.month', needs: ['month'], input: async (v) => ({ month: month(v.month) }) },
  completeness: { request: 'stats.completeness', needs: ['year'], input: async (v) => ({ year: year(v.year) }) },
  subsidy: { request: 'subsidy.statements', needs: ['month'], input: async (v) => ({ month: month(v.month) }) },
  roster: {
    request: 'allowance.roster',
    needs: ['institution', 'month'],
    input: async (v, client) => ({ institutionId: await institutionId(client, v.institution!), month: month(v.month) }),
  },
  occupancy: { request: 'residents.overview', needs: [], takes: ['date'], input: async (v) => ({ onDate: v.date ?? null }) },
  renovations: { request: 'renovations.progress', needs: ['year'], input: async (v) => ({ year: year(v.year) }) },
  'city-progress': city('cityTables.progress'),
  'city-coverage': city('cityTables.coverage'),
  'city-residents': city('cityTables.residents'),
  'city-renovations': city('cityTables.renovations'),
  people: { request: 'people.list', needs: [], takes: ['query'], input: async (v) => query(v) },
  stations: {
    request: 'stations.list',
    needs: [],
    takes: ['query', 'year'],
    input: async (v) => ({ ...query(v), ...(v.year ? { taskYear: year(v.year) } : {}) }),
  },
  beds: { request: 'beds.list', needs: [], takes: ['query'], input: async (v) => query(v) },
  institutions: { request: 'institutions.list', needs: [], takes: ['query'], input: async (v) => ({ ...query(v), includeClosed: true }) },
  residents: {
    request: 'residents.list',
    needs: [],
    takes: ['query', 'institution', 'date'],
    input: async (v, client) => ({
      ...query(v),
      ...(v.institution ? { institutionId: await institutionId(client, v.institution) } : {}),
      ...(v.date ? { onDate: v.date } : {}),
    }),
  },
  cases: {
    request: 'renovations.list',
    needs: [],
    takes: ['query', 'year'],
    input: async (v) => ({ ...query(v), ...(v.year ? { planYear: year(v.year) } : {}) }),
  },
};

export const EXPORT_USAGE = `  export TABLE  a table as an Excel workbook (.xlsx): title, typed cells, totals;
                the same file as the app's 导出 Excel, recorded in the audit trail
                --db FILE.sqlite --user USERNAME --out FILE.xlsx|FOLDER
                progress|completeness|renovations --year YYYY
                service-stats|subsidy --month YYYY-MM
                roster --institution NAME|ID --month YYYY-MM
                coverage; occupancy [--date YYYY-MM-DD]
                city-progress|city-coverage|city-residents|city-renovations --period P
                people|beds|institutions [--query TEXT]; stations|cases [--year YYYY]
                residents [--institution NAME|ID] [--date YYYY-MM-DD]`;

const OPTIONS: Option[] = ['year', 'month', 'period', 'institution', 'date', 'query'];

export async function exportCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      user: { type: 'string' },
      out: { type: 'string' },
      ...(Object.fromEntries(OPTIONS.map((o) => [o, { type: 'string' }])) as Record<Option, { type: 'string' }>),
    },
  });
  const [name] = positionals;
  const table = name ? EXPORT_TABLES[name] : undefined;
  if (!name || positionals.length > 1) throw new UsageError('export takes one TABLE');
  if (!table) throw new UsageError(`unknown table: ${name} (one of ${Object.keys(EXPORT_TABLES).join(', ')})`);
  for (const option of table.needs) required(values, option);
  const allowed = new Set([...table.needs, ...(table.takes ?? [])]);
  const stray = OPTIONS.find((o) => values[o] !== undefined && !allowed.has(o));
  if (stray) throw new UsageError(`export ${name} does not take --${stray}`);
  const out = resolve(required(values, 'out'));

  await withUser(values, async (client) => {
    const input = await table.input(values, client);
    const file = await client.call('exports.xlsx', { request: table.request, input, locale } as Input<'exports.xlsx'>);
    // A folder gets the file under the name the app would suggest.
    const path = existsSync(out) && statSync(out).isDirectory() ? join(out, file.fileName) : out;
    writeFileAtomic(path, Buffer.from(file.contentBase64, 'base64'));
    console.log(`wrote ${path}: ${file.rows} ${file.rows === 1 ? "row" : "rows"}`);
  });
}
