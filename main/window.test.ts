import { isAbsolute } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

/** A stand-in for Electron's BrowserWindow that records how the window was made (no Electron here). */
const electron = vi.hoisted(() => {
  class FakeWindow {
    static created: FakeWindow[] = [];
    readonly webContents = { id: Math.random() };
    loadedUrl: string | undefined;
    shown = false;
    private readonly onceHandlers = new Map<string, () => void>();
    constructor(readonly options: Record<string, unknown> & { webPreferences: Record<string, unknown> }) {
      FakeWindow.created.push(this);
    }
    once(event: string, handler: () => void) {
      this.onceHandlers.set(event, handler);
      return this;
    }
    emit(event: string) {
      this.onceHandlers.get(event)?.();
    }
    show() {
      this.shown = true;
    }
    loadURL(url: string) {
      this.loadedUrl = url;
      return Promise.resolve();
    }
  }
  return { FakeWindow };
});

vi.mock('electron', () => ({ BrowserWindow: electron.FakeWindow }));

const { createMainWindow, ownsWebContents } = await import('./window');
const { APP_START_URL } = await import('./trusted-url');

beforeEach(() => {
  electron.FakeWindow.created.length = 0;
});

describe('createMainWindow', () => {
  it('creates the window with the locked-down webPreferences of the checklist', () => {
    createMainWindow();
    const prefs = electron.FakeWindow.created[0]!.options.webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
    // Options that would reopen a hole must not be set at all (Electron's defaults are the safe ones).
    for (const risky of ['nodeIntegrationInWorker', 'nodeIntegrationInSubFrames', 'webviewTag', 'enableRemoteModule', 'experimentalFeatures', 'enableBlinkFeatures', 'additionalArguments']) {
      expect(prefs, risky).not.toHaveProperty(risky);
    }
  });

  it('keeps devtools for development builds only', () => {
    createMainWindow();
    createMainWindow(undefined, true);
    expect(electron.FakeWindow.created.map((w) => w.options.webPreferences.devTools)).toEqual([true, false]);
  });

  it('loads the preload bridge from the build, by absolute path', () => {
    createMainWindow();
    const preload = electron.FakeWindow.created[0]!.options.webPreferences.preload as string;
    expect(isAbsolute(preload)).toBe(true);
    expect(preload.split('\\').join('/')).toMatch(/\/preload\/index\.cjs$/);
  });

  it('loads the bundled app, or the dev server only when given one', () => {
    createMainWindow();
    createMainWindow('http://localhost:5173');
    expect(electron.FakeWindow.created.map((w) => w.loadedUrl)).toEqual([APP_START_URL, 'http://localhost:5173']);
  });

  it('shows the window only once it has painted', () => {
    createMainWindow();
    const window = electron.FakeWindow.created[0]!;
    expect(window.options.show).toBe(false);
    expect(window.shown).toBe(false);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
  });

  it('owns the webContents of its windows and no other (the IPC sender check)', () => {
    const window = createMainWindow();
    expect(ownsWebContents(window.webContents)).toBe(true);
    expect(ownsWebContents({ id: 1 } as never)).toBe(false);
  });
});
