import { join } from 'node:path';
import { app, BrowserWindow, Menu, session } from 'electron';
import { createLedgerCore, type LedgerCore } from './services/ledger-core';
import { installAppProtocol, registerAppScheme } from './app-protocol';
import { installLedgerIpc } from './ipc';
import { electronKeystore } from './keystore-electron';
import { electronNativeBinding } from './native-binding';
import { applySecurityPolicy, contentSecurityPolicy } from './security';
import { createMainWindow, ownsWebContents } from './window';

/** The Electron entry: one instance, one window, one core. Everything else lives in main/services. */

// electron-vite sets this for `electron-vite dev` only; a packaged app never trusts a dev server.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL || undefined;

let core: LedgerCore | null = null;

/** A clean exit waits this long at most for its backup: a stuck disk must not keep the app alive. */
const EXIT_BACKUP_LIMIT_MS = 20_000;
/** How often the app asks whether today's backup is due (it makes at most one a day). */
const DAILY_CHECK_MS = 60 * 60_000;

function withinLimit(work: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise((resolve) => (timer = setTimeout(resolve, ms)));
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}
let mainWindow: BrowserWindow | null = null;

function openWindow(): void {
  mainWindow = createMainWindow(devServerUrl, app.isPackaged);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });

  registerAppScheme();
  // No default menu in a packaged build: its View menu would offer reload and devtools.
  if (app.isPackaged) Menu.setApplicationMenu(null);

  void app.whenReady().then(() => {
    const policy = contentSecurityPolicy(devServerUrl);
    installAppProtocol(join(import.meta.dirname, '../renderer'), policy);
    applySecurityPolicy({ app, session: session.defaultSession, devServerUrl });
    core = createLedgerCore({ dataDir: app.getPath('userData'), nativeBinding: electronNativeBinding(), keystore: electronKeystore() });
    installLedgerIpc(core, { ownsWebContents, devServerUrl });
    openWindow();

    const dailyBackup = () => void core?.automaticBackup('daily').catch((error: unknown) => console.error(error));
    setTimeout(dailyBackup, 5 * 60_000);
    setInterval(dailyBackup, DAILY_CHECK_MS);

    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow();
    });
  });

  app.on('window-all-closed', () => app.quit());

  // The exit backup: quitting waits for it (at most EXIT_BACKUP_LIMIT_MS), then closes the
  // database and quits again; the second will-quit finds no core and lets the app go.
  app.on('will-quit', (event) => {
    const closing = core;
    if (!closing) return;
    core = null;
    event.preventDefault();
    void withinLimit(closing.automaticBackup('exit'), EXIT_BACKUP_LIMIT_MS)
      .catch((error: unknown) => console.error(error))
      .finally(() => {
        try {
          closing.close();
        } catch (error) {
          console.error(error);
        }
        app.quit();
      });
  });
}
