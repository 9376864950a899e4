import { rmSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { Output, Parsed } from '../../contract';
import type { ImportedBundle, ImportOutcome } from '../../contract/areas/city';
import { MAX_UPLOAD_BYTES } from '../../contract/areas/city';
import type { BundlePurpose } from '../../contract/areas/bundles';
import { DAMAGED_BUNDLE_CODES } from '../../contract/bundle-messages';
import { AppError } from '../../contract/errors';
import { canonicalJson } from '../../bundles/canonical-json';
import { REGISTERS, SUMMARY_CONTENTS, SUMMARY_SCHEMA, type BundleSummary } from '../../bundles/content';
import { openBundle } from '../../bundles/open-bundle';
import { BundleRejection, reject } from '../../bundles/rejection';
import { bundleFileName, periodRange, type BundleStatement } from '../../bundles/statement';
import { verifyBundle, type TrustedKey, type VerifiedBundle } from '../../bundles/verify-bundle';
import { recordAudit } from '../audit/audit';
import { openCityIdentity } from '../bundles/keys';
import { isoNow } from '../clock';
import type { RequestContext } from '../context';
import type { JobProgress } from '../jobs';
import { staffName } from '../record-meta';
import { uuidv7 } from '../records';
import { keptBundlePath, stageCopy, writeIncoming } from './bundle-store';
import { cityCode, countyName } from './city-office';
import { judgeSequence, type SequenceDecision } from './import-ledger';

/**
 * The city's import of one bundle file: verify (structure, signature, statement, file hashes —
 * verify-bundle.ts), place it in the county's sequence (import-ledger.ts), decrypt and read every
 * record (open-bundle.ts), then store it in ONE write transaction that checks the sequence again.
 * A refused bundle writes nothing to the database: the refusal goes to the log and the summary.
 */

export interface ImportActor {
  id: string;
  displayName: string;
}

export interface ImportOptions {
  /** The name the file arrived under (the summary shows it; the city stores it under its statement's name). */
  fileName: string;
  actor: ImportActor;
  progress?: JobProgress;
}

interface BundleRecordRow {
  register: string;
  id: string;
  search: string;
  data: string;
}

/** Rows per INSERT: 5 columns each stays far below SQLite's bound on variables. */
const INSERT_CHUNK = 500;

function purposeOf(statement: BundleStatement): { purpose: BundlePurpose; of: number | null; reason: string | null } {
  const p = statement.purpose;
  if (p.kind === 'reexport') return { purpose: p.kind, of: p.of, reason: null };
  if (p.kind === 'correction') return { purpose: p.kind, of: null, reason: p.reason };
  return { purpose: p.kind, of: null, reason: null };
}

/** Register records the bundle carries (the summary is not a register). */
function registerRecords(statement: BundleStatement): number {
  return statement.files.filter((f) => f.contents !== SUMMARY_CONTENTS).reduce((sum, f) => sum + f.records, 0);
}

/** Where the county's sequence stands here: its last accepted bundle, and the one with this sequence. */
async function decide(db: Kysely<Database>, verified: VerifiedBundle): Promise<SequenceDecision> {
  const { statement, statementHash } = verified;
  const accepted = (county: string) => db.selectFrom('bundle_import').select(['sequence', 'statement_hash as statementHash']).where('county_code', '=', county);
  const last = await accepted(statement.county.code).orderBy('sequence', 'desc').limit(1).executeTakeFirst();
  const same = await accepted(statement.county.code).where('sequence', '=', statement.sequence).executeTakeFirst();
  return judgeSequence({ sequence: statement.sequence, previous: statement.previous, statementHash }, last ?? null, same ?? null);
}

/** The key's standing as the verifier saw it, read again inside the write (a revocation may have landed since). */
async function stillTrusted(db: Kysely<Database>, verified: VerifiedBundle): Promise<string> {
  const key = await db.selectFrom('county_key').selectAll().where('public_key', '=', verified.signerKey).executeTakeFirst();
  if (!key) reject('BUNDLE_UNKNOWN_KEY');
  const made = Date.parse(verified.statement.createdAt);
  if (key.retired_at !== null && made >= Date.parse(key.retired_at)) reject('BUNDLE_KEY_ROTATED_OUT');
  if (key.revoked_at !== null && made >= Date.parse(key.revoked_at)) reject('BUNDLE_KEY_REVOKED');
  return key.id;
}

/** Reads the records of a verified bundle: the summary, and every register record keyed for drill-down. */
async function readContents(verified: VerifiedBundle, city: { identity: string; recipient: string }, onProgress: (done: number, total: number) => void) {
  let summary: BundleSummary | null = null;
  const records: BundleRecordRow[] = [];
  const seen = new Map<string, Set<string>>();
  await openBundle(verified, {
    identity: city.identity,
    recipient: city.recipient,
    onRecord(contents, record, file) {
      if (contents === SUMMARY_CONTENTS) {
        summary = SUMMARY_SCHEMA.parse(record);
        // The summary speaks for the county and period the statement signed, or for nobody.
        if (summary.county.code !== verified.statement.county.code || summary.period !== verified.statement.period.label) {
          reject('BUNDLE_CONTENT_MISMATCH', { name: file.path });
        }
        return;
      }
      const def = REGISTERS[contents];
      if (!def) return reject('BUNDLE_CONTENT_MISMATCH', { name: file.path });
      const data = record as { id: string } & Record<string, unknown>;
      const ids = seen.get(contents) ?? new Set<string>();
      seen.set(contents, ids);
      // Line 1 is the header: record n is on line n + 1.
      if (ids.has(data.id)) reject('BUNDLE_CONTENT_INVALID', { name: file.path, line: ids.size + 2, at: 'id' });
      ids.add(data.id);
      records.push({ register: contents, id: data.id, search: def.search(data).toLowerCase(), data: canonicalJson(data) });
    },
    onProgress,
  });
  if (!summary) reject('BUNDLE_FILE_MISSING', { name: SUMMARY_CONTENTS });
  return { summary: summary as BundleSummary, records };
}

function outcomeOf(fileName: string, statement: BundleStatement | null): ImportOutcome {
  const purpose = statement ? purposeOf(statement).purpose : null;
  return {
    fileName,
    outcome: 'rejected',
    damaged: false,
    countyCode: statement?.county.code ?? null,
    countyName: statement ? countyName(statement.county.code) : null,
    periodLabel: statement?.period.label ?? null,
    sequence: statement?.sequence ?? null,
    purpose,
    missingSequences: [],
    records: statement ? registerRecords(statement) : 0,
    error: null,
  };
}

/**
 * Verifies and imports one bundle file (the import job; the CLI calls it directly with a path).
 * Never throws for a bad bundle: the outcome says accepted, duplicate or rejected (with the
 * reason, and whether the copy is merely damaged). Cancelling the job throws JOB_CANCELLED.
 */
export async function importBundleFile(ctx: RequestContext, path: string, options: ImportOptions): Promise<ImportOutcome> {
  cityCode(ctx);
  const { host } = ctx;
  const progress = options.progress;
  let statement: BundleStatement | null = null;
  try {
    progress?.phase('verifying');
    const verified = await verifyBundle(path, {
      now: ctx.clock.now(),
      trust: (publicKeyHex) => host.readSnapshot((db) => trustOf(db, publicKeyHex)),
      onProgress: progressBar(progress, 'verifying'),
    });
    statement = verified.statement;
    const county = statement.county.code;
    const outcome = outcomeOf(options.fileName, statement);

    // The sequence before decrypting: a replayed or forked bundle is refused unread.
    progress?.phase('checking');
    if ((await host.readSnapshot((db) => decide(db, verified))).kind === 'duplicate') return { ...outcome, outcome: 'duplicate' };
    progress?.throwIfCancelled();

    progress?.phase('decrypting');
    const identity = await host.readSnapshot((db) => openCityIdentity(db, host.keystore()));
    const contents = await readContents(verified, identity, progressBar(progress, 'decrypting'));
    progress?.throwIfCancelled();

    progress?.phase('importing', contents.records.length);
    const fileName = bundleFileName(county, statement.period.label, statement.sequence);
    const staged = stageCopy(path, keptBundlePath(host.filesDir(), county, fileName));
    let decision: SequenceDecision;
    try {
      decision = await host.write(async (db) => {
        const again = await decide(db, verified);
        if (again.kind === 'duplicate') return again;
        const keyId = await stillTrusted(db, verified);
        await storeImport(ctx, db, verified, { keyId, fileName, missing: again.missing, actor: options.actor, ...contents }, progress);
        return again;
      });
    } catch (error) {
      staged.abandon();
      throw error;
    }
    if (decision.kind === 'duplicate') {
      staged.abandon();
      return { ...outcome, outcome: 'duplicate' };
    }
    try {
      staged.commit();
    } catch (error) {
      // The import is committed (statement and records are in the database); only the archive copy is missing.
      host.log(error);
      staged.abandon();
    }
    return { ...outcome, outcome: 'accepted', missingSequences: decision.missing };
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    host.log(`city import refused ${options.fileName}: ${refusal.code} ${JSON.stringify(refusal.params)}`);
    return { ...outcomeOf(options.fileName, statement), damaged: DAMAGED_BUNDLE_CODES.has(refusal.code), error: refusal.toLedgerError() };
  }
}

/** A format callback's cumulative (done, total) as the job's phase and progress bar. */
function progressBar(progress: JobProgress | undefined, phase: string): (done: number, total: number) => void {
  let shown = 0;
  let started = false;
  return (done, total) => {
    if (!progress) return;
    if (!started) {
      progress.phase(phase, total);
      started = true;
    }
    progress.advance(done - shown);
    shown = done;
  };
}

/** Why a bundle was turned away, as an AppError; null for what is no refusal (a cancel, a bug). */
function refusalOf(error: unknown): AppError | null {
  if (error instanceof BundleRejection) return error.toAppError();
  if (error instanceof AppError && error.code !== 'JOB_CANCELLED') return error;
  return null;
}

async function trustOf(db: Kysely<Database>, publicKeyHex: string): Promise<TrustedKey | null> {
  const row = await db.selectFrom('county_key').select(['county_code', 'retired_at', 'revoked_at']).where('public_key', '=', publicKeyHex).executeTakeFirst();
  return row ? { county: row.county_code, retiredAt: row.retired_at, revokedAt: row.revoked_at } : null;
}

async function storeImport(
  ctx: RequestContext,
  db: Kysely<Database>,
  verified: VerifiedBundle,
  o: { keyId: string; fileName: string; missing: number[]; actor: ImportActor; summary: BundleSummary; records: BundleRecordRow[] },
  progress?: JobProgress,
) {
  const { statement } = verified;
  const { purpose, of, reason } = purposeOf(statement);
  const id = uuidv7(ctx.clock.now().getTime());
  await db
    .insertInto('bundle_import')
    .values({
      id,
      county_code: statement.county.code,
      sequence: statement.sequence,
      statement: verified.statementBytes,
      statement_hash: verified.statementHash,
      period_kind: statement.period.kind,
      period_label: statement.period.label,
      period_end: statement.period.end,
      purpose,
      of_sequence: of,
      reason,
      created_at: statement.createdAt,
      created_by_name: statement.createdBy,
      county_key_id: o.keyId,
      file_name: o.fileName,
      file_size: verified.fileSize,
      file_sha256: verified.fileSha256,
      missing_sequences: o.missing.length ? JSON.stringify(o.missing) : null,
      summary: canonicalJson(o.summary),
      imported_at: isoNow(ctx.clock),
      imported_by: o.actor.id,
    })
    .execute();
  for (let i = 0; i < o.records.length; i += INSERT_CHUNK) {
    const chunk = o.records.slice(i, i + INSERT_CHUNK);
    await db
      .insertInto('bundle_record')
      .values(chunk.map((r) => ({ bundle_id: id, register: r.register, record_id: r.id, search: r.search, data: r.data })))
      .execute();
    progress?.advance(chunk.length);
  }
  await recordAudit(
    ctx,
    {
      action: 'import',
      entity: 'bundle',
      entityId: id,
      summary: `${countyName(statement.county.code)} ${statement.period.label} #${statement.sequence}${o.missing.length ? ` missing ${o.missing.join(',')}` : ''}`,
      after: {
        county: statement.county.code,
        period: statement.period.label,
        sequence: statement.sequence,
        purpose,
        statementHash: verified.statementHash,
        fileSha256: verified.fileSha256,
        records: o.records.length,
        missingSequences: o.missing,
      },
      actorId: o.actor.id,
      actorName: o.actor.displayName,
    },
    db,
  );
}

/** Starts the import job of one uploaded file; the job's result is its ImportOutcome. */
export async function startImport(ctx: RequestContext, input: Parsed<'cityBundles.import'>): Promise<Output<'cityBundles.import'>> {
  cityCode(ctx);
  const actor = ctx.actor();
  const bytes = Buffer.from(input.contentBase64, 'base64');
  if (bytes.length > MAX_UPLOAD_BYTES) throw new AppError('PAYLOAD_TOO_LARGE');
  const path = writeIncoming(ctx.host.filesDir(), bytes);
  const fileName = input.fileName.split(/[\\/]/).pop() || input.fileName;
  return Promise.resolve(
    ctx.host.jobs.start(actor.id, 'city-import', async (progress) => {
      try {
        return await importBundleFile(ctx, path, { fileName, actor: { id: actor.id, displayName: actor.displayName }, progress });
      } finally {
        rmSync(path, { force: true });
      }
    }),
  );
}

export async function listImported(ctx: RequestContext, input: Parsed<'cityBundles.list'>): Promise<Output<'cityBundles.list'>> {
  const db = ctx.database();
  cityCode(ctx);
  let query = db.selectFrom('bundle_import').selectAll().orderBy('imported_at', 'desc').orderBy('county_code').orderBy('sequence', 'desc');
  if (input.countyCode) query = query.where('county_code', '=', input.countyCode);
  if (input.period) query = query.where('period_label', '=', input.period);
  const rows = await query.execute();
  const current = await currentBundleIds(db);
  const result: ImportedBundle[] = [];
  for (const row of rows) {
    const statement = JSON.parse(row.statement.toString('utf8')) as BundleStatement;
    const range = periodRange(row.period_kind, row.period_label);
    result.push({
      id: row.id,
      countyCode: row.county_code,
      countyName: countyName(row.county_code),
      sequence: row.sequence,
      period: { kind: row.period_kind, label: row.period_label, start: range?.start ?? row.period_end, end: row.period_end },
      purpose: row.purpose,
      ofSequence: row.of_sequence,
      reason: row.reason,
      createdAt: row.created_at,
      createdBy: row.created_by_name,
      fileName: row.file_name,
      fileSize: row.file_size,
      fileSha256: row.file_sha256,
      statementHash: row.statement_hash,
      missingSequences: row.missing_sequences ? (JSON.parse(row.missing_sequences) as number[]) : [],
      importedAt: row.imported_at,
      importedBy: await staffName(db, row.imported_by),
      current: current.has(row.id),
      counts: statement.files.map((f) => ({ contents: f.contents, records: f.records })),
    });
  }
  return result;
}

/**
 * The bundle each county's figures for a period come from: its highest accepted sequence for
 * that period (a correction or re-export supersedes what came before).
 */
export async function currentBundleIds(db: Kysely<Database>, period?: string): Promise<Set<string>> {
  let query = db
    .selectFrom('bundle_import as b')
    .select('b.id')
    .where(({ eb, selectFrom }) =>
      eb(
        'b.sequence',
        '=',
        selectFrom('bundle_import as o')
          .select((s) => s.fn.max('o.sequence').as('m'))
          .whereRef('o.county_code', '=', 'b.county_code')
          .whereRef('o.period_label', '=', 'b.period_label'),
      ),
    );
  if (period) query = query.where('b.period_label', '=', period);
  const rows = await query.execute();
  return new Set(rows.map((r) => r.id));
}
