import type { App, Session, WebContents } from 'electron';
import { isTrustedAppUrl } from './trusted-url';

/**
 * The window's security policy. Electron objects come in as arguments (type-only import), so this
 * module loads on plain Node and its pure parts are unit-tested there.
 */

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/**
 * The policy for a page. In development (electron-vite's dev server) the React refresh preamble is an
 * inline module script and HMR uses a WebSocket to the dev server, so those two are allowed there;
 * never eval, and the production policy is CONTENT_SECURITY_POLICY unchanged.
 */
export function contentSecurityPolicy(devServerUrl?: string): string {
  if (!devServerUrl) return CONTENT_SECURITY_POLICY;
  const dev = new URL(devServerUrl);
  const socket = `${dev.protocol === 'https:' ? 'wss' : 'ws'}://${dev.host}`;
  return CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "connect-src 'self'",
    `connect-src 'self' ${socket}`,
  );
}

/** Response headers with any Content-Security-Policy the server sent replaced by ours. */
export function withContentSecurityPolicy(
  headers: Record<string, string | string[]> | undefined,
  policy: string,
): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value;
  }
  result['Content-Security-Policy'] = [policy];
  return result;
}

export interface SecurityPolicyOptions {
  app: App;
  session: Session;
  /** electron-vite's dev server URL (ELECTRON_RENDERER_URL); undefined in production. */
  devServerUrl?: string;
}

/** Locks down every web page the app creates. Call once, on ready, before the first window. */
export function applySecurityPolicy({ app, session, devServerUrl }: SecurityPolicyOptions): void {
  const policy = contentSecurityPolicy(devServerUrl);

  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, policy) });
  });

  // No camera, microphone, notifications, geolocation, clipboard-read, HID, serial, USB …
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);

  app.on('web-contents-created', (_event, contents: WebContents) => {
    const refuseUntrusted = (event: { url: string; preventDefault(): void }) => {
      if (!isTrustedAppUrl(event.url, devServerUrl)) event.preventDefault();
    };
    contents.on('will-navigate', refuseUntrusted);
    contents.on('will-frame-navigate', refuseUntrusted);
    contents.on('will-redirect', refuseUntrusted);
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
