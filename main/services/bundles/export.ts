import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type Kysely, type Selectable } from 'kysely';
import { version as appVersion } from '../../../package.json';
import { getDivision } from '../../../db/divisions';
import { MIGRATIONS } from '../../../db/migrations';
import type { BundleExportTable, CityKeyTable, Database, SigningKeyTable } from '../../../db/schema';
import type { Output, Parsed } from '../../contract';
import type { SessionUser } from '../../contract/areas/auth';
import type { BundleExportRow, BundlePurpose, ContentCount, Period } from '../../contract/areas/bundles';
import { AppError } from '../../contract/errors';
import type { SigningKey } from '../../bundles/keys';
import { bundleFileName, STATEMENT_FORMAT, type BundleStatement } from '../../bundles/statement';
import { sealFile, writeSealedBundle, type SealedFileInput } from '../../bundles/write-bundle';
import { recordAudit } from '../audit/audit';
import { isoNow, today } from '../clock';
import { renameDurably } from '../files';
import type { RequestContext } from '../context';
import type { JobProgress } from '../jobs';
import { staffName } from '../record-meta';
import { uuidv7 } from '../records';
import { checkStored, readStored, sha256Hex, storeFile } from '../renovations/file-store';
import { activeCityKeyInfo, activeCityKeyRow, activeSigningKeyInfo, openSigningKey } from './keys';
import { periodOf } from './period';
import { snapshotCounts, snapshotFiles, SNAPSHOT_FILES, type SnapshotFile } from './snapshot';
import type { CountyIdentity } from './summary';

/**
 * Exporting a period's bundle, as a job with a progress bar: read a consistent snapshot, seal and
 * sign it, write it under a temporary name (durably), commit the sequence, and only then give the
 * file its final name. The sequence is therefore recorded before any file carrying it is released;
 * a crash between the two leaves a history row without a file, which a re-export replaces.
 * Each export's plaintext files are kept content-addressed in the files folder, so a re-export
 * (a lost USB stick) carries the very same content under a new sequence.
 */

interface StoredContent {
  contents: string;
  records: number;
  plainSha256: string;
}

type ExportRecord = Selectable<BundleExportTable>;

function bundlesDir(ctx: RequestContext): string {
  return join(ctx.host.filesDir(), 'bundles');
}

function countyIdentity(ctx: RequestContext): CountyIdentity {
  const office = ctx.officeInfo();
  const code = ctx.countyCode();
  return { code, name: getDivision(code)?.name ?? office.divisionName, office: office.name };
}

async function lastExport(db: Kysely<Database>): Promise<Pick<ExportRecord, 'sequence' | 'statement_hash'> | undefined> {
  return db.selectFrom('bundle_export').select(['sequence', 'statement_hash']).orderBy('sequence', 'desc').limit(1).executeTakeFirst();
}

function storedContents(row: ExportRecord): StoredContent[] {
  return JSON.parse(row.contents) as StoredContent[];
}

function fileOnDisk(ctx: RequestContext, row: ExportRecord): boolean {
  if (row.file_size === null) return false;
  const path = join(bundlesDir(ctx), row.file_name);
  return existsSync(path) && statSync(path).size === row.file_size;
}

async function toExportRow(ctx: RequestContext, db: Kysely<Database>, row: ExportRecord): Promise<BundleExportRow> {
  return {
    id: row.id,
    sequence: row.sequence,
    period: periodOf(row.period_label),
    purpose: row.purpose,
    ofSequence: row.of_sequence,
    reason: row.reason,
    createdAt: row.created_at,
    createdBy: await staffName(db, row.created_by),
    fileName: row.file_name,
    fileSize: row.file_size,
    fileSha256: row.file_sha256,
    statementHash: row.statement_hash,
    fileOnDisk: fileOnDisk(ctx, row),
    counts: storedContents(row).map((c) => ({ contents: c.contents, records: c.records })),
  };
}

async function findExport(db: Kysely<Database>, sequence: number): Promise<ExportRecord> {
  const row = await db.selectFrom('bundle_export').selectAll().where('sequence', '=', sequence).executeTakeFirst();
  if (!row) throw new AppError('BUNDLE_EXPORT_NOT_FOUND', 'sequence', { sequence });
  return row;
}

/** What the period's bundle would carry: counted, not built (snapshotCounts). */
export async function previewBundle(ctx: RequestContext, input: Parsed<'bundles.preview'>): Promise<Output<'bundles.preview'>> {
  const county = countyIdentity(ctx);
  const db = ctx.database();
  const period = periodOf(input.period);
  const { summary, counts } = await snapshotCounts(db, county, period);
  const sent = await db.selectFrom('bundle_export').select(['sequence', 'purpose', 'created_at']).where('period_label', '=', period.label).orderBy('sequence').execute();
  return {
    period,
    nextSequence: ((await lastExport(db))?.sequence ?? 0) + 1,
    counts: Object.entries(counts).map(([contents, records]): ContentCount => ({ contents, records })),
    summary,
    alreadySent: sent.map((s) => ({ sequence: s.sequence, purpose: s.purpose, createdAt: s.created_at })),
    signingKey: await activeSigningKeyInfo(ctx, db),
    cityKey: await activeCityKeyInfo(db),
  };
}

/** The keys an export needs, checked before the job starts so a refusal comes back at once. */
async function exportKeys(ctx: RequestContext): Promise<{ key: SigningKey; keyRow: Selectable<SigningKeyTable>; cityKey: Selectable<CityKeyTable> }> {
  const db = ctx.database();
  const { key, row: keyRow } = await openSigningKey(db, ctx.host.keystore());
  const cityKey = await activeCityKeyRow(db);
  if (!cityKey) throw new AppError('NO_CITY_KEY');
  return { key, keyRow, cityKey };
}

export async function startExport(ctx: RequestContext, input: Parsed<'bundles.export'>): Promise<Output<'bundles.export'>> {
  const county = countyIdentity(ctx);
  const db = ctx.database();
  const keys = await exportKeys(ctx);
  const period = periodOf(input.period);
  if (period.end >= today(ctx.clock)) throw new AppError('PERIOD_NOT_OVER', 'period', { period: period.label });
  const sent = await db.selectFrom('bundle_export').select('sequence').where('period_label', '=', period.label).orderBy('sequence', 'desc').executeTakeFirst();
  const correction = input.correction ?? null;
  if (sent && !correction) throw new AppError('PERIOD_ALREADY_SENT', 'period', { period: period.label, sequence: sent.sequence });
  if (!sent && correction) throw new AppError('PERIOD_NOT_SENT', 'period', { period: period.label });
  const actor = ctx.actor();
  return ctx.host.jobs.start(actor.id, 'bundle-export', async (progress) => {
    progress.phase('reading', SNAPSHOT_FILES);
    const files = await ctx.host.readSnapshot(async (snapshot) => {
      // A throwaway reader that reads each register once: a small page cache keeps the job's memory down.
      await sql`PRAGMA cache_size = -8192`.execute(snapshot);
      const out: SealedContent[] = [];
      for await (const file of snapshotFiles(snapshot, county, period)) {
        out.push(await sealed(ctx, file, keys.cityKey.recipient));
        progress.advance();
        progress.throwIfCancelled();
      }
      return out;
    });
    const purpose: BundleStatement['purpose'] = correction ? { kind: 'correction', reason: correction.reason } : { kind: 'regular' };
    return release(ctx, { county, period, files, purpose, actor, progress, ...keys });
  });
}

export async function startReexport(ctx: RequestContext, input: Parsed<'bundles.reexport'>): Promise<Output<'bundles.reexport'>> {
  const county = countyIdentity(ctx);
  const db = ctx.database();
  const original = await findExport(db, input.sequence);
  const keys = await exportKeys(ctx);
  const stored = storedContents(original);
  const filesDir = ctx.host.filesDir();
  const states = checkStored(filesDir, stored.map((c) => c.plainSha256));
  if ([...states.values()].some((state) => state !== 'ok')) throw new AppError('BUNDLE_CONTENT_GONE', 'sequence', { sequence: input.sequence });
  const period = periodOf(original.period_label);
  const actor = ctx.actor();
  return ctx.host.jobs.start(actor.id, 'bundle-export', async (progress) => {
    progress.phase('reading', stored.length);
    const files: SealedContent[] = [];
    for (const c of stored) {
      const file = readStored(filesDir, c.plainSha256);
      if (file.state !== 'ok') throw new AppError('BUNDLE_CONTENT_GONE', 'sequence', { sequence: input.sequence });
      files.push(await sealed(ctx, { contents: c.contents, records: c.records, plain: file.bytes }, keys.cityKey.recipient));
      progress.advance();
      progress.throwIfCancelled();
    }
    return release(ctx, { county, period, files, purpose: { kind: 'reexport', of: original.sequence }, actor, progress, ...keys });
  });
}

/** A data file sealed for the city, its plaintext kept in the files folder under its SHA-256. */
type SealedContent = SealedFileInput & StoredContent;

/**
 * Keeps the plaintext (a re-export sends the very same content) and seals it; the plaintext is
 * dropped once this returns, so an export holds one register's plaintext at a time.
 */
async function sealed(ctx: RequestContext, file: SnapshotFile, recipient: string): Promise<SealedContent> {
  const plainSha256 = storeFile(ctx.host.filesDir(), file.plain);
  return { ...(await sealFile(file, recipient)), plainSha256 };
}

interface Release {
  county: CountyIdentity;
  period: Period;
  files: SealedContent[];
  purpose: BundleStatement['purpose'];
  actor: SessionUser;
  progress: JobProgress;
  key: SigningKey;
  keyRow: Selectable<SigningKeyTable>;
  cityKey: Selectable<CityKeyTable>;
}

/**
 * The ordered release: statement (sequence = last + 1, previous = last statement's hash) → file
 * written durably as `<name>.partial` → sequence row committed → final name, folder fsynced →
 * size and hash recorded.
 */
async function release(ctx: RequestContext, r: Release): Promise<BundleExportRow> {
  const dir = bundlesDir(ctx);
  mkdirSync(dir, { recursive: true });
  const last = await ctx.host.readSnapshot(lastExport);
  const sequence = (last?.sequence ?? 0) + 1;
  const fileName = bundleFileName(r.county.code, r.period.label, sequence);
  const finalPath = join(dir, fileName);
  const partialPath = `${finalPath}.partial`;
  const contents: StoredContent[] = r.files.map((f) => ({ contents: f.contents, records: f.records, plainSha256: f.plainSha256 }));

  let done = -1;
  const createdAt = isoNow(ctx.clock);
  const written = await writeSealedBundle({
    outPath: partialPath,
    statement: {
      format: STATEMENT_FORMAT,
      county: r.county,
      period: r.period,
      sequence,
      previous: last?.statement_hash ?? null,
      createdAt,
      createdBy: r.actor.displayName,
      purpose: r.purpose,
      app: { version: appVersion, schema: MIGRATIONS.at(-1)!.version },
    },
    files: r.files,
    signingKey: r.key,
    recipient: r.cityKey.recipient,
    onProgress: (bytes, total) => {
      // The archive's total (statement and signature included) is known once writing starts.
      if (done < 0) {
        r.progress.phase('writing', total);
        done = 0;
      }
      r.progress.advance(bytes - done);
      done = bytes;
    },
  });
  if (r.progress.cancelled) {
    rmSync(partialPath, { force: true });
    r.progress.throwIfCancelled();
  }

  const purpose: BundlePurpose = r.purpose.kind;
  const row: ExportRecord = {
    id: uuidv7(ctx.clock.now().getTime()),
    sequence,
    period_kind: r.period.kind,
    period_label: r.period.label,
    purpose,
    of_sequence: r.purpose.kind === 'reexport' ? r.purpose.of : null,
    reason: r.purpose.kind === 'correction' ? r.purpose.reason : null,
    statement: written.statementBytes,
    statement_hash: written.statementHash,
    contents: JSON.stringify(contents),
    file_name: fileName,
    file_size: null,
    file_sha256: null,
    signing_key_id: r.keyRow.id,
    city_key_id: r.cityKey.id,
    created_at: createdAt,
    created_by: r.actor.id,
  };
  try {
    await ctx.host.write(async (db) => {
      // Another export may have taken this sequence meanwhile: this file's statement names it.
      if (((await lastExport(db))?.sequence ?? 0) !== sequence - 1) throw new AppError('BUNDLE_EXPORT_CONFLICT');
      await db.insertInto('bundle_export').values(row).execute();
      const { statement: _bytes, contents: _contents, ...audited } = row;
      await recordAudit(
        ctx,
        { action: 'export', entity: 'bundle', entityId: row.id, summary: `${r.period.label} #${sequence} ${purpose}`, after: { ...audited, counts: contents }, actorId: r.actor.id, actorName: r.actor.displayName },
        db,
      );
    });
  } catch (error) {
    rmSync(partialPath, { force: true });
    throw error;
  }

  // The sequence is recorded: only now does a file carry its final name.
  try {
    renameDurably(partialPath, finalPath);
  } catch (error) {
    rmSync(partialPath, { force: true });
    ctx.host.log(error);
    throw new AppError('BUNDLE_FILE_NOT_WRITTEN', undefined, { sequence });
  }
  await ctx.host.write((db) => db.updateTable('bundle_export').set({ file_size: written.fileSize, file_sha256: written.fileSha256 }).where('id', '=', row.id).execute());
  return ctx.host.readSnapshot(async (db) => toExportRow(ctx, db, await findExport(db, sequence)));
}

export async function exportHistory(ctx: RequestContext): Promise<Output<'bundles.history'>> {
  ctx.countyCode();
  const db = ctx.database();
  const rows = await db.selectFrom('bundle_export').selectAll().orderBy('sequence', 'desc').execute();
  const out: BundleExportRow[] = [];
  for (const row of rows) out.push(await toExportRow(ctx, db, row));
  return out;
}

/** The written file, checked against its recorded hash (an altered copy is never handed out). */
export async function downloadBundle(ctx: RequestContext, input: Parsed<'bundles.download'>): Promise<Output<'bundles.download'>> {
  ctx.countyCode();
  const row = await findExport(ctx.database(), input.sequence);
  if (row.file_size === null || row.file_sha256 === null) throw new AppError('BUNDLE_FILE_GONE', 'sequence');
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(bundlesDir(ctx), row.file_name));
  } catch {
    throw new AppError('BUNDLE_FILE_GONE', 'sequence');
  }
  if (bytes.length !== row.file_size || sha256Hex(bytes) !== row.file_sha256) throw new AppError('BUNDLE_FILE_GONE', 'sequence');
  return { fileName: row.file_name, contentBase64: bytes.toString('base64') };
}
