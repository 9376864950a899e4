import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants as zlibConstants, deflateRawSync } from 'node:zlib';
import { z } from 'zod';
import { canonicalJson, canonicalJsonBytes } from '../../main/bundles/canonical-json';
import { DOMAIN, generateCityIdentity, generateSigningKey, signBytes, toHex, type SigningDomain, type SigningKey } from '../../main/bundles/keys';
import type { ContentRules } from '../../main/bundles/open-bundle';
import { period, type BundleStatement } from '../../main/bundles/statement';
import type { TrustedKey } from '../../main/bundles/verify-bundle';
import { encodeBundle, type BundleFileInput, type EncodedBundle, type StatementDraft } from '../../main/bundles/write-bundle';
import {
  centralHeader,
  endOfCentralDirectory,
  localHeader,
  storedEntryFields,
  ZIP_SIGNATURE,
  type ZipEndFields,
  type ZipHeaderFields,
} from '../../main/bundles/zip-write';

/**
 * Builders for archives the reader must refuse: every header field can be overridden, in the
 * local header, the central directory, or both. Without overrides rawZip writes exactly what
 * zip-write.ts writes (a test checks it), so each hostile case differs from a valid bundle only
 * by the trick it tests.
 */
export interface RawEntry {
  name: string;
  data: Uint8Array;
  /** Overrides in both headers. */
  both?: Partial<ZipHeaderFields>;
  local?: Partial<ZipHeaderFields>;
  central?: Partial<ZipHeaderFields>;
}

export interface RawZipOptions {
  prefix?: Uint8Array;
  suffix?: Uint8Array;
  /** Bytes put between the last entry and the central directory. */
  beforeDirectory?: Uint8Array;
  end?: Partial<ZipEndFields>;
  /** Offsets of entries (and the directory) counted from the prefix's end instead of the file's start. */
  offsetsIgnorePrefix?: boolean;
  zip64Locator?: boolean;
}

export function rawZip(entries: readonly RawEntry[], options: RawZipOptions = {}): Buffer {
  const prefix = options.prefix ?? new Uint8Array(0);
  const base = options.offsetsIgnorePrefix ? 0 : prefix.length;
  const parts: Uint8Array[] = [prefix];
  const central: Buffer[] = [];
  let offset = prefix.length;
  for (const entry of entries) {
    const fields = { ...storedEntryFields(entry.name, entry.data, offset - prefix.length + base), ...entry.both };
    const local = localHeader({ ...fields, ...entry.local });
    central.push(centralHeader({ ...fields, ...entry.central }));
    parts.push(local, entry.data);
    offset += local.length + entry.data.length;
  }
  if (options.beforeDirectory) {
    parts.push(options.beforeDirectory);
    offset += options.beforeDirectory.length;
  }
  const directory = Buffer.concat(central);
  parts.push(directory);
  const directoryOffset = offset - prefix.length + base;
  if (options.zip64Locator) {
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(ZIP_SIGNATURE.zip64Locator, 0);
    locator.writeUInt32LE(1, 16);
    parts.push(locator);
  }
  parts.push(
    endOfCentralDirectory({
      disk: 0,
      centralDirectoryDisk: 0,
      entriesOnDisk: entries.length,
      entries: entries.length,
      centralDirectorySize: directory.length,
      centralDirectoryOffset: directoryOffset,
      comment: new Uint8Array(0),
      ...options.end,
    }),
  );
  if (options.suffix) parts.push(options.suffix);
  return Buffer.concat(parts);
}

/** The entries of a well-formed archive (ours), in order, for rebuilding it with a change. */
export function entriesOf(zip: Uint8Array): RawEntry[] {
  const b = Buffer.from(zip.buffer, zip.byteOffset, zip.length);
  const end = b.length - 22;
  const count = b.readUInt16LE(end + 10);
  let at = b.readUInt32LE(end + 16);
  const entries: RawEntry[] = [];
  for (let i = 0; i < count; i++) {
    const size = b.readUInt32LE(at + 20);
    const nameLength = b.readUInt16LE(at + 28);
    const name = b.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const local = b.readUInt32LE(at + 42);
    const dataStart = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    entries.push({ name, data: Buffer.from(b.subarray(dataStart, dataStart + size)) });
    at += 46 + nameLength + b.readUInt16LE(at + 30) + b.readUInt16LE(at + 32);
  }
  return entries;
}

/** A scratch folder removed by the returned function. */
export function scratchDir(): { dir: string; file(name: string, bytes: Uint8Array): string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'welfare-ledger-bundles-'));
  return {
    dir,
    file(name, bytes) {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

// ---------------------------------------------------------------------------------------------
// A valid bundle with real keys: the starting point of every hostile case.

export const COUNTY = { code: '445302', name: '云城区', office: '云城区民政局' } as const;
export const OTHER_COUNTY = { code: '445303', name: '云安区', office: '云安区民政局' } as const;
/** The 2021 bundle is made on 5 January 2022 and checked on 10 January. */
export const CREATED_AT = '2022-01-05T02:00:00.000Z';
export const NOW = new Date('2022-01-10T04:00:00.000Z');

export interface BundleWorld {
  county: SigningKey;
  otherCounty: SigningKey;
  /** A key no one enrolled. */
  stranger: SigningKey;
  city: { identity: string; recipient: string };
  otherCity: { identity: string; recipient: string };
  /** The city's enrolled keys: the county's and the other county's. */
  trusted: Map<string, TrustedKey>;
  trust(publicKeyHex: string): TrustedKey | null;
}

export async function makeWorld(): Promise<BundleWorld> {
  const county = generateSigningKey();
  const otherCounty = generateSigningKey();
  const trusted = new Map<string, TrustedKey>([
    [toHex(county.publicKey), { county: COUNTY.code, retiredAt: null, revokedAt: null }],
    [toHex(otherCounty.publicKey), { county: OTHER_COUNTY.code, retiredAt: null, revokedAt: null }],
  ]);
  return {
    county,
    otherCounty,
    stranger: generateSigningKey(),
    city: await generateCityIdentity(),
    otherCity: await generateCityIdentity(),
    trusted,
    trust: (hex) => trusted.get(hex) ?? null,
  };
}

/**
 * The format tests' own data-file rules: a small summary and a station register. They stay put
 * while content.ts (the real registers) grows, so these tests test the format, not the schemas.
 */
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const count = z.number().int().min(0);
const testSummary = z.strictObject({
  county: z.strictObject({ code: z.string(), name: z.string(), office: z.string() }),
  period: z.string(),
  asOf: date,
  progress: z.strictObject({ year: count, tasks: count, built: count, ratePerMille: count.nullable(), bedsInstalled: count, homeVisits: count }),
});
const testStation = z.strictObject({
  id: z.uuid(),
  name: z.string().min(1).max(100),
  kind: z.enum(['county_centre', 'street_centre', 'town_centre', 'village_station', 'canteen']),
  townCode: z.string().nullable(),
  villageCode: z.string().nullable(),
  taskYear: count.nullable(),
  state: z.string(),
  completedDate: date.nullable(),
  acceptedDate: date.nullable(),
  operatingDate: date.nullable(),
  operatorName: z.string().nullable(),
});
export type TestSummary = z.infer<typeof testSummary>;

export const TEST_CONTENT: ContentRules = {
  CONTENTS_HEADER: z.strictObject({ contents: z.string(), county: z.string(), period: z.string(), records: count }),
  recordSchemaFor: (contents) => (contents === 'summary' ? testSummary : contents === 'stations' ? testStation : null),
  recordDatesOf: (contents, record) => {
    const r = record as Record<string, string | null>;
    const dates = contents === 'summary' ? [r.asOf] : [r.completedDate, r.acceptedDate, r.operatingDate];
    return dates.filter((d): d is string => typeof d === 'string');
  },
};

export function summaryRecord(overrides: Partial<TestSummary> = {}): TestSummary {
  return {
    county: { ...COUNTY },
    period: '2021',
    asOf: '2021-12-31',
    progress: { year: 2021, tasks: 13, built: 13, ratePerMille: 1000, bedsInstalled: 75, homeVisits: 8534 },
    ...overrides,
  };
}

export function stationRecord(i: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: randomUUID(),
    name: `云城街道第${i + 1}居家养老服务站`,
    kind: 'village_station',
    townCode: '445302001',
    villageCode: null,
    taskYear: 2021,
    state: 'operating',
    completedDate: '2021-06-30',
    acceptedDate: '2021-07-15',
    operatingDate: '2021-08-01',
    operatorName: null,
    ...overrides,
  };
}

/** A data file's JSON Lines: the header, then one canonical record per line. */
export function jsonLines(contents: string, records: readonly unknown[], header: Record<string, unknown> = {}): Buffer {
  const head = { contents, county: COUNTY.code, period: '2021', records: records.length, ...header };
  return Buffer.from([head, ...records].map((r) => `${canonicalJson(r)}\n`).join(''), 'utf8');
}

export function draft(overrides: Partial<StatementDraft> = {}): StatementDraft {
  return {
    format: 'welfare-ledger/bundle/v1',
    county: { ...COUNTY },
    period: period('year', '2021'),
    sequence: 3,
    previous: 'ab'.repeat(32),
    createdAt: CREATED_AT,
    createdBy: '李四',
    purpose: { kind: 'regular' },
    app: { version: '0.1.0', schema: 5 },
    ...overrides,
  };
}

/** The summary and `stations` station records, for the period `label` (ending by 31 December 2021). */
export function dataFiles(stations = 3, label = '2021'): BundleFileInput[] {
  const records = Array.from({ length: stations }, (_, i) => stationRecord(i));
  return [
    { contents: 'summary', records: 1, plain: jsonLines('summary', [summaryRecord({ period: label })], { period: label }) },
    { contents: 'stations', records: stations, plain: jsonLines('stations', records, { period: label }) },
  ];
}

export interface BuiltBundle extends EncodedBundle {
  bytes: Buffer;
}

/** A bundle as writeBundle makes it (same encoding; in memory). */
export async function buildBundle(
  world: BundleWorld,
  o: { statement?: Partial<StatementDraft>; files?: BundleFileInput[]; signingKey?: SigningKey; recipient?: string } = {},
): Promise<BuiltBundle> {
  const encoded = await encodeBundle({
    statement: draft(o.statement),
    files: o.files ?? dataFiles(),
    signingKey: o.signingKey ?? world.county,
    recipient: o.recipient ?? world.city.recipient,
  });
  return { ...encoded, bytes: rawZip(encoded.entries.map((e) => ({ name: e.name, data: e.data }))) };
}

/** statement.sig for arbitrary statement bytes, under any domain (a wrong one for the hostile cases). */
export function signatureEntry(statementBytes: Uint8Array, key: SigningKey, domain: SigningDomain = DOMAIN.statement): Buffer {
  return Buffer.concat([key.publicKey, signBytes(domain, key.privateKeyPkcs8, statementBytes)]);
}

/**
 * The bundle with its statement replaced by `statementBytes` (or the statement after `change`,
 * canonically encoded but not validated) and signed again, as a malicious county would.
 */
export function restated(
  bundle: BuiltBundle,
  key: SigningKey,
  change: ((s: BundleStatement & Record<string, unknown>) => void) | Uint8Array,
  dataEntries: RawEntry[] = entriesOf(bundle.bytes).slice(2),
): Buffer {
  let statementBytes: Uint8Array;
  if (change instanceof Uint8Array) {
    statementBytes = change;
  } else {
    const statement = structuredClone(bundle.statement) as BundleStatement & Record<string, unknown>;
    change(statement);
    statementBytes = canonicalJsonBytes(statement);
  }
  return rawZip([{ name: 'statement.json', data: statementBytes }, { name: 'statement.sig', data: signatureEntry(statementBytes, key) }, ...dataEntries]);
}

/** Where entry `index`'s data starts in one of our archives (local headers follow each other). */
export function dataOffsetOf(zip: Uint8Array, index: number): number {
  const b = Buffer.from(zip.buffer, zip.byteOffset, zip.length);
  let at = 0;
  for (let i = 0; ; i++) {
    const start = at + 30 + b.readUInt16LE(at + 26) + b.readUInt16LE(at + 28);
    if (i === index) return start;
    at = start + b.readUInt32LE(at + 18);
  }
}

/** A copy with the byte at `offset` inverted. */
export function flipByte(bytes: Uint8Array, offset: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[offset] = copy[offset]! ^ 0xff;
  return copy;
}

/**
 * A raw deflate stream of `mebibytes` MiB of zeros, built without ever holding them: 1 MiB
 * segments (sync-flushed, so they concatenate) and a final empty block. About 1 KB per MiB.
 */
export function zeroBomb(mebibytes: number): Buffer {
  const segment = deflateRawSync(Buffer.alloc(1024 * 1024), { level: 9, finishFlush: zlibConstants.Z_SYNC_FLUSH });
  return Buffer.concat([...Array.from({ length: mebibytes }, () => segment), deflateRawSync(Buffer.alloc(0))]);
}
