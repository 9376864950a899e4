/**
 * Everything the renderer takes from the contract, in one place. Only types, pure validators and
 * the message tables: nothing here pulls zod (or anything of the main side) into the bundle.
 */
export type {
  AuditPage,
  AuditRow,
  DivisionItem,
  Input,
  LedgerBridge,
  LedgerError,
  LoginResult,
  Me,
  OfficeInfo,
  Output,
  Person,
  PersonPage,
  PersonRow,
  PersonSaved,
  RequestName,
  Result,
  Role,
  SessionUser,
  SetupStatus,
  StaffMember,
} from '../../main/contract';
export { roleAtLeast } from '../../main/contract/define';
export { translateError } from '../../main/contract/errors';
export { fieldLabel, type Locale } from '../../main/contract/messages';
export { maySeeIdNumbers } from '../../main/contract/roles';
export { isRealDate, localDate, pastDateProblem } from '../../main/contract/validators/dates';
export { maskIdNumber, parseIdNumber, type IdNumberResult } from '../../main/contract/validators/id-number';
export { normalisePhone } from '../../main/contract/validators/phone';
