import { DAMAGED_BUNDLE_CODES, type BUNDLE_MESSAGES } from '../contract/bundle-messages';
import { AppError } from '../contract/errors';

export type BundleRejectionCode = keyof typeof BUNDLE_MESSAGES;

/**
 * Why the format code refused a bundle or key file. Pure data (code + params): the messages are
 * in main/contract/bundle-messages.ts, so the same reason reads the same in the app and the CLI.
 */
export class BundleRejection extends Error {
  constructor(
    readonly code: BundleRejectionCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${code}${Object.keys(params).length ? ` ${JSON.stringify(params)}` : ''}`);
    this.name = 'BundleRejection';
  }

  /** 'damaged': the copy is broken (copy it again); 'refused': tampering, trust or replay (investigate). */
  get kind(): 'damaged' | 'refused' {
    return DAMAGED_BUNDLE_CODES.has(this.code) ? 'damaged' : 'refused';
  }

  toAppError(): AppError {
    return new AppError(this.code, undefined, this.params);
  }
}

export function reject(code: BundleRejectionCode, params?: Record<string, string | number>): never {
  throw new BundleRejection(code, params);
}
