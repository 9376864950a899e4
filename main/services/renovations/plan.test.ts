import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestOffice, type TestClient, type TestOffice } from '../../../tests/support/office';
import { advance, createCase, tinyJpegBase64 } from '../../../tests/support/renovations';
import type { Input, RenovationCase, RenovationItem } from '../../contract';
import { matchLines } from './plan';

type Line = Input<'renovations.savePlan'>['lines'][number];

let office: TestOffice;
let clerk: TestClient;
let items: RenovationItem[];
let kase: RenovationCase;

const byCode = (code: string) => items.find((i) => i.code === code)!;
function line(code: string, quantity: number, unitPriceFen: number, subsidised = byCode(code).subsidised, note: string | null = null): Line {
  return { itemId: byCode(code).id, quantity, unitPriceFen, subsidised, note };
}

beforeEach(async () => {
  office = await createTestOffice();
  clerk = await office.clientWithRole('clerk', 'clerk');
  items = await office.admin.call('renovationItems.list', {});
  kase = await createCase(office);
});
afterEach(() => {
  office.close();
});

async function save(lines: Line[], client = clerk) {
  const saved = await client.call('renovations.savePlan', { id: kase.id, version: kase.version, lines });
  kase = saved.case;
  return saved;
}

async function attachAfterPhoto(planLineId: string) {
  const saved = await clerk.call('renovations.attach', {
    caseId: kase.id,
    kind: 'photo',
    tag: 'after',
    planLineId,
    fileName: 'after.jpg',
    mimeType: 'image/jpeg',
    contentBase64: tinyJpegBase64(planLineId),
    note: null,
  });
  kase = saved.case;
  return saved.case.attachments[0]!;
}

describe('saving a plan (一户一策)', () => {
  it('replaces the lines in order, shows the money against the cap and bumps the case version, audited with item names', async () => {
    await office.admin.call('renovationCaps.create', { fromYear: 2025, capFen: 300_000, note: null });
    const { warnings } = await save([
      line('N12', 2, 80_000), // 如厕洗浴扶手 1 600.00, subsidised
      line('N01', 3, 60_000), // 地面防滑处理 1 800.00, subsidised
      line('N13', 1, 95_000), // 蹲便器改坐便器 950.00, household
    ]);
    expect(warnings).toEqual([]);
    expect(kase.version).toBe(2);
    expect(kase.plan.editable).toBe(true);
    expect(kase.plan.lines.map((l) => [l.position, l.itemName, l.unit, l.amountFen, l.subsidised, l.afterPhotos])).toEqual([
      [0, '如厕洗浴扶手', '个', 160_000, true, 0],
      [1, '地面防滑处理', '处', 180_000, true, 0],
      [2, '蹲便器改坐便器', '个', 95_000, false, 0],
    ]);
    // 3 400.00 subsidised against a 3 000.00 cap: 400.00 more for the household.
    expect(kase.plan.summary).toEqual({
      subsidisedLinesFen: 340_000,
      householdLinesFen: 95_000,
      capFen: 300_000,
      subsidyFen: 300_000,
      overCapFen: 40_000,
      householdFen: 135_000,
      totalFen: 435_000,
    });
    expect(kase.subsidyFen).toBe(300_000);

    await save([line('N13', 1, 90_000)]);
    expect(kase.plan.lines.map((l) => [l.position, l.itemName, l.unitPriceFen])).toEqual([[0, '蹲便器改坐便器', 90_000]]);
    expect(kase.plan.summary).toMatchObject({ subsidyFen: 0, householdFen: 90_000 });
    const plans = kase.history.filter((h) => h.action === 'plan');
    expect(plans).toHaveLength(2);
    expect(plans[0]).toMatchObject({
      entity: 'renovation-case',
      summary: kase.caseNumber,
      actorName: '测试clerk',
      after: { lines: [{ item: '蹲便器改坐便器', quantity: 1, unitPriceFen: 90_000, subsidised: false, note: null }] },
    });
    expect((plans[0]!.before as { lines: { item: string }[] }).lines.map((l) => l.item)).toEqual(['如厕洗浴扶手', '地面防滑处理', '蹲便器改坐便器']);
  });

  it('warns when the plan year has no cap yet (the plan cannot be signed then)', async () => {
    const { warnings } = await save([line('N22', 1, 4_500)]);
    expect(warnings).toEqual([{ code: 'PLAN_NO_CAP', field: 'lines', params: { year: 2026 } }]);
    expect(kase.plan.summary).toMatchObject({ capFen: null, subsidyFen: 4_500, overCapFen: 0 });
  });

  it('refuses unknown, inactive and household-only items as subsidised, naming the line, and changes nothing', async () => {
    await save([line('N01', 1, 10_000)]);
    const before = kase;
    const unknown = await clerk.refusal('renovations.savePlan', {
      id: kase.id,
      version: kase.version,
      lines: [line('N01', 1, 10_000), { ...line('N02', 1, 1), itemId: '01934000-0000-7000-8000-000000000000' }],
    });
    expect(unknown).toMatchObject({ code: 'NOT_FOUND', field: 'lines.1.itemId' });

    const notSubsidised = await clerk.refusal('renovations.savePlan', { id: kase.id, version: kase.version, lines: [line('N01', 1, 1), line('N13', 1, 95_000, true)] });
    expect(notSubsidised).toMatchObject({ code: 'ITEM_NOT_SUBSIDISED', field: 'lines.1.subsidised', params: { name: '蹲便器改坐便器' } });
    expect(notSubsidised.message).toBe('补助：“蹲便器改坐便器”不在补助范围内，只能由家庭自付。');

    const doorbell = byCode('N09');
    await office.admin.call('renovationItems.update', {
      id: doorbell.id,
      version: doorbell.version,
      item: { name: doorbell.name, category: doorbell.category, subsidised: false, unit: doorbell.unit, referencePriceFen: null, active: false },
    });
    const inactive = await clerk.refusal('renovations.savePlan', { id: kase.id, version: kase.version, lines: [line('N09', 1, 20_000)] });
    expect(inactive).toMatchObject({ code: 'ITEM_INACTIVE', field: 'lines.0.itemId', params: { name: '可视门铃安装' } });

    expect(await office.admin.call('renovations.get', { id: kase.id })).toMatchObject({ version: before.version, plan: before.plan });
  });

  it('lets a line keep an item deactivated after it was planned, but not add it again', async () => {
    await save([line('N09', 1, 20_000)]);
    const doorbell = byCode('N09');
    await office.admin.call('renovationItems.update', {
      id: doorbell.id,
      version: doorbell.version,
      item: { name: doorbell.name, category: doorbell.category, subsidised: false, unit: doorbell.unit, referencePriceFen: null, active: false },
    });
    await save([line('N09', 2, 20_000), line('N01', 1, 10_000)]);
    expect(kase.plan.lines.map((l) => [l.itemName, l.quantity])).toEqual([
      ['可视门铃安装', 2],
      ['地面防滑处理', 1],
    ]);
    expect((await clerk.refusal('renovations.savePlan', { id: kase.id, version: kase.version, lines: [...[line('N09', 2, 20_000), line('N01', 1, 10_000)], line('N09', 1, 1)] })).code).toBe(
      'ITEM_INACTIVE',
    );
  });

  it('refuses a stale save, an unknown case and a viewer', async () => {
    await save([line('N01', 1, 10_000)]);
    const stale = await clerk.refusal('renovations.savePlan', { id: kase.id, version: 1, lines: [] });
    expect(stale).toMatchObject({ code: 'VERSION_CONFLICT', params: { by: '测试clerk' } });
    expect(await clerk.refusal('renovations.savePlan', { id: '01934000-0000-7000-8000-000000000000', version: 1, lines: [] })).toMatchObject({
      code: 'NOT_FOUND',
      field: 'id',
    });
    const viewer = await office.clientWithRole('viewer');
    expect((await viewer.refusal('renovations.savePlan', { id: kase.id, version: kase.version, lines: [] })).code).toBe('FORBIDDEN');
    expect((await office.admin.call('renovations.get', { id: kase.id })).plan.lines).toHaveLength(1);
  });

  it('locks the plan once signed, and refuses changes to a withdrawn case', async () => {
    kase = await advance(office, kase.id, 'plan_signed');
    expect(kase.plan.editable).toBe(false);
    const locked = await clerk.refusal('renovations.savePlan', { id: kase.id, version: kase.version, lines: [line('N01', 1, 1)] });
    expect(locked.code).toBe('PLAN_LOCKED');
    expect(locked.message).toBe('改造方案已签订，不能再修改；如需修改，请先冲销“方案签订”。');
    // A stale save is told about the conflict first.
    expect((await clerk.refusal('renovations.savePlan', { id: kase.id, version: 1, lines: [] })).code).toBe('VERSION_CONFLICT');

    const other = await createCase(office, { names: ['赵阿公'] });
    const withdrawn = (
      await clerk.call('renovations.step', {
        id: other.id,
        version: other.version,
        step: { step: 'withdrawn', date: '2026-03-05', responsible: '李受理', note: null, reason: '家属自行改造' },
      })
    ).case;
    expect(withdrawn.plan.editable).toBe(false);
    const closed = await clerk.refusal('renovations.savePlan', { id: other.id, version: withdrawn.version, lines: [line('N01', 1, 1)] });
    expect(closed).toMatchObject({ code: 'PLAN_CASE_CLOSED', params: { state: 'withdrawn' } });
    expect(closed.message).toBe('案件已“撤回申请”，不能再修改改造方案。');
  });

  it('keeps the ids of lines that keep their item, so photos stay linked, and refuses to drop a line with live photos', async () => {
    await save([line('N12', 2, 30_000), line('N16', 1, 25_000), line('N13', 1, 95_000)]);
    const [rails, chair, toilet] = kase.plan.lines.map((l) => l.id);
    await attachAfterPhoto(chair!);
    expect(kase.plan.lines.map((l) => l.afterPhotos)).toEqual([0, 1, 0]);

    // The first line removed: the chair moves up and keeps its id (and its photo); the toilet line is edited in place.
    await save([line('N16', 1, 26_000), line('N13', 1, 99_000, false, '含安装')]);
    expect(kase.plan.lines.map((l) => [l.id, l.position, l.unitPriceFen, l.afterPhotos])).toEqual([
      [chair, 0, 26_000, 1],
      [toilet, 1, 99_000, 0],
    ]);
    expect(kase.attachments[0]!.planLineId).toBe(chair);
    expect(kase.plan.lines.map((l) => l.id)).not.toContain(rails);

    const refusal = await clerk.refusal('renovations.savePlan', { id: kase.id, version: kase.version, lines: [line('N13', 1, 99_000)] });
    expect(refusal).toMatchObject({ code: 'PLAN_LINE_HAS_PHOTOS', field: 'lines', params: { name: '淋浴椅' } });
    expect(refusal.message).toBe('改造方案：“淋浴椅”已有关联照片，不能从方案中删除；如确属误传，请先撤回照片。');

    // Once the photo is withdrawn the line may go; the withdrawn photo stays on the case, tied to no line.
    const photo = kase.attachments[0]!;
    kase = (await clerk.call('renovations.withdrawAttachment', { id: photo.id, reason: '拍错了户' })).case;
    await save([line('N13', 1, 99_000)]);
    expect(kase.plan.lines.map((l) => l.id)).toEqual([toilet]);
    expect(kase.attachments).toEqual([expect.objectContaining({ id: photo.id, planLineId: null, withdrawnReason: '拍错了户' })]);
  });
});

describe('matching incoming lines to stored ones', () => {
  const stored = [
    { id: 'a', position: 0, item_id: 'X' },
    { id: 'b', position: 1, item_id: 'Y' },
    { id: 'c', position: 2, item_id: 'X' },
  ];
  it('prefers the same item at the same position, then the same item elsewhere, each stored line once', () => {
    expect(matchLines(stored, [{ itemId: 'X' }, { itemId: 'Y' }, { itemId: 'X' }])).toEqual(['a', 'b', 'c']);
    expect(matchLines(stored, [{ itemId: 'Y' }, { itemId: 'X' }])).toEqual(['b', 'a']);
    expect(matchLines(stored, [{ itemId: 'Z' }, { itemId: 'X' }, { itemId: 'X' }, { itemId: 'X' }])).toEqual([null, 'a', 'c', null]);
    expect(matchLines([], [{ itemId: 'X' }])).toEqual([null]);
  });
});
