import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from './trusted-url';

/**
 * What app://ledger/… serves: files of the built renderer, nothing else. Pure Node (no Electron),
 * so the path rules and the responses are unit-tested without the app.
 */

/** Characters that never appear in a path of the built renderer, raw or percent-encoded. */
const ENCODED_FORBIDDEN = /%(?:2e|2f|5c|00)/i;

/** `..` as a whole path segment, with / or \ as the separator. */
function hasDotDotSegment(path: string): boolean {
  return path.split(/[/\\]/).some((segment) => segment === '..');
}

/** The raw path of an app:// URL as written, before the URL parser normalises `..` away. */
function rawPath(requestUrl: string): string {
  const afterScheme = requestUrl.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/\\?#]*/i, '');
  return afterScheme.split(/[?#]/, 1)[0] ?? '';
}

/**
 * The file under rootDir that `requestUrl` names, or null when the URL is not app://ledger/… or
 * tries to leave rootDir in any way (`..`, encoded dots or slashes, double encoding, backslashes,
 * NUL, drive letters, absolute paths). `/` is index.html.
 */
export function resolveAppPath(rootDir: string, requestUrl: string): string | null {
  if (typeof requestUrl !== 'string' || requestUrl.includes('\0')) return null;
  const raw = rawPath(requestUrl);
  if (raw.includes('\\') || ENCODED_FORBIDDEN.test(raw) || hasDotDotSegment(raw)) return null;

  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname.toLowerCase() !== APP_HOST) return null;
  if (url.port !== '' || url.username !== '' || url.password !== '') return null;

  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null; // malformed percent-encoding
  }
  if (path === '' || path === '/') path = '/index.html';
  if (!path.startsWith('/') || path.endsWith('/')) return null;
  // After one decoding no `%` is left in a real file name: refuse double encoding outright.
  if (/[\0\\:%]/.test(path) || hasDotDotSegment(path)) return null;

  const relativePath = path.replace(/^\/+/, '');
  if (relativePath === '' || isAbsolute(relativePath)) return null;

  const root = resolve(rootDir);
  const file = resolve(root, relativePath);
  const inside = relative(root, file);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return null;
  return file;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function plain(status: number, text: string, policy: string): Response {
  return new Response(text, {
    status,
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Security-Policy': policy,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

/** The app:// handler's answer to one request: the file with its type and the CSP, or 400/404/405. */
export async function serveAppRequest(rootDir: string, request: Request, policy: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method Not Allowed', policy);
  const file = resolveAppPath(rootDir, request.url);
  if (!file) return plain(404, 'Not Found', policy);
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return plain(404, 'Not Found', policy); // missing, or a directory
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: {
      'Content-Type': contentTypeFor(file),
      'Content-Length': String(body.length),
      'Content-Security-Policy': policy,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    },
  });
}
