import type { LedgerBridge } from './contract';

declare global {
  interface Window {
    /** Set by preload in Electron, and by the test host's bridge script in Playwright. */
    readonly ledger?: LedgerBridge;
  }
}

export {};
