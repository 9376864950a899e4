import { z } from 'zod';
import type { BundleSummary } from '../../bundles/content';
import { request } from '../define';
import type { JobStatus } from './jobs';
import type { CityKeyInfo, SigningKeyInfo } from './keys';

export type PeriodKind = 'month' | 'quarter' | 'year';
export type BundlePurpose = 'regular' | 'reexport' | 'correction';

export interface Period {
  kind: PeriodKind;
  /** 2021, 2021-Q3 or 2021-07. */
  label: string;
  start: string;
  end: string;
}

/** How many records of each kind a bundle carries ('summary' = the period's report rows). */
export interface ContentCount {
  contents: string;
  records: number;
}

export interface BundlePreview {
  period: Period;
  nextSequence: number;
  counts: ContentCount[];
  summary: BundleSummary;
  /** Bundles already released for this period: a regular one makes the next one a correction. */
  alreadySent: { sequence: number; purpose: BundlePurpose; createdAt: string }[];
  signingKey: SigningKeyInfo | null;
  cityKey: CityKeyInfo | null;
}

export interface BundleExportRow {
  id: string;
  sequence: number;
  period: Period;
  purpose: BundlePurpose;
  /** A re-export's original sequence. */
  ofSequence: number | null;
  /** A correction's reason. */
  reason: string | null;
  createdAt: string;
  createdBy: string | null;
  fileName: string;
  /** Null when the sequence was recorded but the file was never written (power cut): re-export it. */
  fileSize: number | null;
  fileSha256: string | null;
  statementHash: string;
  /** The file is still in the office's bundles folder. */
  fileOnDisk: boolean;
  counts: ContentCount[];
}

/** 2021, 2021-Q1…Q4, 2021-01…12. */
export const periodLabel = z.string().refine((s) => /^(20\d\d)(-Q[1-4]|-(0[1-9]|1[0-2]))?$/.test(s), {
  params: { code: 'PERIOD_FORMAT' },
});

const reason = z.string().trim().min(1).max(500);

export const bundleRequests = {
  /** What the bundle for a period would carry: counts per register and the report rows. */
  'bundles.preview': request<BundlePreview>()({ access: 'clerk', input: z.strictObject({ period: periodLabel }) }),
  /**
   * Starts writing the period's bundle (a job). A period already sent needs `correction` with a
   * reason; the sequence is committed before the file is released.
   */
  'bundles.export': request<JobStatus<BundleExportRow>>()({
    access: 'clerk',
    input: z.strictObject({ period: periodLabel, correction: z.strictObject({ reason }).nullish() }),
  }),
  /** The same content again under a new sequence (a lost USB stick). */
  'bundles.reexport': request<JobStatus<BundleExportRow>>()({
    access: 'clerk',
    input: z.strictObject({ sequence: z.number().int().min(1).max(1_000_000_000) }),
  }),
  'bundles.history': request<BundleExportRow[]>()({ access: 'viewer', input: z.strictObject({}) }),
  /** The written file, to save on a USB stick (browser download / Electron save dialog). */
  'bundles.download': request<{ fileName: string; contentBase64: string }>()({
    access: 'clerk',
    input: z.strictObject({ sequence: z.number().int().min(1).max(1_000_000_000) }),
  }),
};
