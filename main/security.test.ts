import { EventEmitter } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { App, Session } from 'electron';
import { applySecurityPolicy, CONTENT_SECURITY_POLICY, contentSecurityPolicy, withContentSecurityPolicy } from './security';
import { APP_START_URL, isTrustedAppUrl, isTrustedSender } from './trusted-url';

const DEV = 'http://localhost:5173';

describe('isTrustedAppUrl', () => {
  it.each([
    'app://ledger/index.html',
    'app://ledger/',
    'app://ledger',
    'app://ledger/assets/index-abc.js?x=1#top',
    'app://LEDGER/index.html',
    APP_START_URL,
  ])('trusts the bundled renderer: %s', (url) => {
    expect(isTrustedAppUrl(url)).toBe(true);
  });

  it.each([
    'https://example.com',
    'https://example.com/app://ledger/index.html',
    'http://ledger/index.html',
    'app://ledger.evil/index.html',
    'app://evil.ledger/index.html',
    'app://evil/index.html',
    'app://ledger:8080/index.html',
    'app://user@ledger/index.html',
    'app://ledger@evil/index.html',
    'app://user:pass@ledger/index.html',
    'application://ledger/index.html',
    'file:///etc/passwd',
    'file://ledger/index.html',
    'javascript:alert(1)',
    'javascript://ledger/%0aalert(1)',
    'data:text/html,<script>alert(1)</script>',
    'blob:app://ledger/1234',
    'about:blank',
    'devtools://devtools/bundled/inspector.html',
    'chrome://settings',
    '',
    'not a url',
    '//ledger/index.html',
  ])('refuses %s', (url) => {
    expect(isTrustedAppUrl(url)).toBe(false);
  });

  it('trusts the dev server origin only when it is given', () => {
    expect(isTrustedAppUrl('http://localhost:5173/')).toBe(false);
    expect(isTrustedAppUrl('http://localhost:5173/', DEV)).toBe(true);
    expect(isTrustedAppUrl('http://localhost:5173/src/main.tsx?t=1', DEV)).toBe(true);
    expect(isTrustedAppUrl('http://localhost:5173/', `${DEV}/`)).toBe(true);
  });

  it('trusts nothing else in development', () => {
    expect(isTrustedAppUrl('http://localhost:5174/', DEV)).toBe(false);
    expect(isTrustedAppUrl('https://localhost:5173/', DEV)).toBe(false);
    expect(isTrustedAppUrl('http://127.0.0.1:5173/', DEV)).toBe(false);
    expect(isTrustedAppUrl('http://localhost.evil.com:5173/', DEV)).toBe(false);
    expect(isTrustedAppUrl('http://user@localhost:5173/', DEV)).toBe(false);
    expect(isTrustedAppUrl('https://example.com', DEV)).toBe(false);
    expect(isTrustedAppUrl('javascript:alert(1)', DEV)).toBe(false);
    // The app itself stays trusted in development.
    expect(isTrustedAppUrl('app://ledger/index.html', DEV)).toBe(true);
  });

  it('ignores a dev server URL that is not http(s) or not a URL', () => {
    expect(isTrustedAppUrl('file:///tmp/index.html', 'file:///tmp/')).toBe(false);
    expect(isTrustedAppUrl('javascript:alert(1)', 'javascript:alert(1)')).toBe(false);
    expect(isTrustedAppUrl('http://localhost:5173/', 'nonsense')).toBe(false);
    expect(isTrustedAppUrl('http://localhost:5173/', '')).toBe(false);
  });

  it('refuses values that are not strings', () => {
    expect(isTrustedAppUrl(undefined as unknown as string)).toBe(false);
    expect(isTrustedAppUrl(42 as unknown as string)).toBe(false);
  });
});

describe('isTrustedSender (the IPC sender decision)', () => {
  const mainFrame = { url: 'app://ledger/index.html' };

  it('accepts the main frame of our own window showing the app', () => {
    expect(isTrustedSender(mainFrame, mainFrame)).toBe(true);
  });

  it('refuses when the sender frame is gone (navigated away or destroyed)', () => {
    expect(isTrustedSender(null, mainFrame)).toBe(false);
    expect(isTrustedSender(undefined, mainFrame)).toBe(false);
  });

  it('refuses a webContents that is not one of our windows', () => {
    expect(isTrustedSender(mainFrame, null)).toBe(false);
  });

  it('refuses a subframe, even one showing the app', () => {
    const iframe = { url: 'app://ledger/index.html' };
    expect(isTrustedSender(iframe, mainFrame)).toBe(false);
  });

  it('refuses our main frame when it shows an untrusted page', () => {
    for (const url of ['https://example.com/', 'app://ledger.evil/', 'about:blank', 'file:///etc/passwd', 'javascript:void 0']) {
      const frame = { url };
      expect(isTrustedSender(frame, frame)).toBe(false);
    }
  });

  it('accepts the dev server only when it is given', () => {
    const frame = { url: 'http://localhost:5173/' };
    expect(isTrustedSender(frame, frame)).toBe(false);
    expect(isTrustedSender(frame, frame, DEV)).toBe(true);
  });
});

describe('Content-Security-Policy', () => {
  const directives = (policy: string) =>
    new Map(
      policy.split(';').map((part) => {
        const [name, ...values] = part.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );

  it('is the agreed policy', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'",
    );
  });

  it("starts from default-src 'none' and never allows eval or inline scripts", () => {
    const policy = directives(CONTENT_SECURITY_POLICY);
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toContain('wasm-unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/(^|\s)\*(\s|;|$)/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:/);
  });

  it('is the production policy unchanged when there is no dev server', () => {
    expect(contentSecurityPolicy()).toBe(CONTENT_SECURITY_POLICY);
    expect(contentSecurityPolicy(undefined)).toBe(CONTENT_SECURITY_POLICY);
  });

  it('allows only the refresh preamble and the HMR socket in development, never eval', () => {
    const dev = contentSecurityPolicy(DEV);
    const policy = directives(dev);
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
    expect(dev).not.toContain('unsafe-eval');
    expect(directives(contentSecurityPolicy('https://localhost:5173')).get('connect-src')).toEqual(["'self'", 'wss://localhost:5173']);
  });

  it('replaces whatever policy a response carried', () => {
    const headers = withContentSecurityPolicy(
      { 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'], 'CONTENT-SECURITY-POLICY': ['script-src *'] },
      CONTENT_SECURITY_POLICY,
    );
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    expect(withContentSecurityPolicy(undefined, 'x')).toEqual({ 'Content-Security-Policy': ['x'] });
  });
});

/** Just enough of Electron's App, Session and WebContents to watch what the policy installs. */
function fakes() {
  const handlers: {
    headers?: (details: { responseHeaders?: Record<string, string[]> }, callback: (response: unknown) => void) => void;
    permissionRequest?: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
    permissionCheck?: (...args: unknown[]) => boolean;
    devicePermission?: (...args: unknown[]) => boolean;
  } = {};
  const session = {
    webRequest: {
      onHeadersReceived: (listener: typeof handlers.headers) => {
        handlers.headers = listener;
      },
    },
    setPermissionRequestHandler: (handler: typeof handlers.permissionRequest) => {
      handlers.permissionRequest = handler;
    },
    setPermissionCheckHandler: (handler: typeof handlers.permissionCheck) => {
      handlers.permissionCheck = handler;
    },
    setDevicePermissionHandler: (handler: typeof handlers.devicePermission) => {
      handlers.devicePermission = handler;
    },
  };
  const app = new EventEmitter();
  class FakeContents extends EventEmitter {
    openHandler?: (details: { url: string }) => { action: string };
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      this.openHandler = handler;
    }
  }
  return { handlers, session: session as unknown as Session, app: app as unknown as App, rawApp: app, FakeContents };
}

function navigation(url: string) {
  return {
    url,
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
}

describe('applySecurityPolicy', () => {
  it('puts the CSP on every response', () => {
    const { handlers, session, app } = fakes();
    applySecurityPolicy({ app, session });
    let response: unknown;
    handlers.headers!({ responseHeaders: { 'Content-Security-Policy': ['default-src *'], 'X-Test': ['1'] } }, (r) => (response = r));
    expect(response).toEqual({
      responseHeaders: { 'X-Test': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });

  it('denies every permission request and check', () => {
    const { handlers, session, app } = fakes();
    applySecurityPolicy({ app, session });
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      let granted: boolean | undefined;
      handlers.permissionRequest!({}, permission, (answer) => (granted = answer));
      expect(granted).toBe(false);
      expect(handlers.permissionCheck!({}, permission, 'app://ledger', {})).toBe(false);
    }
    expect(handlers.devicePermission!({ deviceType: 'usb' })).toBe(false);
  });

  it('blocks navigation away from the app, new windows and webviews', () => {
    const { session, app, rawApp, FakeContents } = fakes();
    applySecurityPolicy({ app, session });
    const contents = new FakeContents();
    rawApp.emit('web-contents-created', {}, contents);

    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      const away = navigation('https://example.com/');
      contents.emit(event, away);
      expect(away.prevented, event).toBe(true);
      const file = navigation('file:///etc/passwd');
      contents.emit(event, file);
      expect(file.prevented, event).toBe(true);
      const inside = navigation('app://ledger/index.html');
      contents.emit(event, inside);
      expect(inside.prevented, event).toBe(false);
    }

    const devNavigation = navigation('http://localhost:5173/');
    contents.emit('will-navigate', devNavigation);
    expect(devNavigation.prevented).toBe(true);

    expect(contents.openHandler!({ url: 'app://ledger/index.html' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });

    const webview = navigation('app://ledger/index.html');
    contents.emit('will-attach-webview', webview, {}, {});
    expect(webview.prevented).toBe(true);
  });

  it('lets the dev server through in development only', () => {
    const { handlers, session, app, rawApp, FakeContents } = fakes();
    applySecurityPolicy({ app, session, devServerUrl: DEV });
    const contents = new FakeContents();
    rawApp.emit('web-contents-created', {}, contents);
    const dev = navigation('http://localhost:5173/');
    contents.emit('will-navigate', dev);
    expect(dev.prevented).toBe(false);
    const other = navigation('http://localhost:8080/');
    contents.emit('will-navigate', other);
    expect(other.prevented).toBe(true);

    let response: { responseHeaders: Record<string, string[]> } | undefined;
    handlers.headers!({ responseHeaders: {} }, (r) => (response = r as typeof response));
    expect(response!.responseHeaders['Content-Security-Policy']).toEqual([contentSecurityPolicy(DEV)]);
  });
});

/**
 * Checklist items that are about what the code never does: read every source under main/ and
 * preload/ (tests excepted: they name these things to look for them) and refuse the patterns.
 */
const FORBIDDEN: [string, RegExp][] = [
  ['the remote module', /@electron\/remote|\benableRemoteModule\b|\bremote\s*[,}]|\bremote\.(require|getCurrent)/],
  ['shell.openExternal (or any shell call)', /\bopenExternal\b|\bshell\s*\.\s*\w+\s*\(|import\s*\{[^}]*\bshell\b[^}]*\}\s*from\s*'electron'/],
  ['webviewTag: true', /webviewTag\s*:\s*true/],
  ['nodeIntegration: true (also in workers and subframes)', /nodeIntegration\w*\s*:\s*true/],
  ['contextIsolation: false', /contextIsolation\s*:\s*false/],
  ['sandbox: false', /sandbox\s*:\s*false/],
  ['webSecurity: false', /webSecurity\s*:\s*false/],
  ['allowRunningInsecureContent: true', /allowRunningInsecureContent\s*:\s*true/],
  ['opening the devtools', /openDevTools\s*\(/],
  ['a permission handler that grants', /callback\s*\(\s*true\s*\)/],
  ["a window open handler that allows", /action\s*:\s*'allow'/],
];

describe('Electron APIs the app never uses', () => {
  const repo = resolve(import.meta.dirname, '..');
  const sources = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) return sources(path);
      return /\.(c|m)?tsx?$|\.(c|m)?js$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
    });
  const files = [...sources(join(repo, 'main')), ...sources(join(repo, 'preload'))].map((path) => ({
    name: relative(repo, path).split('\\').join('/'),
    text: readFileSync(path, 'utf8'),
  }));

  it('reads the Electron sources it checks', () => {
    const names = files.map((file) => file.name);
    for (const name of ['main/index.ts', 'main/window.ts', 'main/ipc.ts', 'main/security.ts', 'preload/index.ts']) expect(names).toContain(name);
  });

  it.each(FORBIDDEN)('no %s', (_item, pattern) => {
    const offending = files.filter((file) => pattern.test(file.text)).map((file) => file.name);
    expect(offending).toEqual([]);
  });

  it('the patterns find what they look for', () => {
    const samples = [
      "import { remote } from 'electron'",
      "require('@electron/remote/main').initialize()",
      "shell.openExternal(url)",
      "import { app, shell } from 'electron'",
      '{ webviewTag: true }',
      '{ nodeIntegrationInWorker: true }',
      '{ sandbox: false }',
      'win.webContents.openDevTools()',
    ];
    for (const sample of samples) expect(FORBIDDEN.some(([, pattern]) => pattern.test(sample)), sample).toBe(true);
  });
});
