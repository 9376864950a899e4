import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { Result } from './contract/define';
import { formatMessage } from './contract/errors';
import type { LedgerCore, Session } from './services/ledger-core';
import { isTrustedSender } from './trusted-url';

export { isTrustedSender } from './trusted-url';

/** The only IPC channel: preload's window.ledger.invoke(name, input). */
export const LEDGER_CHANNEL = 'ledger:request';

export interface LedgerIpcOptions {
  /** Whether the webContents belongs to a window this app created. */
  ownsWebContents(contents: WebContents): boolean;
  devServerUrl?: string;
}

function untrusted(): Result<unknown> {
  return {
    ok: false,
    error: { code: 'UNTRUSTED_SENDER', message: formatMessage('UNTRUSTED_SENDER', undefined, undefined, 'zh-CN') },
  };
}

/** Answers ledger:request from our own window's main frame only; one core session per webContents. */
export function installLedgerIpc(core: LedgerCore, options: LedgerIpcOptions): void {
  const sessions = new Map<WebContents, Session>();

  function sessionFor(contents: WebContents): Session {
    let session = sessions.get(contents);
    if (!session) {
      session = core.newSession();
      sessions.set(contents, session);
      contents.once('destroyed', () => sessions.delete(contents));
    }
    return session;
  }

  ipcMain.handle(LEDGER_CHANNEL, async (event: IpcMainInvokeEvent, name: unknown, input: unknown) => {
    const contents = event.sender;
    const ownMainFrame = !contents.isDestroyed() && options.ownsWebContents(contents) ? contents.mainFrame : null;
    if (!isTrustedSender(event.senderFrame, ownMainFrame, options.devServerUrl)) return untrusted();
    return core.dispatch(sessionFor(contents), name, input);
  });
}
