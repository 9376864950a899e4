import { z } from 'zod';
import { request } from '../define';
import { recordId } from '../fields';
import { SERVICE_TYPES, type ServiceType, type StationKind } from './stations';

export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const count = z.number().int().min(0).max(10_000_000);

/** 上门服务 and 站点服务 counted separately (人次). */
const serviceCounts = z.strictObject({ home: count, onSite: count });

export const statRowInput = z.strictObject({
  stationId: recordId,
  /** 助餐人次 / meals served. */
  meals: count,
  services: z.partialRecord(z.enum(SERVICE_TYPES), serviceCounts),
});

export interface StatRow {
  stationId: string;
  stationName: string;
  kind: StationKind;
  townName: string;
  /** Operating for at least one day of the month: only such stations may have figures. */
  operating: boolean;
  /** null when nothing was entered for this station and month yet. */
  meals: number | null;
  services: Partial<Record<ServiceType, { home: number; onSite: number }>>;
  reported: boolean;
}

export interface MonthSheet {
  month: string;
  submitted: { at: string; by: string } | null;
  rows: StatRow[];
  totals: { home: number; onSite: number; meals: number };
}

export interface Completeness {
  year: number;
  months: { month: string; operating: number; reported: number; missing: { stationId: string; name: string }[] }[];
  stations: { stationId: string; name: string; monthsOperating: number; monthsReported: number; rate: number }[];
}

export const serviceStatRequests = {
  /** The grid for one month: every station of the county, operating or not. */
  'stats.month': request<MonthSheet>()({ access: 'viewer', input: z.strictObject({ month }) }),
  /** Saves the given rows in one transaction; rows not given are left as they are. */
  'stats.save': request<MonthSheet>()({
    access: 'clerk',
    input: z.strictObject({ month, rows: z.array(statRowInput).max(5000) }),
  }),
  /** Marks the month submitted: then only an admin can reopen it. */
  'stats.submit': request<MonthSheet>()({ access: 'clerk', input: z.strictObject({ month }) }),
  'stats.reopen': request<MonthSheet>()({ access: 'admin', input: z.strictObject({ month }) }),
  'stats.completeness': request<Completeness>()({
    access: 'viewer',
    input: z.strictObject({ year: z.number().int().min(2000).max(2100) }),
  }),
};
