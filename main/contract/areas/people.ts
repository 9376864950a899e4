import { z } from 'zod';
import { request } from '../define';
import { divisionCode, idNumber, optionalText, pageLimit, pastDate, phone, recordId, requiredText, version } from '../fields';

export interface PersonRow {
  id: string;
  name: string;
  /** Full or masked (445302********123X), depending on the role. */
  idNumber: string | null;
  hasIdNumber: boolean;
  sex: 'M' | 'F' | null;
  birthDate: string | null;
  phone: string | null;
  hukouDivisionCode: string | null;
  hukouDivisionName: string;
  updatedAt: string;
}

export interface Person extends PersonRow {
  address: string | null;
  notes: string | null;
  idNumberMasked: boolean;
  version: number;
  createdAt: string;
  updatedByName: string | null;
}

export interface PersonPage {
  rows: PersonRow[];
  /** Pass back as `after` for the next page; null on the last page. */
  nextCursor: string | null;
  total: number;
}

export interface PersonSaved {
  person: Person;
  /** Accepted but worth a look: e.g. a division code unknown to the shipped list. */
  warnings: { code: string; field: string; params?: Record<string, string> }[];
}

export const personInput = z.strictObject({
  name: requiredText(50),
  idNumber: idNumber.nullish(),
  /** Only for people without an ID number; otherwise derived from it. */
  sex: z.enum(['M', 'F']).nullish(),
  birthDate: pastDate.nullish(),
  phone,
  hukouDivisionCode: divisionCode.nullish(),
  address: optionalText(200),
  notes: optionalText(1000),
});

export const peopleRequests = {
  'people.list': request<PersonPage>()({
    access: 'viewer',
    input: z.strictObject({
      query: z.string().trim().max(50).optional(),
      limit: pageLimit.default(50),
      after: z.string().max(300).nullish(),
    }),
  }),
  'people.get': request<Person>()({ access: 'viewer', input: z.strictObject({ id: recordId }) }),
  'people.create': request<PersonSaved>()({ access: 'clerk', input: z.strictObject({ person: personInput }) }),
  'people.update': request<PersonSaved>()({
    access: 'clerk',
    input: z.strictObject({ id: recordId, version, person: personInput }),
  }),
};
