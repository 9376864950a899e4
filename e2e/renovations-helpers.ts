import { deflateSync } from 'node:zlib';
import type { Input, Output, RenovationCase } from '../main/contract';
import type { HouseholdCategory, WorkflowStep } from '../main/contract/areas/renovation-enums';
import { idFor } from '../tests/support/id-numbers';
import type { Office } from './welfare-homes-helpers';

/**
 * Arranging renovation data through the contract (as the administrator): people, caps, plans, cases
 * walked through their steps, and small real image files for uploads. Shared by the renovation specs.
 */

export const YAOGU = '445302102';
export const SILAO = '445302103';

/** The national catalogue's item id by its stable code (N01 地面防滑处理 …). */
export async function itemId(office: Office, code: string): Promise<string> {
  const item = (await office.call('renovationItems.list', { includeInactive: true })).find((i) => i.code === code);
  if (!item) throw new Error(`no catalogue item ${code}`);
  return item.id;
}

/** Registers elderly people (born in the 1940s) with valid ID numbers; `seq` keeps the numbers apart between calls. */
export async function arrangePeople(office: Office, names: string[], seq = 1): Promise<Output<'people.create'>['person'][]> {
  const people = [];
  for (const [i, name] of names.entries()) {
    const birth = `194${(seq + i) % 10}-0${1 + ((seq + i) % 9)}-1${(seq + i) % 10}`;
    people.push((await office.call('people.create', { person: { name, idNumber: idFor(birth, 100 + ((seq * 7 + i) % 800)) } })).person);
  }
  return people;
}

export async function setCap(office: Office, fromYear: number, capFen: number) {
  return office.call('renovationCaps.create', { fromYear, capFen, note: null });
}

export interface CaseArrangement {
  /** New people by name (registered here), or `personIds` of people already registered. */
  names?: string[];
  personIds?: string[];
  townCode?: string;
  planYear: number;
  appliedOn: string;
  category?: HouseholdCategory;
  duplicateReason?: string | null;
  /** Keeps the ID numbers of people registered here apart from other calls. */
  seq?: number;
}

/** Opens a case (its 'applied' step received by 李管理) and returns it. */
export async function arrangeCase(office: Office, a: CaseArrangement): Promise<RenovationCase> {
  const personIds = a.personIds ?? (await arrangePeople(office, a.names ?? ['未命名'], a.seq ?? 1)).map((p) => p.id);
  const saved = await office.call('renovations.create', {
    application: {
      household: {
        personIds,
        category: a.category ?? 'tekun_dispersed',
        conditions: ['advanced_age'],
        townCode: a.townCode ?? YAOGU,
        planYear: a.planYear,
        duplicateReason: a.duplicateReason ?? null,
      },
      appliedOn: a.appliedOn,
      responsible: '李管理',
    },
  });
  return saved.case;
}

/**
 * Dates of a case's steps: the application's (for arrangeCase; walkCase records the others), then
 * those to record; payment with its amount in 分.
 */
export type CaseWalk = { applied: string } & Partial<Record<Exclude<WorkflowStep, 'paid' | 'applied'>, string>> & {
  paid?: [string, number];
  acceptance_failed?: string;
  rejected?: string;
  withdrawn?: string;
};

const ORDER = [
  'town_reviewed',
  'county_reviewed',
  'publicised',
  'assessed',
  'plan_signed',
  'works_started',
  'works_completed',
  'acceptance_failed',
  'accepted',
  'paid',
  'satisfaction',
  'rejected',
  'withdrawn',
] as const;

/**
 * Records the given steps in workflow order. Before signing, a plan of one basic item worth the cap
 * (or 3 000 元) is saved when the case has none; before acceptance, an "after" photo is attached to
 * each subsidised line. A failed acceptance sends the case back to works, and works are completed again.
 */
export async function walkCase(office: Office, id: string, steps: Omit<CaseWalk, 'applied'> & { applied?: string }): Promise<RenovationCase> {
  let kase = await office.call('renovations.get', { id });
  const record = async (step: Input<'renovations.step'>['step']) => {
    kase = (await office.call('renovations.step', { id, version: kase.version, step })).case;
  };
  for (const kind of ORDER) {
    const value = steps[kind];
    if (value === undefined) continue;
    const base = { responsible: '陈经办' };
    switch (kind) {
      case 'assessed':
        await record({ step: 'assessed', date: value as string, ...base, abilityLevel: 'partial', needs: '卫生间加装扶手，地面防滑' });
        break;
      case 'plan_signed':
        if (kase.plan.lines.length === 0) {
          const priceFen = kase.plan.summary.capFen ?? 300_000;
          kase = (
            await office.call('renovations.savePlan', {
              id,
              version: kase.version,
              lines: [{ itemId: await itemId(office, 'N01'), quantity: 1, unitPriceFen: priceFen, subsidised: true }],
            })
          ).case;
        }
        await record({ step: 'plan_signed', date: value as string, ...base });
        break;
      case 'acceptance_failed':
        await record({ step: 'acceptance', date: value as string, ...base, acceptingBody: '县民政局', passed: false, remarks: '扶手松动，需重新固定' });
        await record({ step: 'works_completed', date: value as string, ...base });
        break;
      case 'accepted':
        for (const line of kase.plan.lines.filter((l) => l.subsidised && l.afterPhotos === 0)) {
          kase = (await attachPhoto(office, id, 'after', line.id)).case;
        }
        await record({ step: 'acceptance', date: value as string, ...base, acceptingBody: '县民政局', passed: true });
        break;
      case 'paid': {
        const [date, amountFen] = value as [string, number];
        await record({ step: 'paid', date, ...base, amountFen, voucherNumber: `PZ-${date.replaceAll('-', '')}` });
        break;
      }
      case 'satisfaction':
        await record({ step: 'satisfaction', date: value as string, ...base, score: 5 });
        break;
      case 'rejected':
      case 'withdrawn':
        await record({ step: kind, date: value as string, ...base, reason: kind === 'rejected' ? '不符合条件' : '申请人自愿撤回' });
        break;
      default:
        await record({ step: kind, date: value as string, ...base });
    }
  }
  return kase;
}

/** Attaches a small PNG as a photo of the case (optionally of a plan line); photos of one colour share one stored file. */
export async function attachPhoto(
  office: Office,
  caseId: string,
  tag: 'before' | 'during' | 'after',
  planLineId: string | null = null,
  colour: [number, number, number] = [120, 160, 200],
) {
  return office.call('renovations.attach', {
    caseId,
    kind: 'photo',
    tag,
    planLineId,
    fileName: `${tag}.png`,
    mimeType: 'image/png',
    contentBase64: pngFixture(64, 48, colour).toString('base64'),
  });
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A real, decodable PNG (RGB, a diagonal two-colour pattern so thumbnails show something), built
 * here so tests need no binary fixture files.
 */
export function pngFixture(width: number, height: number, rgb: [number, number, number], other: [number, number, number] = [250, 250, 250]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3); // filter byte 0 + pixels
    for (let x = 0; x < width; x++) {
      const [r, g, b] = (x + y) % 24 < 12 ? rgb : other;
      row[1 + x * 3] = r;
      row[2 + x * 3] = g;
      row[3 + x * 3] = b;
    }
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
