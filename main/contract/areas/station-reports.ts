import { z } from 'zod';
import { request } from '../define';
import type { LifecycleStep } from './stations';

const year = z.number().int().min(2000).max(2100);

export interface YearTarget {
  year: number;
  stations: number;
  familyBeds: number;
  homeVisits: number;
  updatedAt: string;
}

/** The county's row of the city's table (the 2021 bulletin's 进展情况表). */
export interface ProgressRow {
  year: number;
  /** 建设任务: stations whose task year is this year. */
  tasks: number;
  /** 已建成: of those, completed (or later) by the year's end. */
  built: number;
  /** 完成率 in per mille (1000 = 100 %); null when there are no tasks. */
  ratePerMille: number | null;
  /** 家床安装户数: family beds installed in the year. */
  bedsInstalled: number;
  /** 开展上门服务人次: home visits in the year. */
  homeVisits: number;
  target: YearTarget | null;
}

export interface CoverageGroup {
  total: number;
  covered: number;
  /** Per mille; null when the county has none (云安区 has no streets). */
  ratePerMille: number | null;
  uncovered: { code: string; name: string }[];
}

export interface Coverage {
  /** Goal: at least 600 ‰ of streets and of towns have a comprehensive centre (operating or accepted). */
  goalPerMille: number;
  streets: CoverageGroup;
  towns: CoverageGroup;
}

export interface Dashboard {
  progress: ProgressRow;
  coverage: Coverage;
  monthly: { month: string; home: number; onSite: number; meals: number }[];
  funnel: { state: LifecycleStep; count: number }[];
}

export const stationReportRequests = {
  'targets.list': request<YearTarget[]>()({ access: 'viewer', input: z.strictObject({}) }),
  'targets.set': request<YearTarget>()({
    access: 'admin',
    input: z.strictObject({
      year,
      stations: z.number().int().min(0).max(100_000),
      familyBeds: z.number().int().min(0).max(1_000_000),
      homeVisits: z.number().int().min(0).max(100_000_000),
    }),
  }),
  'reports.progress': request<ProgressRow>()({ access: 'viewer', input: z.strictObject({ year }) }),
  'reports.coverage': request<Coverage>()({ access: 'viewer', input: z.strictObject({}) }),
  'reports.dashboard': request<Dashboard>()({ access: 'viewer', input: z.strictObject({ year }) }),
};
