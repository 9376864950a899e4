/**
 * The spreadsheet import's messages (merged into MESSAGES). A row's problem is shown beside the
 * file's own column header, so these read as the reason alone.
 */
export const IMPORT_MESSAGES = {
  // — the file (read.ts, mapping.ts, pipeline.ts) —
  IMPORT_FILE_TYPE: {
    'zh-CN': '只能导入 .xlsx 或 .csv 文件（.xls 请先在 Excel 中另存为 .xlsx）。',
    en: 'Only .xlsx and .csv files can be imported (save an .xls file as .xlsx in Excel first).',
  },
  IMPORT_FILE_UNREADABLE: {
    'zh-CN': '文件无法读取（{reason}），请确认它是 Excel 或 CSV 文件且未损坏。',
    en: 'The file cannot be read ({reason}); check that it is an undamaged Excel or CSV file.',
  },
  IMPORT_SHEET_NOT_FOUND: { 'zh-CN': '文件中没有名为“{sheet}”的工作表。', en: 'The file has no worksheet named "{sheet}".' },
  IMPORT_NO_HEADER: {
    'zh-CN': '在文件前 {rows} 行中找不到表头（至少要有两列与模板的列名相同，如“{example}”）。',
    en: 'No header row in the first {rows} rows (at least two columns must be named as in the template, e.g. "{example}").',
  },
  IMPORT_NO_ROWS: { 'zh-CN': '表头下面没有数据行。', en: 'There are no data rows under the header row.' },
  IMPORT_TOO_MANY_ROWS: {
    'zh-CN': '文件有 {count} 行数据，一次最多导入 {max} 行，请拆分后分批导入。',
    en: 'The file has {count} data rows; at most {max} can be imported at once: split it.',
  },
  IMPORT_UPLOAD_GONE: {
    'zh-CN': '上传的文件已过期（超过 1 小时或程序已重启），请重新选择文件。',
    en: 'The uploaded file has expired (over an hour, or the program restarted); choose the file again.',
  },
  IMPORT_COLUMN_NOT_MAPPED: {
    'zh-CN': '必填列“{column}”没有对应到文件中的列。',
    en: 'The required column "{column}" is not mapped to a column of the file.',
  },
  IMPORT_COLUMN_MAPPED_TWICE: {
    'zh-CN': '文件的第 {index} 列同时对应了“{first}”和“{second}”。',
    en: 'Column {index} of the file is mapped to both "{first}" and "{second}".',
  },
  IMPORT_COLUMN_OUT_OF_RANGE: { 'zh-CN': '“{column}”对应的列在文件中不存在。', en: 'The column mapped to "{column}" is not in the file.' },
  IMPORT_DUPLICATE_IN_FILE: {
    'zh-CN': '与第 {otherRow} 行重复（{key}），同一文件中只能出现一次。',
    en: 'duplicates row {otherRow} ({key}); it may appear only once in a file.',
  },
  IMPORT_ALREADY_UNDONE: { 'zh-CN': '这次导入已于 {when} 撤销。', en: 'This import was undone on {when}.' },
  IMPORT_UNDO_HISTORY: {
    'zh-CN': '这次导入办理了入住或改造步骤，这些记录保留办理历史，不能整体撤销；请在相应页面逐条冲正或撤回。',
    en: 'This import recorded admissions or renovation steps, which keep their history: it cannot be undone as a whole; reverse or withdraw them one by one.',
  },
  IMPORT_UNDO_CHANGED: {
    'zh-CN': '导入后“{record}”（{table}）已被修改，不能撤销这次导入；如确需撤销，请先把它改回或手工更正。',
    en: '"{record}" ({table}) has been changed since the import, so the import cannot be undone.',
  },
  IMPORT_UNDO_REFERENCED: {
    'zh-CN': '导入的记录已被后来的记录引用（如家庭养老床位引用了导入的人员），不能撤销这次导入。',
    en: 'Records of this import are now referred to by later ones (e.g. a family bed names an imported person): it cannot be undone.',
  },
  IMPORT_ROW_REFUSED: { 'zh-CN': '保存时被拒绝：{reason}', en: 'refused when saving: {reason}' },

  // — cells (cells.ts) —
  IMPORT_NOT_A_DATE: {
    'zh-CN': '“{value}”不是日期（请写成 2021-03-05 或设为日期格式）。',
    en: '"{value}" is not a date (write 2021-03-05 or use a date cell).',
  },
  IMPORT_NOT_A_MONTH: { 'zh-CN': '“{value}”不是月份（请写成 2021-03）。', en: '"{value}" is not a month (write 2021-03).' },
  IMPORT_NOT_A_NUMBER: { 'zh-CN': '“{value}”不是数字。', en: '"{value}" is not a number.' },
  IMPORT_NOT_WHOLE: { 'zh-CN': '“{value}”不是整数。', en: '"{value}" is not a whole number.' },
  IMPORT_OUT_OF_RANGE: { 'zh-CN': '{value} 超出范围（{min}–{max}）。', en: '{value} is out of range ({min}–{max}).' },
  IMPORT_NOT_YUAN: {
    'zh-CN': '“{value}”不是金额（单位：元，最多两位小数）。',
    en: '"{value}" is not an amount (in yuan, at most two decimals).',
  },
  IMPORT_NOT_BOOLEAN: { 'zh-CN': '“{value}”应为“是”或“否”。', en: '"{value}" should be 是 (yes) or 否 (no).' },
  IMPORT_UNKNOWN_CHOICE: { 'zh-CN': '“{value}”不是可选的值（可选：{allowed}）。', en: '"{value}" is not allowed (choose from: {allowed}).' },
  IMPORT_UNKNOWN_TOWN: { 'zh-CN': '本县（区）没有名为“{value}”的镇（街道）。', en: 'There is no town or street "{value}" in this county.' },
  IMPORT_UNKNOWN_VILLAGE: { 'zh-CN': '{town}没有名为“{value}”的村（社区）。', en: 'There is no village "{value}" in {town}.' },
  IMPORT_VILLAGE_WITHOUT_TOWN: { 'zh-CN': '填写了村（社区）就要填写所属镇（街道）。', en: 'A village needs its town.' },
  IMPORT_ID_NUMBER_AS_NUMBER: {
    'zh-CN': '身份证号被 Excel 存成了数字，后几位已丢失；请把该列设为文本格式后重新填写。',
    en: 'The ID number was stored by Excel as a number and has lost its last digits; format the column as text and type it again.',
  },

  // — registers A (stations, monthly statistics, family beds; people) —
  IMPORT_PERSON_NOT_FOUND: {
    'zh-CN': '人员名册中没有身份证号为 {idNumber} 的人，请先导入或登记人员。',
    en: 'No person with ID number {idNumber} in the people register: import or enter them first.',
  },
  IMPORT_NAME_MISMATCH: {
    'zh-CN': '身份证号 {idNumber} 在名册中登记的姓名是“{registered}”，与本行的“{value}”不符。',
    en: 'ID number {idNumber} is registered as "{registered}", not "{value}".',
  },
  IMPORT_STATION_NOT_FOUND: { 'zh-CN': '没有名为“{value}”的站点{town}。', en: 'No station named "{value}"{town}.' },
  IMPORT_STATION_AMBIGUOUS: {
    'zh-CN': '有多个名为“{value}”的站点，请填写所属镇（街道）以区分。',
    en: 'Several stations are named "{value}": give the town to tell them apart.',
  },
  IMPORT_UNKNOWN_HUKOU: {
    'zh-CN': '“{value}”不是已知的行政区划（请写全称，如“广东省云浮市云城区河口街道”，或分列填写户籍镇（街道）、户籍村（居））。',
    en: '"{value}" is not a known division (write the full name, e.g. 广东省云浮市云城区河口街道, or use the town and village columns).',
  },

  // — registers B (institutions, residents, renovation cases) —
  IMPORT_INSTITUTION_NOT_FOUND: { 'zh-CN': '没有名为“{value}”的供养机构。', en: 'No institution named "{value}".' },
  IMPORT_ITEM_NOT_FOUND: { 'zh-CN': '改造项目目录中没有“{value}”。', en: 'The renovation catalogue has no item "{value}".' },
  IMPORT_ADULT_NEEDS_ID: {
    'zh-CN': '必须填写身份证号（只有孤儿、事实无人抚养儿童可以没有身份证号）。',
    en: 'required: only orphans and de facto unsupported children may have no ID number.',
  },
  IMPORT_CHILD_NEEDS_BIRTH_DATE: { 'zh-CN': '没有身份证号时必须填写出生日期。', en: 'required when there is no ID number.' },
  IMPORT_PERSON_AMBIGUOUS: {
    'zh-CN': '名册中有多个没有身份证号、名为“{name}”、{birthDate} 出生的人，无法确定是哪一位，请在程序中办理。',
    en: 'Several people without an ID number are named "{name}", born {birthDate}: record this one in the program.',
  },
  IMPORT_BED_NOT_FOUND: {
    'zh-CN': '{institution}没有床位“{value}”（请写成“房间-床位”，如 101-1）。',
    en: '{institution} has no bed "{value}" (write room-bed, e.g. 101-1).',
  },
  IMPORT_BED_AMBIGUOUS: { 'zh-CN': '有多个房间都有床位“{value}”，请写成“房间-床位”，如 101-1。', en: 'Several rooms have a bed "{value}": write room-bed, e.g. 101-1.' },
  IMPORT_ITEM_NO_PRICE: {
    'zh-CN': '“{value}”在项目目录中没有参考单价，请写明单价（元），如“{value}×1@350”。',
    en: '"{value}" has no reference price in the catalogue: give the unit price in yuan, e.g. "{value}×1@350".',
  },
  IMPORT_PLAN_LINE: {
    'zh-CN': '“{value}”看不懂，请写成“项目名称×数量”（可加“@单价元”），多项用“；”分隔，如“如厕洗浴扶手×2；地面防滑处理×1@800”。',
    en: '"{value}" cannot be read: write "item×quantity" (optionally "@unit price in yuan"), several separated by ";", e.g. "如厕洗浴扶手×2；地面防滑处理×1@800".',
  },
} as const;
