import { auditRequests } from './areas/audit';
import { bundleRequests } from './areas/bundles';
import { cityRequests } from './areas/city';
import { exportRequests } from './areas/exports';
import { importRequests } from './areas/imports';
import { backupRequests } from './areas/backups';
import { jobRequests } from './areas/jobs';
import { keyRequests } from './areas/keys';
import { demoRequests } from './areas/demo';
import { familyBedRequests } from './areas/family-beds';
import { renovationRequests } from './areas/renovations';
import { residentRequests } from './areas/residents';
import { welfareHomeRequests } from './areas/welfare-homes';
import { serviceStatRequests } from './areas/service-stats';
import { stationReportRequests } from './areas/station-reports';
import { stationRequests } from './areas/stations';
import { authRequests } from './areas/auth';
import { divisionRequests } from './areas/divisions';
import { peopleRequests } from './areas/people';
import { setupRequests } from './areas/setup';
import { staffRequests } from './areas/staff';
import type { InputOf, OutputOf, ParsedInputOf } from './define';

/** The whole contract: one declaration per request, grouped by area. */
export const CONTRACT = {
  ...setupRequests,
  ...divisionRequests,
  ...authRequests,
  ...staffRequests,
  ...peopleRequests,
  ...auditRequests,
  ...stationRequests,
  ...serviceStatRequests,
  ...familyBedRequests,
  ...stationReportRequests,
  ...welfareHomeRequests,
  ...residentRequests,
  ...renovationRequests,
  ...demoRequests,
  ...jobRequests,
  ...keyRequests,
  ...bundleRequests,
  ...cityRequests,
  ...exportRequests,
  ...importRequests,
  ...backupRequests,
};

export type Contract = typeof CONTRACT;
export type RequestName = keyof Contract;
export type Input<K extends RequestName> = InputOf<Contract[K]>;
/** The input as handlers receive it: validated, trimmed, normalised. */
export type Parsed<K extends RequestName> = ParsedInputOf<Contract[K]>;
export type Output<K extends RequestName> = OutputOf<Contract[K]>;

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.hasOwn(CONTRACT, name);
}

export type * from './areas/audit';
export type * from './areas/bundles';
export type * from './areas/city';
export type * from './areas/exports';
export type * from './areas/imports';
export type * from './areas/backups';
export type * from './areas/jobs';
export type * from './areas/keys';
export type * from './areas/demo';
export type * from './areas/family-beds';
export type * from './areas/renovations';
export type * from './areas/residents';
export type * from './areas/welfare-homes';
export type * from './areas/service-stats';
export type * from './areas/station-reports';
export type * from './areas/stations';
export type * from './areas/auth';
export type * from './areas/divisions';
export type * from './areas/people';
export type * from './areas/setup';
export type * from './areas/staff';
export type { LedgerBridge, LedgerError, Result, Role } from './define';
