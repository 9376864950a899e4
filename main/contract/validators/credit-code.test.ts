import { describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter, parseCreditCode } from './credit-code';

describe('GB 32100 unified social credit codes', () => {
  it('accepts a valid code, upper-casing and trimming it', () => {
    expect(parseCreditCode(' 91350100m000100y43 ')).toEqual({ ok: true, code: '91350100M000100Y43' });
  });

  it('names the expected check character when it is wrong', () => {
    expect(parseCreditCode('91350100M000100Y44')).toEqual({ ok: false, problem: 'CREDIT_CODE_CHECK', params: { expected: '3' } });
  });

  it('refuses wrong lengths and letters the standard excludes (I, O, Z, S, V)', () => {
    for (const bad of ['', '9135010', '91350100M000100Y4', '91350100M000100Y433', '91350100I000100Y43', '91350100M000100O43', 'Z1350100M000100Y43']) {
      expect(parseCreditCode(bad)).toMatchObject({ ok: false, problem: 'CREDIT_CODE_FORMAT' });
    }
  });

  it('computes check characters that round-trip', () => {
    const first17 = '12445300MB2C12345';
    const full = first17 + creditCodeCheckCharacter(first17);
    expect(parseCreditCode(full)).toMatchObject({ ok: true });
  });
});
