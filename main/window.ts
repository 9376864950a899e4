import { join } from 'node:path';
import { BrowserWindow, type WebContents } from 'electron';
import { APP_START_URL } from './trusted-url';

const ownWebContents = new WeakSet<WebContents>();

/** Whether `contents` belongs to a window created by createMainWindow (the IPC sender check). */
export function ownsWebContents(contents: WebContents): boolean {
  return ownWebContents.has(contents);
}

/**
 * The one application window: sandboxed renderer, preload bridge, shown once painted. Devtools
 * only for development builds (`packaged`: a clerk's machine has no use for them).
 */
export function createMainWindow(devServerUrl?: string, packaged = false): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 680,
    show: false,
    title: '民政服务台账',
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
      devTools: !packaged,
    },
  });
  ownWebContents.add(window.webContents);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(devServerUrl ?? APP_START_URL);
  return window;
}
