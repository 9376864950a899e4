import { z } from 'zod';
import { request } from '../define';

/**
 * Every list and report table the user can take away as an Excel workbook: the export runs the
 * SAME request the page shows (same input, so the on-screen filters apply; same role check) and
 * lays its answer out as a sheet — a title row naming the office and period, typed cells
 * (numbers, dates, money in 元, rates as percentages), and the totals row where the table has one.
 */
export const EXPORTABLE_REQUESTS = [
  // report tables
  'reports.progress',
  'reports.coverage',
  'stats.month',
  'stats.completeness',
  'subsidy.statements',
  'allowance.roster',
  'residents.overview',
  'renovations.progress',
  'cityTables.progress',
  'cityTables.coverage',
  'cityTables.residents',
  'cityTables.renovations',
  // lists (every page of them, with the page's filters)
  'people.list',
  'stations.list',
  'beds.list',
  'institutions.list',
  'residents.list',
  'renovations.list',
  'cityRecords.list',
] as const;
export type ExportableRequest = (typeof EXPORTABLE_REQUESTS)[number];

export interface ExportedWorkbook {
  /** e.g. 云城区民政局-2021年居家养老服务站点进展情况.xlsx */
  fileName: string;
  contentBase64: string;
  /** Data rows written (without title, header and totals rows). */
  rows: number;
}

export const exportRequests = {
  'exports.xlsx': request<ExportedWorkbook>()({
    access: 'viewer',
    input: z.strictObject({
      request: z.enum(EXPORTABLE_REQUESTS),
      /** The input of `request`, exactly as the page sends it (checked against that request's schema). */
      input: z.unknown(),
      /** The language of titles and headers. */
      locale: z.enum(['zh-CN', 'en']).nullish(),
    }),
  }),
};
