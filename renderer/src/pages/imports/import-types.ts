import { MAX_IMPORT_BYTES as MAX_IMPORT_BYTES_VALUE } from '../../contract';
import type { ImportRegisterName } from '../../contract';
import type { Route } from '../shell/router';

export type {
  ImportAction,
  ImportColumnInfo,
  ImportFileInfo,
  ImportIssue,
  ImportMapping,
  ImportRegisterInfo,
  ImportRegisterName,
  ImportReport,
  ImportRowPreview,
  ImportRunRow,
  ImportUndone,
} from '../../contract';
export const MAX_IMPORT_BYTES = MAX_IMPORT_BYTES_VALUE;

/** The page where each register's records are seen after an import. */
export const REGISTER_ROUTES: Record<ImportRegisterName, Route> = {
  people: 'people',
  stations: 'stations',
  station_month_stats: 'stats',
  family_beds: 'beds',
  institutions: 'institutions',
  residents: 'residents',
  renovation_cases: 'renovations',
};

/** The largest file the page sends, in MiB as the page says it. */
export const MAX_IMPORT_MB = MAX_IMPORT_BYTES_VALUE / (1024 * 1024);
