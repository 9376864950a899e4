import type { ResidentSaved } from '../../contract/areas/residents';
import { CHILD_CATEGORIES, type ResidentCategory } from '../../contract/areas/welfare-enums';
import { AppError } from '../../contract/errors';
import { ageOn } from '../calendar';

export type Warning = ResidentSaved['warnings'][number];

interface Classification {
  category: ResidentCategory;
  schoolingExtension: boolean;
  ageException?: string | null;
}

/**
 * Age on the admission day against the category: children's categories need someone under 18 (or
 * still at school), 特困 elderly someone 60 or older. A stated exception turns the refusal into a
 * warning; an unknown birth date cannot be checked and says so.
 */
export function checkAgeForCategory(details: Classification, birthDate: string | null, admittedOn: string, field: string): Warning[] {
  const child = CHILD_CATEGORIES.includes(details.category);
  const elderly = details.category === 'tekun_elderly';
  if (!child && !elderly) return [];
  const age = ageOn(birthDate, admittedOn);
  if (age === null) return [{ code: 'AGE_UNKNOWN', field }];
  const mismatch = child ? age >= 18 && !details.schoolingExtension : age < 60;
  if (!mismatch) return [];
  if (details.ageException) return [{ code: 'AGE_EXCEPTION_NOTED', field, params: { reason: details.ageException } }];
  throw new AppError(child ? 'AGE_CHILD_CATEGORY' : 'AGE_ELDERLY_CATEGORY', field, { age });
}
