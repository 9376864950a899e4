import { z } from 'zod';
import type { RegisterColumn } from '../../bundles/content';
import { request, type LedgerError } from '../define';
import { divisionCode } from '../fields';
import type { BundlePurpose, ContentCount, Period } from './bundles';
import type { JobStatus } from './jobs';
import { confirmedFingerprint, keyFileContent, type Fingerprint } from './keys';
import { periodLabel } from './bundles';

export type CountyKeyState = 'active' | 'rotated' | 'revoked';

export interface CountyKeyRow {
  id: string;
  countyCode: string;
  countyName: string;
  office: string;
  fingerprint: Fingerprint;
  state: CountyKeyState;
  enrolledAt: string;
  enrolledBy: string | null;
  retiredAt: string | null;
  revokedAt: string | null;
  revokeReason: string | null;
}

/** One county of the city: its keys and where its bundle sequence stands. */
export interface CountyStatus {
  countyCode: string;
  countyName: string;
  activeKey: CountyKeyRow | null;
  keys: CountyKeyRow[];
  lastSequence: number | null;
  lastImportedAt: string | null;
  bundles: number;
}

export type ImportOutcomeKind = 'accepted' | 'duplicate' | 'rejected';

/** One file of an import, as the summary lists it. */
export interface ImportOutcome {
  fileName: string;
  outcome: ImportOutcomeKind;
  /** A damaged copy (truncated, corrupt) rather than a refused one: copy it again. */
  damaged: boolean;
  countyCode: string | null;
  countyName: string | null;
  periodLabel: string | null;
  sequence: number | null;
  purpose: BundlePurpose | null;
  /** Accepted with a gap: these earlier sequences never arrived. */
  missingSequences: number[];
  records: number;
  error: LedgerError | null;
}

export interface ImportedBundle {
  id: string;
  countyCode: string;
  countyName: string;
  sequence: number;
  period: Period;
  purpose: BundlePurpose;
  ofSequence: number | null;
  reason: string | null;
  createdAt: string;
  createdBy: string;
  fileName: string;
  fileSize: number;
  fileSha256: string;
  statementHash: string;
  missingSequences: number[];
  importedAt: string;
  importedBy: string | null;
  /** The period's figures come from this bundle (the latest accepted for the county and period). */
  current: boolean;
  counts: ContentCount[];
}

/** Which bundle a county's figures came from. */
export interface CitySource {
  bundleId: string;
  sequence: number;
  fileName: string;
  importedAt: string;
  purpose: BundlePurpose;
}

export interface CityRow<T> {
  countyCode: string;
  countyName: string;
  /** Null when no bundle for the period has arrived from the county. */
  source: CitySource | null;
  cells: T | null;
}

export interface CityTable<T> {
  period: string;
  rows: CityRow<T>[];
  /** 合计 over the counties that sent the period. */
  total: T;
  countiesReporting: number;
}

export interface ProgressCells {
  tasks: number;
  built: number;
  ratePerMille: number | null;
  bedsInstalled: number;
  homeVisits: number;
}

export interface CoverageCells {
  streetsTotal: number;
  streetsCovered: number;
  streetsRatePerMille: number | null;
  townsTotal: number;
  townsCovered: number;
  townsRatePerMille: number | null;
}

export interface ResidentsCells {
  institutions: number;
  totalBeds: number;
  residents: number;
  onLeave: number;
  ratePerMille: number | null;
  tekunElderly: number;
  children: number;
}

export interface RenovationCells {
  target: number | null;
  cases: number;
  open: number;
  applied: number;
  assessed: number;
  worksStarted: number;
  accepted: number;
  paid: number;
  closed: number;
  subsidyPaidFen: number;
}

export interface CityRecordsPage {
  columns: RegisterColumn[];
  registers: ContentCount[];
  rows: { id: string; data: Record<string, unknown> }[];
  total: number;
}

const bundleId = z.uuid();
const period = z.strictObject({ period: periodLabel });
/** The largest bundle accepted through the screen, as base64; bigger ones go through `city import` in the CLI. */
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

export const cityRequests = {
  'cityKeys.list': request<CountyStatus[]>()({ access: 'viewer', input: z.strictObject({}) }),
  'cityKeys.enroll': request<CountyKeyRow>()({
    access: 'admin',
    input: z.strictObject({ content: keyFileContent, confirmedFingerprint }),
  }),
  /** Imports a county's rotation statement (signed by its old and new key). */
  'cityKeys.rotate': request<CountyKeyRow>()({ access: 'admin', input: z.strictObject({ content: keyFileContent }) }),
  /** Effective immediately: bundles signed with the key after now are refused. */
  'cityKeys.revoke': request<CountyKeyRow>()({
    access: 'admin',
    input: z.strictObject({ keyId: z.uuid(), reason: z.string().trim().min(1).max(500) }),
  }),
  /** One file per request (the screen sends a folder's files one by one); the job verifies, then imports. */
  'cityBundles.import': request<JobStatus<ImportOutcome>>()({
    access: 'clerk',
    maxBytes: Math.ceil((MAX_UPLOAD_BYTES * 4) / 3) + 1024,
    input: z.strictObject({
      fileName: z.string().min(1).max(200),
      contentBase64: z.string().max(Math.ceil((MAX_UPLOAD_BYTES * 4) / 3) + 4),
    }),
  }),
  'cityBundles.list': request<ImportedBundle[]>()({
    access: 'viewer',
    input: z.strictObject({ countyCode: divisionCode.nullish(), period: periodLabel.nullish() }),
  }),
  /** Periods for which at least one county's bundle was accepted, newest first. */
  'cityTables.periods': request<{ period: Period; counties: number }[]>()({ access: 'viewer', input: z.strictObject({}) }),
  'cityTables.progress': request<CityTable<ProgressCells>>()({ access: 'viewer', input: period }),
  'cityTables.coverage': request<CityTable<CoverageCells>>()({ access: 'viewer', input: period }),
  'cityTables.residents': request<CityTable<ResidentsCells>>()({ access: 'viewer', input: period }),
  'cityTables.renovations': request<CityTable<RenovationCells>>()({ access: 'viewer', input: period }),
  /** Drill-down: a register of the snapshot one bundle brought. */
  'cityRecords.list': request<CityRecordsPage>()({
    access: 'viewer',
    input: z.strictObject({
      bundleId,
      register: z.string().regex(/^[a-z][a-z_]{0,40}$/),
      query: z.string().max(50).nullish(),
      offset: z.number().int().min(0).max(10_000_000).nullish(),
      limit: z.number().int().min(1).max(200).nullish(),
    }),
  }),
};
