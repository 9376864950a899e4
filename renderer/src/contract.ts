/**
 * Everything the renderer takes from the contract, in one place. Only types, pure validators and
 * the message tables: nothing here pulls zod (or anything of the main side) into the bundle.
 */
export type {
  AuditPage,
  AuditRow,
  BedRate,
  Completeness,
  Coverage,
  CoverageGroup,
  Dashboard,
  DemoSummary,
  DivisionItem,
  FamilyBed,
  Input,
  LedgerBridge,
  LedgerError,
  LifecycleStep,
  LoginResult,
  Me,
  MonthSheet,
  OfficeInfo,
  Output,
  Person,
  PersonPage,
  PersonRow,
  PersonSaved,
  ProgressRow,
  RequestName,
  Result,
  Role,
  ServiceType,
  SessionUser,
  SetupStatus,
  StaffMember,
  StatRow,
  Station,
  StationKind,
  StationPage,
  StationRow,
  SubsidyLine,
  SubsidyStatement,
  YearTarget,
} from '../../main/contract';
export { roleAtLeast } from '../../main/contract/define';
export { translateError } from '../../main/contract/errors';
export { fieldLabel, type Locale } from '../../main/contract/messages';
export { maySeeIdNumbers } from '../../main/contract/roles';
export { creditCodeCheckCharacter, parseCreditCode, type CreditCodeResult } from '../../main/contract/validators/credit-code';
export { isRealDate, localDate, pastDateProblem } from '../../main/contract/validators/dates';
export { maskIdNumber, parseIdNumber, type IdNumberResult } from '../../main/contract/validators/id-number';
export { normalisePhone } from '../../main/contract/validators/phone';

export {
  BED_DEVICES,
  LIFECYCLE_STEPS,
  OPERATING_MODES,
  PARTNER_TYPES,
  SERVICE_TYPES,
  STATION_KINDS,
  type BedDevice,
  type OperatingMode,
  type PartnerType,
} from '../../main/contract/areas/station-enums';
