import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../../db/open';
import type { Input } from '../../contract';
import { MAX_ATTACHMENT_BYTES, type RenovationCase } from '../../contract/areas/renovations';
import { createCase } from '../../../tests/support/renovations';
import { createTestOffice, type TestClient, type TestOffice } from '../../../tests/support/office';
import { makeContext, type CoreHost, type RequestContext } from '../context';
import { readOffice } from '../office/setup';
import { intactAfterPhotos, listAttachments } from './attachments';

// Tiny real files: a 1×1 PNG, a JPEG (SOI, a comment naming it, EOI), a one-page-less PDF.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');
function jpeg(label: string): Buffer {
  const comment = Buffer.from(label, 'utf8');
  const length = comment.length + 2;
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xfe, length >> 8, length & 0xff]), comment, Buffer.from([0xff, 0xd9])]);
}
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

type AttachInput = Input<'renovations.attach'>;

let office: TestOffice;
let clerk: TestClient;
let kase: RenovationCase;
/** The case's two plan lines: a subsidised basic item and a household-paid one. */
let lineA: string;
let lineB: string;
let filesDir: string;

function photo(bytes: Buffer, extra: Partial<AttachInput> = {}): AttachInput {
  return {
    caseId: kase.id,
    kind: 'photo',
    tag: 'after',
    planLineId: lineA,
    fileName: 'photo.jpg',
    mimeType: 'image/jpeg',
    contentBase64: bytes.toString('base64'),
    note: null,
    ...extra,
  };
}

function storedFile(sha256: string): string {
  return join(filesDir, 'sha256', sha256.slice(0, 2), sha256);
}

function storedFiles(): string[] {
  if (!existsSync(filesDir)) return [];
  return readdirSync(filesDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name);
}

/** A context of the office on a second connection, for the functions other services call directly. */
async function serviceContext(): Promise<{ ctx: RequestContext; opened: OpenedDatabase }> {
  const opened = openDatabase(office.dbPath);
  const host = { filesDir: () => filesDir } as CoreHost;
  const ctx = makeContext({ user: null, lastActivity: 0 }, office.clock, await readOffice(opened.db), opened.db, host);
  return { ctx, opened };
}

beforeEach(async () => {
  office = await createTestOffice();
  clerk = await office.clientWithRole('clerk', 'clerk');
  filesDir = join(office.dir, 'office-files');
  kase = await createCase(office);
  const items = await office.admin.call('renovationItems.list', {});
  const byCode = (code: string) => items.find((i) => i.code === code)!.id;
  const planned = await clerk.call('renovations.savePlan', {
    id: kase.id,
    version: kase.version,
    lines: [
      { itemId: byCode('N12'), quantity: 2, unitPriceFen: 30_000, subsidised: true, note: null },
      { itemId: byCode('N16'), quantity: 1, unitPriceFen: 25_000, subsidised: true, note: null },
    ],
  });
  kase = planned.case;
  [lineA, lineB] = kase.plan.lines.map((l) => l.id) as [string, string];
});

afterEach(() => office.close());

describe('photos and documents of a renovation case', () => {
  it('stores a photo and a document with their SHA-256 and gives the same bytes back', async () => {
    const thumb = jpeg('thumbnail');
    const before = { tag: 'before', fileName: '卫生间-改造前.png', mimeType: 'image/png', note: '东侧' } as const;
    const withPhoto = await clerk.call('renovations.attach', photo(PNG, { ...before, thumbnailBase64: thumb.toString('base64') }));
    const withDocument = await clerk.call('renovations.attach', {
      caseId: kase.id,
      kind: 'document',
      tag: 'signed_plan',
      fileName: '改造方案.pdf',
      mimeType: 'application/pdf',
      contentBase64: PDF.toString('base64'),
    });

    // Each upload moves the case's version on, so a form opened before it is refused on save.
    expect(withPhoto.case.version).toBe(kase.version + 1);
    expect(withDocument.case.version).toBe(kase.version + 2);
    const [document, picture] = withDocument.case.attachments;
    expect(document).toMatchObject({
      kind: 'document',
      tag: 'signed_plan',
      planLineId: null,
      fileName: '改造方案.pdf',
      mimeType: 'application/pdf',
      sizeBytes: PDF.length,
      sha256: sha(PDF),
      hasThumbnail: false,
      fileState: 'ok',
      withdrawnAt: null,
      createdByName: '测试clerk',
    });
    expect(picture).toMatchObject({
      kind: 'photo',
      tag: 'before',
      planLineId: lineA,
      fileName: '卫生间-改造前.png',
      sizeBytes: PNG.length,
      sha256: sha(PNG),
      hasThumbnail: true,
      note: '东侧',
      fileState: 'ok',
    });
    expect(readFileSync(storedFile(sha(PNG))).equals(PNG)).toBe(true);
    expect(readFileSync(storedFile(sha(PDF))).equals(PDF)).toBe(true);

    const viewer = await office.clientWithRole('viewer');
    expect(await viewer.call('renovations.attachmentContent', { id: picture!.id })).toEqual({
      mimeType: 'image/png',
      contentBase64: PNG.toString('base64'),
      fileState: 'ok',
    });
    expect(await viewer.call('renovations.attachmentContent', { id: picture!.id, thumbnail: true })).toEqual({
      mimeType: 'image/jpeg',
      contentBase64: thumb.toString('base64'),
      fileState: 'ok',
    });
    // A document has no thumbnail: the file itself is given.
    expect(await viewer.call('renovations.attachmentContent', { id: document!.id, thumbnail: true })).toMatchObject({
      mimeType: 'application/pdf',
      contentBase64: PDF.toString('base64'),
    });

    const trail = await office.admin.call('audit.list', { entity: 'renovation-case', entityId: kase.id });
    const attachEntries = trail.rows.filter((r) => r.action === 'attach');
    expect(attachEntries.map((r) => r.after)).toEqual([
      expect.objectContaining({ fileName: '改造方案.pdf', tag: 'signed_plan', sha256: sha(PDF), sizeBytes: PDF.length }),
      expect.objectContaining({ fileName: '卫生间-改造前.png', tag: 'before', sha256: sha(PNG), sizeBytes: PNG.length }),
    ]);
    // The trail names the file; it never holds its bytes.
    expect(JSON.stringify(trail.rows)).not.toContain(PNG.toString('base64').slice(0, 40));
  });

  it('keeps one file for the same bytes attached twice', async () => {
    const bytes = jpeg('same');
    await clerk.call('renovations.attach', photo(bytes, { fileName: 'a.jpg' }));
    const saved = await clerk.call('renovations.attach', photo(bytes, { fileName: 'b.jpg', planLineId: lineB }));
    expect(saved.case.attachments.map((a) => [a.fileName, a.sha256])).toEqual([
      ['b.jpg', sha(bytes)],
      ['a.jpg', sha(bytes)],
    ]);
    expect(storedFiles()).toEqual([sha(bytes)]);
  });

  it('shows a deleted file as missing and a changed one as altered, and hands out neither', async () => {
    const gone = jpeg('gone');
    const changed = jpeg('changed');
    await clerk.call('renovations.attach', photo(gone, { fileName: 'gone.jpg' }));
    const saved = await clerk.call('renovations.attach', photo(changed, { fileName: 'changed.jpg' }));
    rmSync(storedFile(sha(gone)));
    const bytes = readFileSync(storedFile(sha(changed)));
    bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 0x01;
    writeFileSync(storedFile(sha(changed)), bytes);

    const opened = await clerk.call('renovations.get', { id: kase.id });
    expect(opened.attachments.map((a) => [a.fileName, a.fileState])).toEqual([
      ['changed.jpg', 'altered'],
      ['gone.jpg', 'missing'],
    ]);
    const [changedRow, goneRow] = saved.case.attachments;
    expect(await clerk.call('renovations.attachmentContent', { id: goneRow!.id })).toEqual({
      mimeType: 'image/jpeg',
      contentBase64: null,
      fileState: 'missing',
    });
    expect(await clerk.call('renovations.attachmentContent', { id: changedRow!.id })).toEqual({
      mimeType: 'image/jpeg',
      contentBase64: null,
      fileState: 'altered',
    });

    // Uploading the original again writes it back, and both rows are intact once more.
    await clerk.call('renovations.attach', photo(changed, { fileName: 'changed-again.jpg' }));
    const { ctx, opened: db } = await serviceContext();
    try {
      expect((await listAttachments(ctx, kase.id)).map((a) => [a.fileName, a.fileState])).toEqual([
        ['changed-again.jpg', 'ok'],
        ['changed.jpg', 'ok'],
        ['gone.jpg', 'missing'],
      ]);
    } finally {
      db.close();
    }
  });

  it('counts, per plan line, only live "after" photos whose file is intact', async () => {
    const attach = (label: string, extra: Partial<AttachInput> = {}) => clerk.call('renovations.attach', photo(jpeg(label), extra));
    await attach('a-after-1');
    await attach('a-after-2');
    const withdrawn = (await attach('a-after-withdrawn')).case.attachments[0]!;
    await clerk.call('renovations.withdrawAttachment', { id: withdrawn.id, reason: '拍错了户' });
    await attach('a-after-deleted');
    await attach('b-before', { planLineId: lineB, tag: 'before' });
    await attach('b-during', { planLineId: lineB, tag: 'during' });
    await attach('b-after-altered', { planLineId: lineB });
    await attach('no-line-after', { planLineId: null });
    await clerk.call('renovations.attach', {
      caseId: kase.id,
      kind: 'document',
      tag: 'acceptance_form',
      planLineId: lineB,
      fileName: '验收单.pdf',
      mimeType: 'application/pdf',
      contentBase64: PDF.toString('base64'),
    });
    rmSync(storedFile(sha(jpeg('a-after-deleted'))));
    writeFileSync(storedFile(sha(jpeg('b-after-altered'))), jpeg('something else'));

    const { ctx, opened } = await serviceContext();
    try {
      expect(await intactAfterPhotos(ctx, kase.id)).toEqual(new Map([[lineA, 2]]));
      await clerk.call('renovations.attach', photo(jpeg('b-after-good'), { planLineId: lineB }));
      expect(await intactAfterPhotos(ctx, kase.id)).toEqual(
        new Map([
          [lineA, 2],
          [lineB, 1],
        ]),
      );
    } finally {
      opened.close();
    }
  });

  it('refuses a wrong upload naming the field, and stores nothing', async () => {
    const other = await createCase(office, { names: ['李阿公'] });
    const otherPlan = await clerk.call('renovations.savePlan', {
      id: other.id,
      version: other.version,
      lines: [{ itemId: kase.plan.lines[0]!.itemId, quantity: 1, unitPriceFen: 10_000, subsidised: true, note: null }],
    });
    const foreignLine = otherPlan.case.plan.lines[0]!.id;
    const good = jpeg('good');
    const refusals: [string, AttachInput, { code: string; field: string; params?: object }][] = [
      ['photo tagged as an invoice', photo(good, { tag: 'invoice' }), { code: 'ATTACHMENT_TAG_KIND', field: 'tag' }],
      [
        'document tagged "after"',
        photo(PDF, { kind: 'document', mimeType: 'application/pdf', planLineId: null }),
        { code: 'ATTACHMENT_TAG_KIND', field: 'tag' },
      ],
      ['line of another case', photo(good, { planLineId: foreignLine }), { code: 'ATTACHMENT_LINE_NOT_IN_CASE', field: 'planLineId' }],
      ['unknown case', photo(good, { caseId: foreignLine }), { code: 'NOT_FOUND', field: 'caseId' }],
      [
        'spaces in base64',
        photo(good, { contentBase64: `${good.toString('base64').slice(0, 8)} ${good.toString('base64').slice(8)}` }),
        { code: 'ATTACHMENT_NOT_DECODABLE', field: 'contentBase64' },
      ],
      ['base64url', photo(good, { contentBase64: good.toString('base64url') }), { code: 'ATTACHMENT_NOT_DECODABLE', field: 'contentBase64' }],
      ['empty file', photo(good, { contentBase64: '' }), { code: 'REQUIRED', field: 'contentBase64' }],
      [
        'JPEG sent as PNG',
        photo(good, { mimeType: 'image/png' }),
        { code: 'ATTACHMENT_TYPE_MISMATCH', field: 'contentBase64', params: { mimeType: 'image/png' } },
      ],
      [
        'text sent as PDF',
        photo(Buffer.from('hello'), { kind: 'document', tag: 'invoice', mimeType: 'application/pdf' }),
        { code: 'ATTACHMENT_TYPE_MISMATCH', field: 'contentBase64', params: { mimeType: 'application/pdf' } },
      ],
      [
        'PDF as a thumbnail',
        photo(good, { thumbnailBase64: PDF.toString('base64') }),
        { code: 'ATTACHMENT_TYPE_MISMATCH', field: 'thumbnailBase64' },
      ],
      ['undecodable thumbnail', photo(good, { thumbnailBase64: '%%%%' }), { code: 'ATTACHMENT_NOT_DECODABLE', field: 'thumbnailBase64' }],
      [
        'thumbnail of a document',
        photo(PDF, { kind: 'document', tag: 'other', mimeType: 'application/pdf', thumbnailBase64: good.toString('base64') }),
        { code: 'INVALID_INPUT', field: 'thumbnailBase64' },
      ],
    ];
    for (const [what, input, expected] of refusals) {
      expect(await clerk.refusal('renovations.attach', input), what).toMatchObject(expected);
    }
    const after = await clerk.call('renovations.get', { id: kase.id });
    expect(after.attachments).toEqual([]);
    expect(after.version).toBe(kase.version);
    expect(storedFiles()).toEqual([]);
  });

  it('refuses a file over 10 MB, and any request over its size limit', async () => {
    const big = Buffer.alloc(MAX_ATTACHMENT_BYTES + 1);
    big.set([0xff, 0xd8, 0xff]);
    const bigBase64 = big.toString('base64');
    const tooLarge = await clerk.refusal('renovations.attach', photo(big, { contentBase64: bigBase64 }));
    expect(tooLarge).toMatchObject({ code: 'ATTACHMENT_TOO_LARGE', field: 'contentBase64', params: { max: 10 } });
    expect(tooLarge.message).toContain('10 MB');

    // Over the attach request's own 16 MB limit: refused before the input is even read.
    const overLimit = { ...photo(big, { contentBase64: bigBase64 }), note: bigBase64.slice(0, 3_000_000) };
    expect(await clerk.refusal('renovations.attach', overLimit)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    // Other requests keep the ordinary 1 MB limit.
    const attached = await clerk.call('renovations.attach', photo(jpeg('small')));
    const withdraw = { id: attached.case.attachments[0]!.id, reason: 'x'.repeat(1_000_001) };
    expect(await clerk.refusal('renovations.withdrawAttachment', withdraw)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(storedFiles()).toEqual([sha(jpeg('small'))]);
  });

  it('withdraws a wrong upload once, keeping the row and its file', async () => {
    const bytes = jpeg('wrong house');
    const attached = (await clerk.call('renovations.attach', photo(bytes))).case;
    const id = attached.attachments[0]!.id;
    const withdrawn = await clerk.call('renovations.withdrawAttachment', { id, reason: '拍错了户' });
    expect(withdrawn.case.version).toBe(attached.version + 1);
    expect(withdrawn.case.attachments).toEqual([
      expect.objectContaining({ id, fileState: 'ok', withdrawnAt: office.clock.now().toISOString(), withdrawnReason: '拍错了户' }),
    ]);
    expect(existsSync(storedFile(sha(bytes)))).toBe(true);

    expect(await clerk.refusal('renovations.withdrawAttachment', { id, reason: '再撤一次' })).toMatchObject({
      code: 'ATTACHMENT_WITHDRAWN',
      field: 'id',
    });
    const trail = await office.admin.call('audit.list', { entity: 'renovation-case', entityId: kase.id });
    expect(trail.rows.filter((r) => r.action === 'withdraw-attachment')).toHaveLength(1);
    expect((await clerk.call('renovations.get', { id: kase.id })).attachments[0]).toMatchObject({ withdrawnReason: '拍错了户' });
  });

  it('lets a viewer look but not attach or withdraw', async () => {
    const viewer = await office.clientWithRole('viewer');
    expect(await viewer.refusal('renovations.attach', photo(jpeg('viewer')))).toMatchObject({ code: 'FORBIDDEN' });
    const attached = await clerk.call('renovations.attach', photo(jpeg('clerk')));
    const id = attached.case.attachments[0]!.id;
    expect(await viewer.refusal('renovations.withdrawAttachment', { id, reason: '不要了' })).toMatchObject({ code: 'FORBIDDEN' });
    expect((await viewer.call('renovations.attachmentContent', { id })).fileState).toBe('ok');
    expect(storedFiles()).toEqual([sha(jpeg('clerk'))]);
  });
});
