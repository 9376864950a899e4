import { join } from 'node:path';
import { app, BrowserWindow, session } from 'electron';
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
let mainWindow: BrowserWindow | null = null;

function openWindow(): void {
  mainWindow = createMainWindow(devServerUrl);
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

  void app.whenReady().then(() => {
    const policy = contentSecurityPolicy(devServerUrl);
    installAppProtocol(join(import.meta.dirname, '../renderer'), policy);
    applySecurityPolicy({ app, session: session.defaultSession, devServerUrl });
    core = createLedgerCore({ dataDir: app.getPath('userData'), nativeBinding: electronNativeBinding(), keystore: electronKeystore() });
    installLedgerIpc(core, { ownsWebContents, devServerUrl });
    openWindow();

    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow();
    });
  });

  app.on('window-all-closed', () => app.quit());

  app.on('will-quit', () => {
    core?.close();
    core = null;
  });
}
