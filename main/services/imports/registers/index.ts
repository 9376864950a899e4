import type { ImportRegisterName } from '../../../contract/areas/imports';
import type { ImportRegister } from '../types';
import { familyBedsRegister } from './family-beds';
import { institutionsRegister } from './institutions';
import { peopleRegister } from './people';
import { renovationCasesRegister } from './renovation-cases';
import { residentsRegister } from './residents';
import { stationMonthStatsRegister } from './station-month-stats';
import { stationsRegister } from './stations';

/** Every importable register, in the order the import page lists them. */
export const IMPORT_REGISTER_DEFS: Record<ImportRegisterName, ImportRegister> = {
  people: peopleRegister,
  stations: stationsRegister,
  station_month_stats: stationMonthStatsRegister,
  family_beds: familyBedsRegister,
  institutions: institutionsRegister,
  residents: residentsRegister,
  renovation_cases: renovationCasesRegister,
};
