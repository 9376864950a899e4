import { z } from 'zod';
import { request } from '../define';

export interface DemoSummary {
  people: number;
  stations: number;
  beds: number;
  statMonths: number;
  institutions: number;
  residents: number;
  renovationCases: number;
}

export const demoRequests = {
  /** Fills an empty county database with clearly fictitious demo records (see docs/demo-data.md). */
  'demo.fill': request<DemoSummary>()({ access: 'admin', input: z.strictObject({}) }),
};
