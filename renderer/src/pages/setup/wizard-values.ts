import type { SetupStatus } from '../../contract';

export interface WizardValues {
  mode: 'county' | 'city';
  provinceCode: string | null;
  provinceName: string;
  cityCode: string | null;
  cityName: string;
  countyCode: string | null;
  countyName: string;
  officeName: string;
  /** Set once the clerk types the office name: it then no longer follows the division. */
  officeNameEdited: boolean;
  databasePath: string;
  displayName: string;
  username: string;
  password: string;
  passwordConfirm: string;
  /** 填入演示数据: filled after the first administrator logs in (county offices only). */
  demoData: boolean;
}

/** The contract's field paths of setup.create that the wizard shows. */
export const WIZARD_FIELDS = [
  'mode',
  'divisionCode',
  'officeName',
  'databasePath',
  'admin.displayName',
  'admin.username',
  'admin.password',
  'admin.passwordConfirm',
] as const;
export type WizardField = (typeof WIZARD_FIELDS)[number];

export function stepOfField(field: WizardField): number {
  if (field === 'mode') return 0;
  if (field === 'divisionCode') return 1;
  if (field === 'officeName' || field === 'databasePath') return 2;
  return 3;
}

/** Most installations are in 云浮 (广东省 44 → 云浮市 4453): pre-selected, still changeable. */
export function initialWizardValues(status: SetupStatus): WizardValues {
  return {
    mode: 'county',
    provinceCode: '44',
    provinceName: '广东省',
    cityCode: '4453',
    cityName: '云浮市',
    countyCode: null,
    countyName: '',
    officeName: '',
    officeNameEdited: false,
    databasePath: status.defaultDatabasePath,
    displayName: '',
    username: '',
    password: '',
    passwordConfirm: '',
    demoData: false,
  };
}

/** City-level slots that group counties rather than name a place (北京 1101 市辖区 …). */
const PLACEHOLDER_NAMES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

/** 云城区 → 云城区民政局; 云浮市 → 云浮市民政局; 北京 市辖区 → 北京市民政局. */
export function officeNameFor(v: WizardValues): string {
  const place = v.mode === 'county' ? v.countyName : PLACEHOLDER_NAMES.has(v.cityName) ? v.provinceName : v.cityName;
  return place ? `${place}民政局` : '';
}
