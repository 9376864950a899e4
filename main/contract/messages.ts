/** Every message the main side can send back, in both languages. {name} takes a param. */
export type Locale = 'zh-CN' | 'en';

export const MESSAGES = {
  INTERNAL: { 'zh-CN': '系统内部错误，操作未保存。', en: 'Internal error; nothing was saved.' },
  UNKNOWN_REQUEST: { 'zh-CN': '未知的请求。', en: 'Unknown request.' },
  UNTRUSTED_SENDER: { 'zh-CN': '请求来源不可信，已拒绝。', en: 'Request from an untrusted source was refused.' },
  PAYLOAD_TOO_LARGE: { 'zh-CN': '提交的数据过大。', en: 'The request is too large.' },
  INVALID_INPUT: { 'zh-CN': '格式不正确。', en: 'is not valid.' },
  REQUIRED: { 'zh-CN': '不能为空。', en: 'is required.' },
  WRONG_TYPE: { 'zh-CN': '类型不正确（应为{expected}）。', en: 'has the wrong type (expected {expected}).' },
  TOO_LONG: { 'zh-CN': '过长（最多 {max} 个字符）。', en: 'is too long (at most {max} characters).' },
  TOO_SHORT: { 'zh-CN': '过短（至少 {min} 个字符）。', en: 'is too short (at least {min} characters).' },
  TOO_LARGE: { 'zh-CN': '不能大于 {max}。', en: 'must be at most {max}.' },
  TOO_SMALL: { 'zh-CN': '不能小于 {min}。', en: 'must be at least {min}.' },
  NOT_INTEGER: { 'zh-CN': '必须是整数。', en: 'must be a whole number.' },
  UNKNOWN_FIELD: { 'zh-CN': '包含未知字段 {keys}。', en: 'has unknown field(s) {keys}.' },
  INVALID_CHOICE: { 'zh-CN': '不是可选的值。', en: 'is not one of the allowed values.' },
  NOT_LOGGED_IN: { 'zh-CN': '请先登录。', en: 'Please log in first.' },
  SESSION_EXPIRED: { 'zh-CN': '长时间未操作，已锁定，请重新登录。', en: 'Locked after inactivity; please log in again.' },
  FORBIDDEN: { 'zh-CN': '您的角色无权进行此操作。', en: 'Your role may not do this.' },
  NOT_SET_UP: { 'zh-CN': '尚未完成初始设置。', en: 'The office has not been set up yet.' },
  ALREADY_SET_UP: { 'zh-CN': '本机已完成初始设置。', en: 'This installation is already set up.' },
  DATABASE_PATH_EXISTS: { 'zh-CN': '该位置已有文件，请另选位置。', en: 'a file already exists there; choose another location.' },
  DATABASE_PATH_INVALID: { 'zh-CN': '必须是以 .sqlite 结尾的绝对路径。', en: 'must be an absolute path ending in .sqlite.' },
  SCHEMA_TOO_NEW: {
    'zh-CN': '数据库由更新版本的程序创建（版本 {found}，本程序支持 {supported}），请升级程序。',
    en: 'The database was made by a newer version of the app (schema {found}, this app supports {supported}); update the app.',
  },
  DATABASE_UNAVAILABLE: { 'zh-CN': '无法打开数据库：{reason}', en: 'The database cannot be opened: {reason}' },
  PASSWORD_TOO_SHORT: { 'zh-CN': '至少需要 8 个字符。', en: 'must have at least 8 characters.' },
  PASSWORD_MISMATCH: { 'zh-CN': '两次输入的密码不一致。', en: 'does not match the password.' },
  USERNAME_INVALID: {
    'zh-CN': '只能使用字母、数字、点、下划线和连字符（2–32 位）。',
    en: 'may contain only letters, digits, dot, underscore and hyphen (2–32).',
  },
  USERNAME_TAKEN: { 'zh-CN': '用户名“{username}”已被使用。', en: 'the username "{username}" is already taken.' },
  CANNOT_CHANGE_SELF: { 'zh-CN': '不能停用自己或更改自己的角色。', en: 'You cannot disable yourself or change your own role.' },
  WRONG_PASSWORD: { 'zh-CN': '密码不正确。', en: 'the password is wrong.' },
  ID_NUMBER_FORMAT: {
    'zh-CN': '应为 18 位（最后一位可为 X）或 15 位旧号码。',
    en: 'must have 18 characters (the last may be X) or be a 15-digit legacy number.',
  },
  ID_NUMBER_CHECK: {
    'zh-CN': '校验位不正确（按 GB 11643 应为 {expected}）。',
    en: 'has a wrong check character (GB 11643 expects {expected}).',
  },
  ID_NUMBER_BIRTH_DATE: { 'zh-CN': '其中的出生日期 {date} 不存在。', en: 'contains a birth date {date} that does not exist.' },
  ID_NUMBER_BIRTH_FUTURE: { 'zh-CN': '其中的出生日期 {date} 晚于今天。', en: 'contains a birth date {date} in the future.' },
  ID_NUMBER_DUPLICATE: {
    'zh-CN': '该身份证号已登记为“{name}”（{when} 登记），请勿重复录入。',
    en: 'this ID number is already registered for "{name}" (since {when}); do not enter people twice.',
  },
  PHONE_INVALID: {
    'zh-CN': '应为 11 位手机号或带区号的固定电话（如 0766-8881234）。',
    en: 'must be an 11-digit mobile number or a landline with area code (e.g. 0766-8881234).',
  },
  DATE_INVALID: { 'zh-CN': '不是有效日期（格式 YYYY-MM-DD）。', en: 'is not a valid date (YYYY-MM-DD).' },
  DATE_IN_FUTURE: { 'zh-CN': '不能晚于今天。', en: 'cannot be in the future.' },
  DATE_TOO_EARLY: { 'zh-CN': '不能早于 1900 年。', en: 'cannot be before 1900.' },
  SEX_MISMATCH: { 'zh-CN': '与身份证号不一致。', en: 'does not agree with the ID number.' },
  DIVISION_UNKNOWN: { 'zh-CN': '未知的行政区划代码 {code}。', en: 'unknown division code {code}.' },
  DIVISION_OUTSIDE_OFFICE: {
    'zh-CN': '{code} 不属于本机构所辖区域。',
    en: '{code} is outside the area of this office.',
  },
  DIVISION_NOT_COUNTY: { 'zh-CN': '县级民政局应选择一个县（市、区）。', en: 'a county office must choose a county.' },
  DIVISION_NOT_CITY: { 'zh-CN': '市民政局应选择一个地级市。', en: 'a city office must choose a prefecture-level city.' },
  NOT_FOUND: { 'zh-CN': '记录不存在或已被删除。', en: 'The record does not exist.' },
  VERSION_CONFLICT: {
    'zh-CN': '该记录已被 {by} 于 {at} 修改，请刷新后重新编辑。',
    en: 'This record was changed by {by} at {at}; reload it and edit again.',
  },
} as const;

/** Labels of input fields, by the last segment of the field path. */
const FIELD_LABELS: Record<string, { 'zh-CN': string; en: string }> = {
  name: { 'zh-CN': '姓名', en: 'Name' },
  idNumber: { 'zh-CN': '身份证号', en: 'ID number' },
  sex: { 'zh-CN': '性别', en: 'Sex' },
  birthDate: { 'zh-CN': '出生日期', en: 'Birth date' },
  phone: { 'zh-CN': '联系电话', en: 'Phone' },
  hukouDivisionCode: { 'zh-CN': '户籍地（乡镇/村）', en: 'Hukou (town/village)' },
  address: { 'zh-CN': '详细地址', en: 'Address' },
  notes: { 'zh-CN': '备注', en: 'Notes' },
  username: { 'zh-CN': '用户名', en: 'Username' },
  displayName: { 'zh-CN': '姓名', en: 'Full name' },
  password: { 'zh-CN': '密码', en: 'Password' },
  passwordConfirm: { 'zh-CN': '确认密码', en: 'Confirm password' },
  currentPassword: { 'zh-CN': '当前密码', en: 'Current password' },
  newPassword: { 'zh-CN': '新密码', en: 'New password' },
  role: { 'zh-CN': '角色', en: 'Role' },
  mode: { 'zh-CN': '使用模式', en: 'Mode' },
  divisionCode: { 'zh-CN': '所属区划', en: 'Division' },
  officeName: { 'zh-CN': '机构名称', en: 'Office name' },
  databasePath: { 'zh-CN': '数据库位置', en: 'Database location' },
  query: { 'zh-CN': '查询条件', en: 'Search' },
  version: { 'zh-CN': '版本号', en: 'Version' },
  id: { 'zh-CN': '记录编号', en: 'Record id' },
  limit: { 'zh-CN': '每页条数', en: 'Page size' },
  from: { 'zh-CN': '开始日期', en: 'From' },
  to: { 'zh-CN': '结束日期', en: 'To' },
};

export function fieldLabel(path: string, locale: Locale): string {
  const last = path.split('.').filter((s) => !/^\d+$/.test(s)).at(-1) ?? path;
  return FIELD_LABELS[last]?.[locale] ?? path;
}
