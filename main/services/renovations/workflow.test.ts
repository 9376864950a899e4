import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Input } from '../../contract';
import type { RenovationCase } from '../../contract/areas/renovations';
import { ADMIN, createTestOffice, type TestOffice } from '../../../tests/support/office';
import { advance, attachAfterPhotos, createCase, ensureCap, tinyJpegBase64 } from '../../../tests/support/renovations';
import { localDate } from '../../contract/validators/dates';
import { addDays } from '../calendar';
import { storedPath } from './file-store';

type Step = Input<'renovations.step'>['step'];

let office: TestOffice;
beforeEach(async () => {
  office = await createTestOffice();
});
afterEach(() => office.close());

const base = { responsible: '王经办', note: null };

function step(c: RenovationCase, s: Step) {
  return office.admin.call('renovations.step', { id: c.id, version: c.version, step: s });
}
function refusal(c: RenovationCase, s: Step) {
  return office.admin.refusal('renovations.step', { id: c.id, version: c.version, step: s });
}
async function reload(c: RenovationCase) {
  return office.admin.call('renovations.get', { id: c.id });
}

describe('renovation workflow', () => {
  it('walks a case from application to satisfaction, one dated step and one audit entry each', async () => {
    const created = await createCase(office);
    const done = await advance(office, created.id, 'satisfaction');
    expect(done.state).toBe('satisfaction');
    expect(done.steps.map((s) => s.step)).toEqual([
      'applied',
      'town_reviewed',
      'county_reviewed',
      'publicised',
      'assessed',
      'plan_signed',
      'works_started',
      'works_completed',
      'accepted',
      'paid',
      'satisfaction',
    ]);
    expect(done.nextSteps).toEqual([]);
    expect(done.plan.editable).toBe(false);
    const paid = done.steps.find((s) => s.step === 'paid')!;
    expect(paid).toMatchObject({ amountFen: 100_000, voucherNumber: `PZ-${done.caseNumber}`, createdByName: '李管理' });
    const assessed = done.steps.find((s) => s.step === 'assessed')!;
    expect(assessed).toMatchObject({ abilityLevel: 'partial', needs: '卫生间无扶手，地面湿滑' });
    const actions = done.history.filter((h) => h.entity === 'renovation-case').map((h) => h.action);
    for (const kind of ['create', 'town_reviewed', 'plan_signed', 'accepted', 'paid', 'satisfaction']) expect(actions).toContain(kind);
  });

  it('refuses a step out of order and changes nothing', async () => {
    const c = await createCase(office);
    const error = await refusal(c, { step: 'publicised', date: '2026-03-05', ...base });
    expect(error).toMatchObject({ code: 'STEP_NOT_ALLOWED', field: 'step.step', params: { state: 'applied', step: 'publicised' } });
    expect(error.message).toContain('申请');
    expect(error.message).toContain('公示');
    expect(await refusal(c, { step: 'acceptance', date: '2026-03-05', ...base, acceptingBody: '镇政府', passed: true, remarks: null })).toMatchObject({
      code: 'STEP_NOT_ALLOWED',
    });
    expect(await refusal(c, { step: 'satisfaction', date: '2026-03-05', ...base, score: 5, remarks: null })).toMatchObject({ code: 'STEP_NOT_ALLOWED' });
    const after = await reload(c);
    expect(after.version).toBe(c.version);
    expect(after.steps).toHaveLength(1);
  });

  it('refuses a date before the latest step or in the future, and accepts the same day', async () => {
    const c = await createCase(office, { appliedOn: '2026-03-02' });
    expect(await refusal(c, { step: 'town_reviewed', date: '2026-03-01', ...base })).toMatchObject({
      code: 'EVENT_BEFORE_PREVIOUS',
      field: 'step.date',
      params: { date: '2026-03-02' },
    });
    // The schema's own check: no date after today.
    expect(await refusal(c, { step: 'town_reviewed', date: addDays(localDate(), 1), ...base })).toMatchObject({ field: 'step.date' });
    const saved = await step(c, { step: 'town_reviewed', date: '2026-03-02', ...base });
    expect(saved.case).toMatchObject({ state: 'town_reviewed', stateDate: '2026-03-02', version: c.version + 1 });
  });

  it('sends a failed acceptance back to works; completed again, then accepted', async () => {
    let c = await advance(office, (await createCase(office)).id, 'works_completed', { dates: { works_completed: '2026-06-01' } });
    c = (await step(c, { step: 'acceptance', date: '2026-06-03', ...base, acceptingBody: '腰古镇人民政府', passed: false, remarks: '扶手松动，需重新固定' })).case;
    expect(c.state).toBe('works_started');
    expect(c.stateDate).toBe('2026-06-03');
    expect(c.steps.at(-1)).toMatchObject({ step: 'acceptance_failed', acceptingBody: '腰古镇人民政府', reason: '扶手松动，需重新固定' });
    expect(c.nextSteps).toEqual(['works_completed', 'rejected', 'withdrawn']);
    expect(await refusal(c, { step: 'acceptance', date: '2026-06-04', ...base, acceptingBody: '镇政府', passed: true, remarks: null })).toMatchObject({
      code: 'STEP_NOT_ALLOWED',
      params: { state: 'works_started', step: 'acceptance' },
    });
    c = (await step(c, { step: 'works_completed', date: '2026-06-10', ...base })).case;
    c = await attachAfterPhotos(office.admin, c);
    c = (await step(c, { step: 'acceptance', date: '2026-06-12', ...base, acceptingBody: '腰古镇人民政府', passed: true, remarks: '整改到位' })).case;
    expect(c.state).toBe('accepted');
    expect(c.nextSteps).toEqual(['paid', 'rejected', 'withdrawn']);
  });

  it('ends a case as withdrawn or rejected before payment, after which only a correction is possible', async () => {
    let c = await advance(office, (await createCase(office)).id, 'assessed');
    c = (await step(c, { step: 'withdrawn', date: '2026-11-01', ...base, reason: '本人不愿改造' })).case;
    expect(c).toMatchObject({ state: 'withdrawn', nextSteps: [] });
    expect(c.steps.at(-1)).toMatchObject({ step: 'withdrawn', reason: '本人不愿改造' });
    expect(await refusal(c, { step: 'plan_signed', date: '2026-11-02', ...base })).toMatchObject({
      code: 'STEP_NOT_ALLOWED',
      params: { state: 'withdrawn', step: 'plan_signed' },
    });
    expect(await refusal(c, { step: 'rejected', date: '2026-11-02', ...base, reason: '重复' })).toMatchObject({ code: 'STEP_NOT_ALLOWED' });
    expect(c.correctable?.step).toBe('withdrawn');

    let r = await createCase(office, { names: ['陈阿伯'] });
    r = (await step(r, { step: 'rejected', date: '2026-03-05', ...base, reason: '不符合条件' })).case;
    expect(r.state).toBe('rejected');
  });

  it('refuses rejecting or withdrawing a case once the subsidy is paid', async () => {
    const c = await advance(office, (await createCase(office)).id, 'paid');
    for (const end of ['rejected', 'withdrawn'] as const) {
      expect(await refusal(c, { step: end, date: '2026-11-20', ...base, reason: '搞错了' })).toMatchObject({
        code: 'STEP_NOT_ALLOWED',
        params: { state: 'paid', step: end },
      });
    }
  });

  it('needs plan lines and a cap for the plan year before the plan is signed', async () => {
    let c = await advance(office, (await createCase(office, { planYear: 2026 })).id, 'assessed');
    expect(await refusal(c, { step: 'plan_signed', date: '2026-11-01', ...base })).toMatchObject({ code: 'PLAN_EMPTY', field: 'step.step' });
    const items = await office.admin.call('renovationItems.list', {});
    const rail = items.find((i) => i.code === 'N10')!;
    c = (
      await office.admin.call('renovations.savePlan', {
        id: c.id,
        version: c.version,
        lines: [{ itemId: rail.id, quantity: 1, unitPriceFen: 30_000, subsidised: true, note: null }],
      })
    ).case;
    expect(await refusal(c, { step: 'plan_signed', date: '2026-11-01', ...base })).toMatchObject({
      code: 'PLAN_NO_CAP',
      field: 'step.step',
      params: { year: 2026 },
    });
    // A cap from a later year does not apply to this plan year.
    await office.admin.call('renovationCaps.create', { fromYear: 2027, capFen: 300_000, note: null });
    expect(await refusal(c, { step: 'plan_signed', date: '2026-11-01', ...base })).toMatchObject({ code: 'PLAN_NO_CAP' });
    await ensureCap(office.admin, 2025);
    c = (await step(c, { step: 'plan_signed', date: '2026-11-01', ...base })).case;
    expect(c.state).toBe('plan_signed');
    expect(c.plan.editable).toBe(false);
  });

  it('needs an intact "after" photo of every subsidised line for a passed acceptance', async () => {
    const items = await office.admin.call('renovationItems.list', {});
    const byCode = (code: string) => items.find((i) => i.code === code)!;
    const lines = [
      { itemId: byCode('N01').id, quantity: 2, unitPriceFen: 50_000, subsidised: true, note: null },
      { itemId: byCode('N12').id, quantity: 2, unitPriceFen: 25_000, subsidised: true, note: null },
      { itemId: byCode('N05').id, quantity: 1, unitPriceFen: 20_000, subsidised: false, note: null },
    ];
    let c = await advance(office, (await createCase(office)).id, 'works_completed', { lines });
    const accept = { step: 'acceptance' as const, date: '2026-11-20', ...base, acceptingBody: '腰古镇人民政府', passed: true, remarks: null };
    const none = await refusal(c, accept);
    expect(none).toMatchObject({ code: 'ACCEPTANCE_NEEDS_PHOTOS', field: 'step.passed', params: { items: '地面防滑处理、如厕洗浴扶手' } });

    const [floor, grabBars] = c.plan.lines;
    const photo = (line: { id: string }, label: string, tag: 'after' | 'before' = 'after') =>
      office.admin.call('renovations.attach', {
        caseId: c.id,
        kind: 'photo',
        tag,
        planLineId: line.id,
        fileName: `${label}.jpg`,
        mimeType: 'image/jpeg',
        contentBase64: tinyJpegBase64(label),
        note: null,
      });
    await photo(floor!, 'floor-after');
    await photo(grabBars!, 'bars-before', 'before');
    c = await reload(c);
    expect(await refusal(c, accept)).toMatchObject({ code: 'ACCEPTANCE_NEEDS_PHOTOS', params: { items: '如厕洗浴扶手' } });

    c = (await photo(grabBars!, 'bars-after')).case;
    // A photo whose stored file was altered proves nothing.
    const altered = c.attachments.find((a) => a.fileName === 'bars-after.jpg')!;
    const path = storedPath(join(office.dir, 'office-files'), altered.sha256);
    writeFileSync(path, Buffer.from(tinyJpegBase64('something else'), 'base64'));
    expect(await refusal(c, accept)).toMatchObject({ code: 'ACCEPTANCE_NEEDS_PHOTOS', params: { items: '如厕洗浴扶手' } });
    writeFileSync(path, Buffer.from(tinyJpegBase64('bars-after'), 'base64'));

    c = (await step(c, accept)).case;
    expect(c.state).toBe('accepted');
  });

  it('a failed acceptance needs no photos', async () => {
    const c = await advance(office, (await createCase(office)).id, 'works_completed');
    const saved = await step(c, { step: 'acceptance', date: '2026-11-20', ...base, acceptingBody: '镇政府', passed: false, remarks: '未完工' });
    expect(saved.case.state).toBe('works_started');
  });

  it('refuses paying more than the plan subsidy, shown in 元', async () => {
    const c = await advance(office, (await createCase(office)).id, 'accepted');
    expect(c.plan.summary.subsidyFen).toBe(100_000);
    const paid = { step: 'paid' as const, date: '2026-11-20', ...base, voucherNumber: 'PZ-1' };
    const error = await refusal(c, { ...paid, amountFen: 100_001 });
    expect(error).toMatchObject({ code: 'PAID_OVER_SUBSIDY', field: 'step.amountFen', params: { subsidy: '1000.00' } });
    expect(error.message).toContain('1000.00 元');
    const saved = await step(c, { ...paid, amountFen: 100_000 });
    expect(saved.case.state).toBe('paid');
  });

  it('refuses a step based on an old version, naming who changed the case', async () => {
    const c = await createCase(office);
    await step(c, { step: 'town_reviewed', date: '2026-03-05', ...base });
    const error = await refusal(c, { step: 'town_reviewed', date: '2026-03-06', ...base });
    expect(error).toMatchObject({ code: 'VERSION_CONFLICT', params: { by: '李管理' } });
    const after = await reload(c);
    expect(after.steps.filter((s) => s.step === 'town_reviewed')).toHaveLength(1);
  });

  it('lets a viewer read a case but not record steps or corrections', async () => {
    const c = await advance(office, (await createCase(office)).id, 'town_reviewed');
    const viewer = await office.clientWithRole('viewer');
    expect((await viewer.call('renovations.get', { id: c.id })).state).toBe('town_reviewed');
    expect(await viewer.refusal('renovations.step', { id: c.id, version: c.version, step: { step: 'county_reviewed', date: '2026-11-01', ...base } })).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await viewer.refusal('renovations.correct', { id: c.id, version: c.version, stepId: c.correctable!.stepId, reason: '错' })).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await reload(c)).version).toBe(c.version);
  });
});

describe('corrections', () => {
  function correct(c: RenovationCase, stepId: string, reason = '录入错误') {
    return office.admin.call('renovations.correct', { id: c.id, version: c.version, stepId, reason });
  }
  function correctRefusal(c: RenovationCase, stepId: string) {
    return office.admin.refusal('renovations.correct', { id: c.id, version: c.version, stepId, reason: '录入错误' });
  }

  it('reverses only the latest effective step, and rebuilds the state from what stands', async () => {
    let c = await advance(office, (await createCase(office)).id, 'publicised', {
      dates: { town_reviewed: '2026-03-10', county_reviewed: '2026-03-20', publicised: '2026-04-01' },
    });
    const county = c.steps.find((s) => s.step === 'county_reviewed')!;
    expect(await correctRefusal(c, county.id)).toMatchObject({
      code: 'REVERSE_ONLY_LATEST',
      field: 'stepId',
      params: { kind: 'publicised', date: '2026-04-01' },
    });
    const publicised = c.steps.find((s) => s.step === 'publicised')!;
    expect(c.correctable).toEqual({ stepId: publicised.id, step: 'publicised', date: '2026-04-01' });
    office.clock.advanceMinutes(60 * 24);
    await office.admin.login(ADMIN.username, ADMIN.password); // the session locked overnight
    c = (await correct(c, publicised.id, '公示日期录错')).case;
    expect(c).toMatchObject({ state: 'county_reviewed', stateDate: '2026-03-20' });
    const correction = c.steps.at(-1)!;
    expect(correction).toMatchObject({ step: 'correction', correctsStepId: publicised.id, reason: '公示日期录错', date: '2026-11-23', responsible: '李管理' });
    expect(c.steps.find((s) => s.id === publicised.id)!.correctedByStepId).toBe(correction.id);
    expect(c.history[0]).toMatchObject({ action: 'correction', after: { corrects: { step: 'publicised', date: '2026-04-01' } } });
    // Now the county review is the latest, and the correct publicity can be recorded.
    expect(c.correctable?.stepId).toBe(county.id);
    c = (await office.admin.call('renovations.step', { id: c.id, version: c.version, step: { step: 'publicised', date: '2026-03-25', responsible: '王经办', note: null } }))
      .case;
    expect(c).toMatchObject({ state: 'publicised', stateDate: '2026-03-25' });
  });

  it('never reverses the application, a correction, or a step already reversed', async () => {
    let c = await createCase(office);
    const applied = c.steps[0]!;
    expect(c.correctable).toBeNull();
    expect(await correctRefusal(c, applied.id)).toMatchObject({ code: 'REVERSE_NOT_REVERSIBLE', field: 'stepId' });
    c = await advance(office, c.id, 'town_reviewed');
    const town = c.steps.at(-1)!;
    c = (await correct(c, town.id)).case;
    expect(c.state).toBe('applied');
    const correction = c.steps.at(-1)!;
    expect(await correctRefusal(c, correction.id)).toMatchObject({ code: 'REVERSE_NOT_REVERSIBLE' });
    expect(await correctRefusal(c, town.id)).toMatchObject({ code: 'REVERSE_NOT_REVERSIBLE' });
    expect(await correctRefusal(c, applied.id)).toMatchObject({ code: 'REVERSE_NOT_REVERSIBLE' });
    expect(await office.admin.refusal('renovations.correct', { id: c.id, version: c.version - 1, stepId: town.id, reason: 'x' })).toMatchObject({
      code: 'VERSION_CONFLICT',
    });
  });

  it('reopens a withdrawn case when the withdrawal is reversed', async () => {
    let c = await createCase(office);
    c = (await office.admin.call('renovations.step', { id: c.id, version: c.version, step: { step: 'withdrawn', date: '2026-03-05', ...base, reason: '外出' } }))
      .case;
    c = (await correct(c, c.correctable!.stepId)).case;
    expect(c).toMatchObject({ state: 'applied', nextSteps: ['town_reviewed', 'rejected', 'withdrawn'] });
  });

  it('makes the plan editable again when the signing is reversed', async () => {
    let c = await advance(office, (await createCase(office)).id, 'plan_signed');
    const lines = c.plan.lines.map((l) => ({ itemId: l.itemId, quantity: l.quantity, unitPriceFen: l.unitPriceFen, subsidised: l.subsidised, note: l.note }));
    expect(await office.admin.refusal('renovations.savePlan', { id: c.id, version: c.version, lines })).toMatchObject({ code: 'PLAN_LOCKED' });
    c = (await correct(c, c.correctable!.stepId, '方案需调整')).case;
    expect(c).toMatchObject({ state: 'assessed' });
    expect(c.plan.editable).toBe(true);
    const saved = await office.admin.call('renovations.savePlan', { id: c.id, version: c.version, lines: [{ ...lines[0]!, quantity: 3 }] });
    expect(saved.case.plan.lines).toHaveLength(1);
    expect(saved.case.plan.lines[0]!.quantity).toBe(3);
  });
});
