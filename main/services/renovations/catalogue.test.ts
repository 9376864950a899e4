import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { createTestOffice, type TestOffice } from '../../../tests/support/office';
import { advance, createCase } from '../../../tests/support/renovations';
import type { Input, RenovationItem } from '../../contract';
import { capFor } from './plan';

let office: TestOffice;

beforeEach(async () => {
  office = await createTestOffice();
});
afterEach(() => {
  office.close();
});

type ItemInput = Input<'renovationItems.create'>['item'];

function item(name: string, extra: Partial<ItemInput> = {}): ItemInput {
  return { name, category: 'supplies', subsidised: true, unit: '个', referencePriceFen: 35_000, active: true, ...extra };
}

function asInput(i: RenovationItem, extra: Partial<ItemInput> = {}): ItemInput {
  return { name: i.name, category: i.category, subsidised: i.subsidised, unit: i.unit, referencePriceFen: i.referencePriceFen, active: i.active, ...extra };
}

describe('item catalogue', () => {
  it('lists the national list by category, then code: 28 items, the 7 basic ones subsidised', async () => {
    const items = await office.admin.call('renovationItems.list', {});
    expect(items).toHaveLength(28);
    expect(items.slice(0, 5).map((i) => `${i.code} ${i.name}`)).toEqual(['N01 地面防滑处理', 'N02 高差处理', 'N03 平整硬化', 'N04 安装扶手', 'N05 门槛移除']);
    expect(items.filter((i) => i.basic).map((i) => i.name)).toEqual(['地面防滑处理', '高差处理', '床边护栏（抓杆）', '如厕洗浴扶手', '淋浴椅', '手杖', '防走失装置']);
    expect(items.every((i) => i.subsidised === i.basic && !i.local && i.active)).toBe(true);
  });

  it('adds local items numbered L01, L02 … in creation order, listed within their category by code', async () => {
    const call = await office.admin.call('renovationItems.create', { item: item('紧急呼叫装置') });
    expect(call).toMatchObject({ code: 'L01', name: '紧急呼叫装置', local: true, basic: false, subsidised: true, referencePriceFen: 35_000, version: 1 });
    const mat = await office.admin.call('renovationItems.create', { item: item('防滑地垫', { category: 'floor', subsidised: false, referencePriceFen: null }) });
    expect(mat).toMatchObject({ code: 'L02', subsidised: false, referencePriceFen: null });

    const items = await office.admin.call('renovationItems.list', {});
    const codes = items.map((i) => i.code);
    // 地面 first: L02 before N01; 老年用品配置 last: L01 between 物理环境's N21 and N22.
    expect(codes.slice(0, 3)).toEqual(['L02', 'N01', 'N02']);
    expect(codes.slice(codes.indexOf('N21'), codes.indexOf('N21') + 3)).toEqual(['N21', 'L01', 'N22']);

    const audit = await office.admin.call('audit.list', { entity: 'renovation-item', limit: 10 });
    expect(audit.rows.map((r) => [r.action, r.summary])).toEqual([
      ['create', 'L02 防滑地垫'],
      ['create', 'L01 紧急呼叫装置'],
    ]);
  });

  it('refuses a name already in the catalogue, on create and on update, naming the field', async () => {
    const taken = await office.admin.refusal('renovationItems.create', { item: item('手杖') });
    expect(taken).toMatchObject({ code: 'ITEM_NAME_TAKEN', field: 'item.name', params: { name: '手杖' } });
    expect(taken.message).toBe('项目名称：已有名为“手杖”的项目。');
    const local = await office.admin.call('renovationItems.create', { item: item('紧急呼叫装置') });
    expect(await office.admin.refusal('renovationItems.update', { id: local.id, version: 1, item: item('淋浴椅') })).toMatchObject({ code: 'ITEM_NAME_TAKEN' });
    // Keeping its own name is no conflict.
    expect(await office.admin.call('renovationItems.update', { id: local.id, version: 1, item: item('紧急呼叫装置', { unit: '套' }) })).toMatchObject({ unit: '套', version: 2 });
  });

  it('keeps a national basic item subsidised and its code; optional national items may be subsidised locally', async () => {
    const items = await office.admin.call('renovationItems.list', {});
    const stick = items.find((i) => i.name === '手杖')!;
    const refusal = await office.admin.refusal('renovationItems.update', { id: stick.id, version: stick.version, item: asInput(stick, { subsidised: false }) });
    expect(refusal).toMatchObject({ code: 'BASIC_ITEM_SUBSIDISED', field: 'item.subsidised' });
    expect(refusal.message).toBe('补助：国家基础项目必须列入补助。');

    const updated = await office.admin.call('renovationItems.update', { id: stick.id, version: stick.version, item: asInput(stick, { referencePriceFen: 4_500 }) });
    expect(updated).toMatchObject({ code: 'N22', basic: true, subsidised: true, referencePriceFen: 4_500, version: 2 });

    const chair = items.find((i) => i.code === 'N23')!;
    expect(await office.admin.call('renovationItems.update', { id: chair.id, version: 1, item: asInput(chair, { subsidised: true }) })).toMatchObject({
      code: 'N23',
      basic: false,
      subsidised: true,
    });
  });

  it('deactivates items instead of deleting them: hidden from the list unless asked for', async () => {
    const items = await office.admin.call('renovationItems.list', {});
    const doorbell = items.find((i) => i.code === 'N09')!;
    const off = await office.admin.call('renovationItems.update', { id: doorbell.id, version: 1, item: asInput(doorbell, { active: false }) });
    expect(off.active).toBe(false);
    expect((await office.admin.call('renovationItems.list', {})).map((i) => i.code)).not.toContain('N09');
    const all = await office.admin.call('renovationItems.list', { includeInactive: true });
    expect(all).toHaveLength(28);
    expect(all.find((i) => i.code === 'N09')).toMatchObject({ active: false, version: 2 });
  });

  it('refuses a stale save naming who changed the item, an unknown item, and non-admins', async () => {
    const [first] = await office.admin.call('renovationItems.list', {});
    await office.admin.call('renovationItems.update', { id: first!.id, version: 1, item: asInput(first!, { unit: '平方米' }) });
    const stale = await office.admin.refusal('renovationItems.update', { id: first!.id, version: 1, item: asInput(first!, { unit: '米' }) });
    expect(stale).toMatchObject({ code: 'VERSION_CONFLICT', params: { by: '李管理' } });
    expect((await office.admin.call('renovationItems.list', {}))[0]!.unit).toBe('平方米');
    expect(await office.admin.refusal('renovationItems.update', { id: '01934000-0000-7000-8000-000000000000', version: 1, item: item('x') })).toMatchObject({
      code: 'NOT_FOUND',
    });
    const clerk = await office.clientWithRole('clerk');
    expect((await clerk.refusal('renovationItems.create', { item: item('紧急呼叫装置') })).code).toBe('FORBIDDEN');
    expect((await clerk.refusal('renovationItems.update', { id: first!.id, version: 2, item: asInput(first!) })).code).toBe('FORBIDDEN');
    expect(await clerk.call('renovationItems.list', {})).toHaveLength(28);
  });
});

describe('per-household caps', () => {
  it('adds one cap per starting year (admin only), lists them newest first with who entered them', async () => {
    const first = await office.admin.call('renovationCaps.create', { fromYear: 2024, capFen: 300_000, note: '粤民发〔2024〕号' });
    expect(first).toMatchObject({ fromYear: 2024, capFen: 300_000, note: '粤民发〔2024〕号', createdByName: '李管理' });
    await office.admin.call('renovationCaps.create', { fromYear: 2026, capFen: 350_000, note: null });
    const list = await office.admin.call('renovationCaps.list', {});
    expect(list.map((c) => [c.fromYear, c.capFen])).toEqual([
      [2026, 350_000],
      [2024, 300_000],
    ]);
    expect(list[1]).toEqual(first);

    const again = await office.admin.refusal('renovationCaps.create', { fromYear: 2026, capFen: 400_000, note: null });
    expect(again).toMatchObject({ code: 'CAP_EXISTS', field: 'fromYear', params: { year: 2026 } });
    expect(again.message).toBe('起始年度：2026 年起已有一条补助上限。');
    expect((await office.admin.refusal('renovationCaps.create', { fromYear: 2027, capFen: 1.5, note: null })).code).toBe('NOT_INTEGER');
    const clerk = await office.clientWithRole('clerk');
    expect((await clerk.refusal('renovationCaps.create', { fromYear: 2027, capFen: 300_000, note: null })).code).toBe('FORBIDDEN');
    expect(await office.admin.call('renovationCaps.list', {})).toHaveLength(2);
    const audit = await office.admin.call('audit.list', { entity: 'renovation-cap', limit: 10 });
    expect(audit.rows.map((r) => r.summary)).toEqual(['2026', '2024']);
  });

  it('applies to a plan year the cap with the latest starting year not after it', async () => {
    await office.admin.call('renovationCaps.create', { fromYear: 2026, capFen: 350_000, note: null });
    await office.admin.call('renovationCaps.create', { fromYear: 2024, capFen: 300_000, note: null });
    const opened = openDatabase(office.dbPath);
    try {
      expect(await capFor(opened.db, 2023)).toBeNull();
      expect(await capFor(opened.db, 2024)).toBe(300_000);
      expect(await capFor(opened.db, 2025)).toBe(300_000);
      expect(await capFor(opened.db, 2026)).toBe(350_000);
      expect(await capFor(opened.db, 2030)).toBe(350_000);
    } finally {
      opened.close();
    }
  });

  it('refuses a cap that would change plans already signed under the cap in force; a later year is fine', async () => {
    await office.admin.call('renovationCaps.create', { fromYear: 2024, capFen: 300_000, note: null });
    await office.admin.call('renovationCaps.create', { fromYear: 2028, capFen: 400_000, note: null });
    const kase = await createCase(office, { planYear: 2026 });
    await advance(office, kase.id, 'plan_signed');
    // A case applied for but not signed does not stand in the way.
    await createCase(office, { names: ['钱阿公'], planYear: 2027 });

    for (const fromYear of [2025, 2026]) {
      const refusal = await office.admin.refusal('renovationCaps.create', { fromYear, capFen: 350_000, note: null });
      expect(refusal).toMatchObject({ code: 'CAP_PLANS_SIGNED', field: 'fromYear', params: { year: fromYear, count: 1 } });
    }
    expect((await office.admin.refusal('renovationCaps.create', { fromYear: 2026, capFen: 1, note: null })).message).toBe(
      '起始年度：2026 年起已有 1 户按现行上限签订了改造方案，新的上限只能从以后的年度起执行。',
    );
    expect(await office.admin.call('renovationCaps.create', { fromYear: 2027, capFen: 350_000, note: null })).toMatchObject({ fromYear: 2027 });
    expect((await office.admin.call('renovations.get', { id: kase.id })).plan.summary.capFen).toBe(300_000);
  });
});
