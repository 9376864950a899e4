import type { Output, Parsed } from '../../contract';
import type { ImportFileInfo, ImportMapping, ImportRegisterName, ImportReport } from '../../contract/areas/imports';
import { IMPORT_REGISTERS, MAX_IMPORT_BYTES } from '../../contract/areas/imports';
import { AppError } from '../../contract/errors';
import type { Locale } from '../../contract/messages';
import { isoNow } from '../clock';
import type { RequestContext } from '../context';
import type { Upload } from '../uploads';
import { cellText } from './cells';
import { errorWorkbook, type ErrorRow } from './error-rows';
import { autoMapping, checkMapping, headerScorer, normaliseHeader } from './mapping';
import { runImport } from './pipeline';
import { readSpreadsheet } from './read';
import { IMPORT_REGISTER_DEFS } from './registers';
import { columnNote, columnsFor, templateWorkbook } from './template';

/** The import requests: an upload kept on the main side, then preview and commit jobs over it. */

/** Rows of the file the mapping screen shows. */
const SAMPLE_ROWS = 5;

/** What the steps of one upload keep between requests. */
interface UploadState {
  register: ImportRegisterName;
  sheet: string | null;
  headers: string[];
  errorRows?: ErrorRow[];
  errorHeaders?: string[];
}

function stateOf(upload: Upload): UploadState {
  return upload.state as unknown as UploadState;
}

const localeOf = (locale: Locale | null | undefined): Locale => locale ?? 'zh-CN';

export function registerList(ctx: RequestContext, input: Parsed<'imports.registers'>): Output<'imports.registers'> {
  const locale = localeOf(input.locale);
  const county = ctx.countyCode();
  return IMPORT_REGISTERS.map((name) => {
    const register = IMPORT_REGISTER_DEFS[name];
    return {
      name,
      title: register.title[locale],
      matchedBy: register.matchedBy[locale],
      columns: columnsFor(register, county).map((c) => ({ key: c.key, header: c.header[locale], required: c.required ?? false, note: columnNote(c, locale) })),
    };
  });
}

export async function template(ctx: RequestContext, input: Parsed<'imports.template'>): Promise<Output<'imports.template'>> {
  const register = IMPORT_REGISTER_DEFS[input.register];
  const office = ctx.officeInfo();
  const file = await templateWorkbook(register, { county: ctx.countyCode(), officeName: office.name, locale: localeOf(input.locale) });
  return { fileName: file.fileName, contentBase64: file.bytes.toString('base64'), rows: 1 };
}

/** The mapping last confirmed for this register, carried over column by column where the new file has the same header. */
async function rememberedMapping(ctx: RequestContext, register: ImportRegisterName, headers: string[]): Promise<ImportMapping | null> {
  const row = await ctx.database().selectFrom('import_mapping').selectAll().where('register', '=', register).executeTakeFirst();
  if (!row) return null;
  const oldHeaders = JSON.parse(row.headers) as string[];
  const old = JSON.parse(row.mapping) as ImportMapping;
  const position = new Map(headers.map((h, i) => [normaliseHeader(h), i]));
  const carried: ImportMapping = {};
  let any = false;
  for (const [key, index] of Object.entries(old)) {
    if (index === null || !oldHeaders[index]) continue;
    const now = position.get(normaliseHeader(oldHeaders[index]));
    if (now !== undefined) {
      carried[key] = now;
      any = true;
    }
  }
  return any ? carried : null;
}

async function rememberMapping(ctx: RequestContext, register: ImportRegisterName, headers: string[], mapping: ImportMapping) {
  const values = {
    register,
    headers: JSON.stringify(headers),
    mapping: JSON.stringify(mapping),
    updated_at: isoNow(ctx.clock),
    updated_by: ctx.actor().id,
  };
  await ctx
    .database()
    .insertInto('import_mapping')
    .values(values)
    .onConflict((oc) => oc.column('register').doUpdateSet({ headers: values.headers, mapping: values.mapping, updated_at: values.updated_at, updated_by: values.updated_by }))
    .execute();
}

export async function openUpload(ctx: RequestContext, input: Parsed<'imports.open'>): Promise<ImportFileInfo> {
  ctx.countyCode();
  const bytes = Buffer.from(input.contentBase64, 'base64');
  if (bytes.length > MAX_IMPORT_BYTES) throw new AppError('PAYLOAD_TOO_LARGE');
  const fileName = input.fileName.split(/[\\/]/).pop() || input.fileName;
  const register = IMPORT_REGISTER_DEFS[input.register];
  const sheet = await readSpreadsheet(bytes, fileName, { sheet: input.sheet ?? null, headerScore: headerScorer(register), limitRows: SAMPLE_ROWS });
  const upload = ctx.host.uploads.put(ctx.actor().id, fileName, bytes);
  const state: UploadState = { register: input.register, sheet: sheet.sheet, headers: sheet.headers };
  Object.assign(upload.state, state);
  const auto = autoMapping(register, sheet.headers);
  const remembered = await rememberedMapping(ctx, input.register, sheet.headers);
  const mapping = remembered ? { ...auto, ...remembered } : auto;
  return {
    token: upload.token,
    register: input.register,
    fileName,
    size: bytes.length,
    sha256: upload.sha256,
    format: sheet.format,
    encoding: sheet.encoding,
    sheet: sheet.sheet,
    headerRow: sheet.headerRow,
    headers: sheet.headers,
    sample: sheet.rows.slice(0, SAMPLE_ROWS).map((r) => sheet.headers.map((_, i) => cellText(r.cells[i] ?? null))),
    mapping,
    mappingSource: remembered ? 'remembered' : 'headers',
  };
}

/** Checks the mapping now (a refusal the clerk fixes on the mapping screen), remembers it, and starts the job. */
async function start(ctx: RequestContext, token: string, mapping: ImportMapping, mode: 'preview' | 'commit', allOrNothing: boolean, locale: Locale) {
  ctx.countyCode();
  const actor = ctx.actor();
  const upload = ctx.host.uploads.get(token, actor.id);
  const state = stateOf(upload);
  const register = IMPORT_REGISTER_DEFS[state.register];
  const full = checkMapping(register, state.headers, mapping, locale);
  await rememberMapping(ctx, state.register, state.headers, full);
  return ctx.host.jobs.start(actor.id, `import-${mode}`, async (progress): Promise<ImportReport> => {
    const outcome = await runImport(ctx, { register, upload, mapping: full, mode, allOrNothing, locale, sheet: state.sheet }, progress);
    state.errorRows = outcome.errorRows;
    state.errorHeaders = outcome.headers;
    return outcome.report;
  });
}

export async function startPreview(ctx: RequestContext, input: Parsed<'imports.preview'>): Promise<Output<'imports.preview'>> {
  return (await start(ctx, input.token, input.mapping, 'preview', false, localeOf(input.locale))) as Output<'imports.preview'>;
}

export async function startCommit(ctx: RequestContext, input: Parsed<'imports.commit'>): Promise<Output<'imports.commit'>> {
  return (await start(ctx, input.token, input.mapping, 'commit', input.allOrNothing, localeOf(input.locale))) as Output<'imports.commit'>;
}

export async function errorRows(ctx: RequestContext, input: Parsed<'imports.errorRows'>): Promise<Output<'imports.errorRows'>> {
  const upload = ctx.host.uploads.get(input.token, ctx.actor().id);
  const state = stateOf(upload);
  const rows = state.errorRows ?? [];
  const file = await errorWorkbook({ fileName: upload.fileName, headers: state.errorHeaders ?? state.headers, rows, locale: localeOf(input.locale) });
  return { fileName: file.fileName, contentBase64: file.bytes.toString('base64'), rows: rows.length };
}
