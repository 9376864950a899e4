import { getDivision, isWithin, type Division } from '../../db/divisions';
import { AppError } from '../contract/errors';

/** Where a record is: its town/street and village codes, and the input fields that hold them (refusals name these). */
export interface PlaceInput {
  townCode: string | null;
  villageCode: string | null;
  fields: { town: string; village: string };
  /** Without a town the record is refused (TOWN_REQUIRED); otherwise a missing town is allowed (but no village then). */
  townRequired: boolean;
}

/**
 * The one rule for a register's town and village: the town is a town or street of the office's
 * county (not the county itself, nor a village), and the village, if any, lies in it. Returns the
 * town, or null when none was given and none is required.
 */
export function checkTownAndVillage(county: string, place: PlaceInput): Division | null {
  const { townCode, villageCode, fields } = place;
  if (!townCode) {
    if (place.townRequired) throw new AppError('TOWN_REQUIRED', fields.town);
    if (villageCode) throw new AppError('VILLAGE_NOT_IN_TOWN', fields.village);
    return null;
  }
  const town = getDivision(townCode);
  if (!town) throw new AppError('DIVISION_UNKNOWN', fields.town, { code: townCode });
  if (!isWithin(townCode, county)) throw new AppError('DIVISION_OUTSIDE_OFFICE', fields.town, { code: townCode });
  // The county itself or one of its villages: the town still has to be chosen.
  if (town.level !== 'town') throw new AppError('TOWN_REQUIRED', fields.town);
  if (villageCode) {
    const village = getDivision(villageCode);
    if (!village) throw new AppError('DIVISION_UNKNOWN', fields.village, { code: villageCode });
    if (village.level !== 'village' || village.parent !== townCode) throw new AppError('VILLAGE_NOT_IN_TOWN', fields.village);
  }
  return town;
}

/** A division's short name (腰古镇, 水东村民委员会) as lists show it; '' when none or unknown. */
export function divisionName(code: string | null): string {
  return code ? (getDivision(code)?.name ?? '') : '';
}
