import type { Selectable } from 'kysely';
import { isWithin } from '../../../db/divisions';
import type { RenovationAttachmentTable, RenovationCaseTable } from '../../../db/schema';
import type { Output, Parsed } from '../../contract';
import { DOCUMENT_TAGS, MAX_ATTACHMENT_BYTES, PHOTO_TAGS, type Attachment, type CaseSaved } from '../../contract/areas/renovations';
import { AppError } from '../../contract/errors';
import { recordAudit } from '../audit/audit';
import { isoNow } from '../clock';
import type { RequestContext } from '../context';
import { bumpedMeta, staffName } from '../record-meta';
import { uuidv7 } from '../records';
import { loadCase } from './case-view';
import { decodeBase64Strict, matchesType, thumbnailType } from './file-content';
import { checkStored, readStored, storeFile } from './file-store';

type AttachmentRecord = Selectable<RenovationAttachmentTable>;
type CaseRecord = Selectable<RenovationCaseTable>;

/** The case's photos and documents, newest first, each file checked against its SHA-256 now. */
export async function listAttachments(ctx: RequestContext, caseId: string): Promise<Attachment[]> {
  const db = ctx.database();
  const rows = await db
    .selectFrom('renovation_attachment')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const states = checkStored(ctx.host.filesDir(), rows.map((r) => r.sha256));
  const names = new Map<string, string | null>();
  for (const by of new Set(rows.map((r) => r.created_by))) if (by) names.set(by, await staffName(db, by));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    tag: r.tag,
    planLineId: r.plan_line_id,
    fileName: r.file_name,
    mimeType: r.mime_type,
    sizeBytes: r.size_bytes,
    sha256: r.sha256,
    hasThumbnail: r.thumbnail_sha256 !== null,
    note: r.note,
    fileState: states.get(r.sha256)!,
    withdrawnAt: r.withdrawn_at,
    withdrawnReason: r.withdrawn_reason,
    createdAt: r.created_at,
    createdByName: r.created_by ? (names.get(r.created_by) ?? null) : null,
  }));
}

/**
 * Plan line id → how many live (not withdrawn) "after" photos of that line have an intact file.
 * Acceptance counts these: a photo whose file went missing or was altered proves nothing.
 */
export async function intactAfterPhotos(ctx: RequestContext, caseId: string): Promise<Map<string, number>> {
  const rows = await ctx
    .database()
    .selectFrom('renovation_attachment')
    .select(['plan_line_id', 'sha256'])
    .where('case_id', '=', caseId)
    .where('kind', '=', 'photo')
    .where('tag', '=', 'after')
    .where('withdrawn_at', 'is', null)
    .where('plan_line_id', 'is not', null)
    .execute();
  const states = checkStored(ctx.host.filesDir(), rows.map((r) => r.sha256));
  const counts = new Map<string, number>();
  for (const r of rows) {
    if (states.get(r.sha256) === 'ok') counts.set(r.plan_line_id!, (counts.get(r.plan_line_id!) ?? 0) + 1);
  }
  return counts;
}

/**
 * Stores a photo or document of a case: every check first, then the files, then the row, the case's
 * version bump and the audit entry (in the request's transaction). The files are written before the
 * row on purpose: if the transaction then fails, an unreferenced content file stays behind, which is
 * harmless (content-addressed, reused by the next upload of the same bytes); files are never deleted.
 */
export async function attach(ctx: RequestContext, input: Parsed<'renovations.attach'>): Promise<Output<'renovations.attach'>> {
  const db = ctx.database();
  const kase = await loadCaseRecord(ctx, input.caseId, 'caseId');
  const tags: readonly string[] = input.kind === 'photo' ? PHOTO_TAGS : DOCUMENT_TAGS;
  if (!tags.includes(input.tag)) throw new AppError('ATTACHMENT_TAG_KIND', 'tag');
  if (input.planLineId) {
    const line = await db
      .selectFrom('renovation_plan_line')
      .select('id')
      .where('id', '=', input.planLineId)
      .where('case_id', '=', kase.id)
      .executeTakeFirst();
    if (!line) throw new AppError('ATTACHMENT_LINE_NOT_IN_CASE', 'planLineId');
  }
  const content = decodeBase64Strict(input.contentBase64);
  if (!content) throw new AppError('ATTACHMENT_NOT_DECODABLE', 'contentBase64');
  if (content.length === 0) throw new AppError('REQUIRED', 'contentBase64');
  if (content.length > MAX_ATTACHMENT_BYTES) {
    throw new AppError('ATTACHMENT_TOO_LARGE', 'contentBase64', { max: MAX_ATTACHMENT_BYTES / (1024 * 1024) });
  }
  if (!matchesType(content, input.mimeType)) throw new AppError('ATTACHMENT_TYPE_MISMATCH', 'contentBase64', { mimeType: input.mimeType });
  const thumbnail = checkThumbnail(input.kind, input.thumbnailBase64);

  const filesDir = ctx.host.filesDir();
  const sha256 = storeFile(filesDir, content);
  const thumbnailSha256 = thumbnail ? storeFile(filesDir, thumbnail) : null;
  const row = {
    id: uuidv7(ctx.clock.now().getTime()),
    case_id: kase.id,
    kind: input.kind,
    tag: input.tag,
    plan_line_id: input.planLineId ?? null,
    file_name: input.fileName,
    mime_type: input.mimeType,
    size_bytes: content.length,
    sha256,
    thumbnail_sha256: thumbnailSha256,
    note: input.note ?? null,
    withdrawn_at: null,
    withdrawn_reason: null,
    created_at: isoNow(ctx.clock),
    created_by: ctx.session.user?.id ?? null,
    created_installation: ctx.officeInfo().installationId,
  };
  await db.insertInto('renovation_attachment').values(row).execute();
  await touchCase(ctx, kase);
  await recordAudit(ctx, {
    action: 'attach',
    entity: 'renovation-case',
    entityId: kase.id,
    summary: `${kase.case_number} ${input.fileName}`,
    after: auditView(row),
  });
  return saved(ctx, kase.id);
}

/** A stored file's bytes (or its thumbnail's) after checking them; altered bytes are never returned. */
export async function attachmentContent(
  ctx: RequestContext,
  input: Parsed<'renovations.attachmentContent'>,
): Promise<Output<'renovations.attachmentContent'>> {
  const { row } = await loadAttachment(ctx, input.id);
  // Without a thumbnail (documents, or a photo the client drew none for) the file itself is shown.
  const useThumbnail = input.thumbnail === true && row.thumbnail_sha256 !== null;
  const stored = readStored(ctx.host.filesDir(), useThumbnail ? row.thumbnail_sha256! : row.sha256);
  const mimeType = useThumbnail ? ((stored.bytes && thumbnailType(stored.bytes)) ?? 'image/jpeg') : row.mime_type;
  return { mimeType, contentBase64: stored.bytes ? stored.bytes.toString('base64') : null, fileState: stored.state };
}

/** Withdraws a wrong upload once, with a reason: the row and the file stay, shown struck through. */
export async function withdrawAttachment(
  ctx: RequestContext,
  input: Parsed<'renovations.withdrawAttachment'>,
): Promise<Output<'renovations.withdrawAttachment'>> {
  const { row, kase } = await loadAttachment(ctx, input.id);
  if (row.withdrawn_at) throw new AppError('ATTACHMENT_WITHDRAWN', 'id');
  const withdrawn = { withdrawn_at: isoNow(ctx.clock), withdrawn_reason: input.reason };
  // The only UPDATE this table ever sees.
  await ctx.database().updateTable('renovation_attachment').set(withdrawn).where('id', '=', row.id).execute();
  await touchCase(ctx, kase);
  await recordAudit(ctx, {
    action: 'withdraw-attachment',
    entity: 'renovation-case',
    entityId: kase.id,
    summary: `${kase.case_number} ${row.file_name}`,
    before: auditView(row),
    after: { ...auditView(row), withdrawnReason: input.reason },
  });
  return saved(ctx, kase.id);
}

/** A photo's optional thumbnail, decoded and checked to be a JPEG or PNG; documents carry none. */
function checkThumbnail(kind: 'photo' | 'document', base64: string | null | undefined): Buffer | null {
  if (base64 === null || base64 === undefined) return null;
  if (kind !== 'photo') throw new AppError('INVALID_INPUT', 'thumbnailBase64');
  const bytes = decodeBase64Strict(base64);
  if (!bytes || bytes.length === 0) throw new AppError('ATTACHMENT_NOT_DECODABLE', 'thumbnailBase64');
  if (!thumbnailType(bytes)) throw new AppError('ATTACHMENT_TYPE_MISMATCH', 'thumbnailBase64', { mimeType: 'image/jpeg' });
  return bytes;
}

/** The case, if it exists and lies in this office's county (else NOT_FOUND on `field`). */
async function loadCaseRecord(ctx: RequestContext, caseId: string, field: string): Promise<CaseRecord> {
  const county = ctx.countyCode();
  const row = await ctx.database().selectFrom('renovation_case').selectAll().where('id', '=', caseId).executeTakeFirst();
  if (!row || !isWithin(row.town_code, county)) throw new AppError('NOT_FOUND', field);
  return row;
}

/** The attachment and its case, if the case is one of this county's. */
async function loadAttachment(ctx: RequestContext, id: string): Promise<{ row: AttachmentRecord; kase: CaseRecord }> {
  const row = await ctx.database().selectFrom('renovation_attachment').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'id');
  return { row, kase: await loadCaseRecord(ctx, row.case_id, 'id') };
}

/** A new or withdrawn file changes the case: its version moves on, so a save from an older view is refused. */
async function touchCase(ctx: RequestContext, kase: CaseRecord): Promise<void> {
  await ctx.database().updateTable('renovation_case').set(bumpedMeta(ctx, kase.version)).where('id', '=', kase.id).execute();
}

async function saved(ctx: RequestContext, caseId: string): Promise<CaseSaved> {
  return { case: await loadCase(ctx, caseId), warnings: [] };
}

type AuditedColumns = 'file_name' | 'kind' | 'tag' | 'plan_line_id' | 'mime_type' | 'size_bytes' | 'sha256' | 'thumbnail_sha256';

/** What the audit trail keeps of a file: what identifies it, never its bytes. */
function auditView(r: Pick<AttachmentRecord, AuditedColumns>) {
  return {
    fileName: r.file_name,
    kind: r.kind,
    tag: r.tag,
    planLineId: r.plan_line_id,
    mimeType: r.mime_type,
    sizeBytes: r.size_bytes,
    sha256: r.sha256,
    thumbnailSha256: r.thumbnail_sha256,
  };
}
