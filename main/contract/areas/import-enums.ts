/**
 * The import area's fixed lists and limits, in a module without zod so the renderer can import
 * the values without pulling the schemas into its bundle.
 */

export const IMPORT_REGISTERS = [
  'people',
  'stations',
  'station_month_stats',
  'family_beds',
  'institutions',
  'residents',
  'renovation_cases',
] as const;
export type ImportRegisterName = (typeof IMPORT_REGISTERS)[number];

/** Problems a report lists (the error rows workbook keeps every row in error). */
export const MAX_REPORTED_ISSUES = 5000;
/** The largest spreadsheet accepted (base64 in the request); bigger files go through the CLI. */
export const MAX_IMPORT_BYTES = 60 * 1024 * 1024;
