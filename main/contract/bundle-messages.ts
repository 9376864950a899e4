/**
 * Why a bundle or key file was refused, in both languages: shown in the city's import summary,
 * printed by the CLI. Each names what to do next where the user can do something.
 */
export const BUNDLE_MESSAGES = {
  // Damaged: the copy is broken, not forged.
  BUNDLE_TRUNCATED: {
    'zh-CN': '文件不完整（可能复制时中断）：请重新从县区拷贝原文件。',
    en: 'The file is incomplete (the copy was probably interrupted): copy the original file again.',
  },
  BUNDLE_NOT_A_BUNDLE: { 'zh-CN': '这不是报送包文件。', en: 'This is not a bundle file.' },
  BUNDLE_ZIP_MALFORMED: { 'zh-CN': '文件结构损坏（{what}）。', en: 'The file structure is damaged ({what}).' },
  BUNDLE_ENTRY_CRC: { 'zh-CN': '文件“{name}”的校验码不符，文件已损坏。', en: 'The checksum of "{name}" does not match: the file is damaged.' },
  // Archive tricks.
  BUNDLE_ZIP64: { 'zh-CN': '包内使用了不需要的 ZIP64 格式，已拒绝。', en: 'The archive uses ZIP64 where it is not needed; refused.' },
  BUNDLE_ENTRY_ENCRYPTED: { 'zh-CN': '包内含有 ZIP 加密的文件，已拒绝。', en: 'The archive holds a ZIP-encrypted entry; refused.' },
  BUNDLE_ENTRY_SYMLINK: { 'zh-CN': '包内含有符号链接或特殊文件，已拒绝。', en: 'The archive holds a symbolic link or special file; refused.' },
  BUNDLE_ENTRY_NAME_UNSAFE: { 'zh-CN': '包内文件名“{name}”不安全（绝对路径、“..”或非法字符），已拒绝。', en: 'The entry name "{name}" is unsafe (absolute, "..", or illegal characters); refused.' },
  BUNDLE_ENTRY_NAME_DUPLICATE: { 'zh-CN': '包内文件名“{name}”重复（含大小写或 Unicode 形式不同的重复），已拒绝。', en: 'The entry name "{name}" occurs twice (possibly differing in case or Unicode form); refused.' },
  BUNDLE_HEADER_MISMATCH: { 'zh-CN': '包内“{name}”的目录信息与文件头不一致，已拒绝。', en: 'The central directory and the local header of "{name}" disagree; refused.' },
  BUNDLE_ENTRIES_OVERLAP: { 'zh-CN': '包内文件相互重叠或夹带多余数据，已拒绝。', en: 'Entries overlap or the archive carries hidden bytes; refused.' },
  BUNDLE_ZIP_FEATURE: { 'zh-CN': '包内使用了报送包不允许的 ZIP 功能（{what}），已拒绝。', en: 'The archive uses a ZIP feature bundles never use ({what}); refused.' },
  BUNDLE_UNSUPPORTED_METHOD: { 'zh-CN': '包内使用了不支持的压缩方式，已拒绝。', en: 'The archive uses an unsupported compression method; refused.' },
  // Resource limits.
  BUNDLE_TOO_LARGE: { 'zh-CN': '文件超过允许的大小，已拒绝。', en: 'The file is larger than allowed; refused.' },
  BUNDLE_TOO_MANY_ENTRIES: { 'zh-CN': '包内文件数量超过上限，已拒绝。', en: 'The archive has more entries than allowed; refused.' },
  BUNDLE_ENTRY_TOO_LARGE: { 'zh-CN': '包内“{name}”超过允许的大小，已拒绝。', en: '"{name}" is larger than allowed; refused.' },
  BUNDLE_COMPRESSION_RATIO: { 'zh-CN': '包内“{name}”的压缩比异常（疑似压缩炸弹），已拒绝。', en: '"{name}" expands far more than real data does (a zip bomb?); refused.' },
  // Signature and trust.
  BUNDLE_NO_STATEMENT: { 'zh-CN': '包内缺少签名声明，无法验证，已拒绝。', en: 'The bundle has no signed statement to verify; refused.' },
  BUNDLE_BAD_SIGNATURE: { 'zh-CN': '签名验证失败：内容被改动或签名不属于报送包，已拒绝。', en: 'The signature does not verify: the content was altered or the signature is not for a bundle; refused.' },
  BUNDLE_UNKNOWN_KEY: { 'zh-CN': '签名密钥未登记：请先核对并登记该县区的公钥。', en: 'Signed by a key that is not enrolled: check and enroll the county\'s public key first.' },
  BUNDLE_KEY_OTHER_COUNTY: { 'zh-CN': '签名密钥属于另一个县区，已拒绝。', en: 'Signed with the key of another county; refused.' },
  BUNDLE_KEY_ROTATED_OUT: { 'zh-CN': '签名密钥已被更换，不能签署更换之后的报送包，已拒绝。', en: 'Signed with a key that was rotated out before the bundle was made; refused.' },
  BUNDLE_KEY_REVOKED: { 'zh-CN': '签名密钥已被吊销，已拒绝。', en: 'Signed with a revoked key; refused.' },
  BUNDLE_SIGNER_MISMATCH: { 'zh-CN': '声明中的签名人与实际签名密钥不符，已拒绝。', en: 'The statement names another signer than the key that signed it; refused.' },
  // The statement.
  BUNDLE_NOT_CANONICAL: { 'zh-CN': '签名内容不是规范编码，已拒绝。', en: 'The signed content is not in canonical form; refused.' },
  BUNDLE_JSON_DUPLICATE_KEY: { 'zh-CN': '数据中有重复的字段“{key}”，已拒绝。', en: 'The data repeats the field "{key}"; refused.' },
  BUNDLE_STATEMENT_INVALID: { 'zh-CN': '签名声明的字段“{at}”不正确，已拒绝。', en: 'The statement\'s field "{at}" is not valid; refused.' },
  BUNDLE_UNSUPPORTED_FORMAT: { 'zh-CN': '报送包格式“{format}”不受支持：请升级程序。', en: 'The bundle format "{format}" is not supported: update the app.' },
  BUNDLE_FROM_FUTURE: { 'zh-CN': '报送包的生成时间 {createdAt} 比现在晚 24 小时以上，已拒绝：请核对县区电脑的时钟。', en: 'The bundle claims to be made at {createdAt}, more than 24 hours from now; refused: check the county computer\'s clock.' },
  BUNDLE_PERIOD_INVALID: { 'zh-CN': '报送期间“{period}”不正确，已拒绝。', en: 'The period "{period}" is not valid; refused.' },
  // Files bound by the statement.
  BUNDLE_FILE_MISSING: { 'zh-CN': '包内缺少声明中的文件“{name}”，已拒绝。', en: 'The file "{name}" named in the statement is missing; refused.' },
  BUNDLE_FILE_EXTRA: { 'zh-CN': '包内有声明之外的文件“{name}”，已拒绝。', en: 'The archive holds "{name}", which the statement does not name; refused.' },
  BUNDLE_FILE_ORDER: { 'zh-CN': '包内文件顺序与声明不符，已拒绝。', en: 'The files are not in the order the statement gives; refused.' },
  BUNDLE_FILE_SIZE: { 'zh-CN': '文件“{name}”的大小与签名声明不符，已拒绝。', en: 'The size of "{name}" differs from the signed statement; refused.' },
  BUNDLE_FILE_HASH: { 'zh-CN': '文件“{name}”的内容与签名声明不符（被改动），已拒绝。', en: 'The content of "{name}" differs from the signed statement (altered); refused.' },
  // Order of a county's bundles.
  BUNDLE_FORK: { 'zh-CN': '警报：序号 {sequence} 已有另一个不同的报送包（分叉），已拒绝。请与县区核实是否有人另行签发。', en: 'Alarm: a different bundle with sequence {sequence} was already accepted (a fork); refused. Check with the county who signed it.' },
  BUNDLE_ROLLBACK: { 'zh-CN': '序号 {sequence} 早于已接收的序号 {last}（旧包重放），已拒绝。', en: 'Sequence {sequence} is older than the last accepted {last} (an old bundle replayed); refused.' },
  BUNDLE_SEQUENCE_JUMP: { 'zh-CN': '序号 {sequence} 比已接收的序号 {last} 跳跃超过 1000，已拒绝。', en: 'Sequence {sequence} jumps more than 1000 past the last accepted {last}; refused.' },
  // The encrypted contents.
  BUNDLE_NOT_FOR_THIS_CITY: { 'zh-CN': '报送包不是加密给本市的密钥的，无法打开。', en: 'The bundle is not encrypted to this city\'s key and cannot be opened.' },
  BUNDLE_DECRYPT_FAILED: { 'zh-CN': '文件“{name}”无法解密或解压，已拒绝。', en: '"{name}" cannot be decrypted or unpacked; refused.' },
  BUNDLE_CONTENT_INVALID: { 'zh-CN': '文件“{name}”第 {line} 行的“{at}”不正确，已拒绝。', en: 'Line {line} of "{name}": "{at}" is not valid; refused.' },
  BUNDLE_CONTENT_MISMATCH: { 'zh-CN': '文件“{name}”的内容与签名声明不符（县区、期间、类别或条数），已拒绝。', en: 'The contents of "{name}" do not match the statement (county, period, kind or count); refused.' },
  BUNDLE_PERIOD_MISMATCH: { 'zh-CN': '文件“{name}”第 {line} 行的日期超出报送期间，已拒绝。', en: 'Line {line} of "{name}" is dated after the period; refused.' },
  // Key files.
  KEY_FILE_INVALID: { 'zh-CN': '这不是有效的密钥文件（{what}）。', en: 'This is not a valid key file ({what}).' },
  KEY_ROTATION_INVALID: { 'zh-CN': '密钥更换声明无效（{what}），已拒绝。', en: 'The key rotation statement is not valid ({what}); refused.' },
} as const;

/** Damaged copies are told apart from refusals: the advice differs (copy again vs. investigate). */
export const DAMAGED_BUNDLE_CODES: ReadonlySet<string> = new Set(['BUNDLE_TRUNCATED', 'BUNDLE_NOT_A_BUNDLE', 'BUNDLE_ZIP_MALFORMED', 'BUNDLE_ENTRY_CRC']);
