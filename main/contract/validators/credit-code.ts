/** GB 32100 unified social credit code (统一社会信用代码): 17 characters + a MOD 31 check character. */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckCharacter(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i] ?? '');
    if (value < 0) return null;
    sum += value * WEIGHTS[i]!;
  }
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

export type CreditCodeResult = { ok: true; code: string } | { ok: false; problem: 'CREDIT_CODE_FORMAT' | 'CREDIT_CODE_CHECK'; params: Record<string, string> };

export function parseCreditCode(raw: string): CreditCodeResult {
  const code = raw.trim().toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return { ok: false, problem: 'CREDIT_CODE_FORMAT', params: {} };
  const expected = creditCodeCheckCharacter(code.slice(0, 17));
  if (expected !== code[17]) return { ok: false, problem: 'CREDIT_CODE_CHECK', params: { expected: expected ?? '?' } };
  return { ok: true, code };
}
