import { z } from 'zod';
import { request } from '../define';
import { pageLimit } from '../fields';

export interface AuditRow {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string;
  action: string;
  entity: string;
  entityId: string | null;
  summary: string;
  before: unknown;
  after: unknown;
}

export interface AuditPage {
  rows: AuditRow[];
  nextCursor: number | null;
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const auditRequests = {
  'audit.list': request<AuditPage>()({
    access: 'admin',
    input: z.strictObject({
      actorId: z.string().max(64).nullish(),
      entity: z.string().max(40).nullish(),
      entityId: z.string().max(64).nullish(),
      from: day.nullish(),
      to: day.nullish(),
      limit: pageLimit.default(100),
      beforeSeq: z.number().int().positive().nullish(),
    }),
  }),
};
