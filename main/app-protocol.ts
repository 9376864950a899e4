import { protocol } from 'electron';
import { serveAppRequest } from './app-path';
import { APP_SCHEME } from './trusted-url';

export { resolveAppPath, contentTypeFor, serveAppRequest } from './app-path';

/** Before `ready`: app:// behaves like https (origin, fetch, secure context), not like file://. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** After `ready`: app://ledger/… serves the built renderer from rendererDir, with the CSP header. */
export function installAppProtocol(rendererDir: string, policy: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request, policy));
}
