import type { z } from 'zod';
import { CONTRACT, type Input, type Output, type Parsed, type RequestName } from '../../contract';
import type { ExportableRequest } from '../../contract/areas/exports';
import type { OfficeInfo } from '../../contract/areas/setup';
import { roleAtLeast } from '../../contract/define';
import { AppError } from '../../contract/errors';
import type { Locale } from '../../contract/messages';
import { recordAudit } from '../audit/audit';
import type { RequestContext } from '../context';
import type { WorkbookSpec } from './sheet';
import { LIST_SHEETS } from './sheets-lists';
import { chinaMinute, REPORT_SHEETS, words } from './sheets-reports';
import { writeWorkbook } from './xlsx';
import { issueToError } from '../schema-issues';

/** What a sheet maker knows besides the request's input. */
export interface ExportContext {
  /** The export's own request context: the same transaction, so every sheet sees one state. */
  request: RequestContext;
  locale: Locale;
  office: OfficeInfo;
  /** "导出时间 2026-11-22 10:00 · 导出人 李管理": the end of every sheet's subtitle. */
  stamp: string;
}

/** Runs another request's handler in the export's transaction (lists call it once per page). */
export type RunRequest = <K extends RequestName>(request: K, input: Input<K>) => Promise<Output<K>>;

/** Lays out the answer of one exportable request; `input` has passed that request's schema. */
export type SheetMaker<K extends ExportableRequest = ExportableRequest> = (ctx: ExportContext, input: Parsed<K>, run: RunRequest) => Promise<WorkbookSpec>;

export type SheetMakers = { [K in ExportableRequest]?: SheetMaker<K> };

const SHEET_MAKERS: SheetMakers = { ...LIST_SHEETS, ...REPORT_SHEETS };

/** Characters Windows, macOS or Linux refuse in a file name. */
export function safeFileName(name: string): string {
  return (
    name
      .replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^\.+/, '_')
      .slice(0, 150) || 'export'
  );
}

/** Runs the table's own request (its role, its input, this transaction) and lays the answer out. */
async function layOut(ctx: RequestContext, input: Parsed<'exports.xlsx'>) {
  // Imported when first used: the handler table imports this module.
  const { HANDLERS } = await import('../handlers');
  const { request } = input;
  const def = CONTRACT[request];
  const actor = ctx.actor();
  // The role the table itself needs, before its input is looked at (as the dispatcher does).
  if (def.access !== 'public' && !roleAtLeast(actor.role, def.access)) throw new AppError('FORBIDDEN');
  const parsed = (def.input as z.ZodType).safeParse(input.input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw issueToError({ ...issue, path: ['input', ...issue.path] }, { input: input.input });
  }
  const maker = SHEET_MAKERS[request] as SheetMaker | undefined;
  if (!maker) throw new AppError('INVALID_CHOICE', 'request');

  const run: RunRequest = async (name, inner) => {
    const checked = (CONTRACT[name].input as z.ZodType).parse(inner ?? {});
    return (await (HANDLERS[name] as (c: RequestContext, i: unknown) => unknown)(ctx, checked)) as Output<typeof name>;
  };
  const locale = input.locale ?? 'zh-CN';
  const office = ctx.officeInfo();
  const now = ctx.clock.now();
  const w = words(locale);
  const stamp = `${w('xlsx.exportedAt')} ${chinaMinute(now.toISOString())} · ${w('xlsx.exportedBy')} ${actor.displayName}`;
  const spec = await maker({ request: ctx, locale, office, stamp }, parsed.data as never, run);
  const rows = spec.sheets.reduce((sum, sheet) => sum + sheet.rows.length, 0);
  return { spec, parsed: parsed.data as unknown, rows, office, actor, now, baseName: safeFileName(`${office.name}-${spec.fileName}`) };
}

/** What left the machine, and from which table: the trail of personal data taken away (on file or on paper). */
async function recordTakeaway(ctx: RequestContext, action: 'export' | 'print', input: Parsed<'exports.xlsx'>, laid: Awaited<ReturnType<typeof layOut>>, fileName: string) {
  await recordAudit(ctx, {
    action,
    entity: 'spreadsheet',
    entityId: null,
    summary: `${laid.spec.fileName}（${laid.rows} 行）`,
    after: { request: input.request, input: laid.parsed, fileName, rows: laid.rows, sheets: laid.spec.sheets.map((s) => ({ name: s.name, rows: s.rows.length })) },
  });
}

export async function exportXlsx(ctx: RequestContext, input: Parsed<'exports.xlsx'>): Promise<Output<'exports.xlsx'>> {
  const laid = await layOut(ctx, input);
  const bytes = await writeWorkbook(laid.spec, { creator: `${laid.office.name} ${laid.actor.displayName}`, created: laid.now });
  const fileName = `${laid.baseName}.xlsx`;
  await recordTakeaway(ctx, 'export', input, laid, fileName);
  return { fileName, contentBase64: bytes.toString('base64'), rows: laid.rows };
}

/** The same sheets for the print view; printing is recorded like an export. */
export async function printSheets(ctx: RequestContext, input: Parsed<'exports.print'>): Promise<Output<'exports.print'>> {
  const laid = await layOut(ctx, input);
  await recordTakeaway(ctx, 'print', input, laid, laid.baseName);
  return { office: laid.office.name, title: laid.baseName, sheets: laid.spec.sheets };
}
