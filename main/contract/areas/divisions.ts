import { z } from 'zod';
import { request } from '../define';
import { divisionCode } from '../fields';

export interface DivisionItem {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county' | 'town' | 'village';
  townKind?: 'street' | 'town' | 'other';
}

export const divisionRequests = {
  /** Children of a division (null → provinces). */
  'divisions.children': request<DivisionItem[]>()({
    access: 'public',
    input: z.strictObject({ code: z.string().regex(/^\d{2,12}$/).nullable() }),
  }),
  /** The chain province → … → the division itself ([] when unknown). */
  'divisions.ancestry': request<DivisionItem[]>()({
    access: 'public',
    input: z.strictObject({ code: divisionCode }),
  }),
};
