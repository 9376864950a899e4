/**
 * Which pages may talk to the main side. Pure functions, no Electron: unit-tested on Node.
 *
 * Trusted: the bundled renderer at app://ledger/…, and — in development only, when the caller
 * passes electron-vite's dev server URL — pages of exactly that origin.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'ledger';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** app://ledger/… exactly: no other host, no port, no credentials. */
function isAppUrl(url: URL): boolean {
  return (
    url.protocol === `${APP_SCHEME}:` &&
    url.hostname.toLowerCase() === APP_HOST &&
    url.port === '' &&
    url.username === '' &&
    url.password === ''
  );
}

function isDevServerUrl(url: URL, devServerUrl: string): boolean {
  const dev = parse(devServerUrl);
  if (!dev || (dev.protocol !== 'http:' && dev.protocol !== 'https:')) return false;
  return url.origin === dev.origin && url.username === '' && url.password === '';
}

export function isTrustedAppUrl(url: string, devServerUrl?: string): boolean {
  if (typeof url !== 'string') return false;
  const parsed = parse(url);
  if (!parsed) return false;
  if (isAppUrl(parsed)) return true;
  return devServerUrl ? isDevServerUrl(parsed, devServerUrl) : false;
}

/**
 * The IPC sender decision. `senderFrame` is `event.senderFrame` (null once the frame navigated away
 * or was destroyed); `ownMainFrame` is the main frame of the sending webContents when that
 * webContents belongs to a window this app created, else null. Trusted only when the message came
 * from that main frame (not an iframe) and the frame shows a trusted URL.
 */
export function isTrustedSender<F extends { readonly url: string }>(
  senderFrame: F | null | undefined,
  ownMainFrame: F | null | undefined,
  devServerUrl?: string,
): boolean {
  if (!senderFrame || !ownMainFrame) return false;
  if (senderFrame !== ownMainFrame) return false;
  return isTrustedAppUrl(senderFrame.url, devServerUrl);
}
