import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { serveAppRequest } from '../../main/app-path';
import { CONTENT_SECURITY_POLICY } from '../../main/security';
import type { Clock } from '../../main/services/clock';
import { createLedgerCore, type LedgerCore, type Session } from '../../main/services/ledger-core';

/**
 * The test host: serves the built renderer and answers the contract over HTTP on 127.0.0.1,
 * with the same services and a real SQLite file, so Playwright drives the real UI.
 * Test tooling only: never shipped, never bound beyond loopback.
 */
export interface TestHostOptions {
  dataDir: string;
  port?: number;
  rendererDir?: string;
}

export interface TestHost {
  url: string;
  core: LedgerCore;
  /** Moves the main side's clock (idle lock, account lockout) without waiting. */
  advanceClock(minutes: number): void;
  close(): Promise<void>;
}

/** What preload exposes in the app, imitated over HTTP. */
const BRIDGE = `window.ledger = Object.freeze({
  invoke: (name, input) =>
    fetch('/__host/invoke', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, input }) })
      .then((r) => r.json()),
});`;

/** Above the largest request the contract accepts (a 64 MB bundle as base64). */
const MAX_BODY = 96 * 1024 * 1024;
/** The app's own policy: its connect-src 'self' also covers the bridge's fetch to this host. */
const CSP = CONTENT_SECURITY_POLICY;

export async function startTestHost(options: TestHostOptions): Promise<TestHost> {
  const rendererDir = resolve(options.rendererDir ?? join(__dirname, '../../out/renderer'));
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`no built renderer at ${rendererDir}: run "npm run build" first`);
  }
  let offsetMs = 0;
  const clock: Clock = { now: () => new Date(Date.now() + offsetMs) };
  const core = createLedgerCore({ dataDir: options.dataDir, clock, log: (e) => console.error('[test-host]', e) });
  const sessions = new Map<string, Session>();

  function sessionOf(req: IncomingMessage, res: ServerResponse): Session {
    const token = /(?:^|;\s*)ledger-session=([0-9a-f]{32})/.exec(req.headers.cookie ?? '')?.[1];
    const existing = token ? sessions.get(token) : undefined;
    if (existing) return existing;
    const fresh = randomBytes(16).toString('hex');
    const session = core.newSession();
    sessions.set(fresh, session);
    res.setHeader('Set-Cookie', `ledger-session=${fresh}; HttpOnly; SameSite=Strict; Path=/`);
    return session;
  }

  /** Requests still being dispatched: closing waits for them, so no transaction meets a closed database. */
  const inFlight = new Set<Promise<unknown>>();

  async function invoke(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY) return send(res, 413, 'application/json', JSON.stringify({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE', message: 'too large' } }));
      chunks.push(chunk as Buffer);
    }
    let body: { name?: unknown; input?: unknown };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
    } catch {
      return send(res, 400, 'application/json', JSON.stringify({ ok: false, error: { code: 'INVALID_INPUT', message: 'bad JSON' } }));
    }
    const running = core.dispatch(sessionOf(req, res), body?.name, body?.input);
    inFlight.add(running);
    try {
      send(res, 200, 'application/json', JSON.stringify(await running));
    } finally {
      inFlight.delete(running);
    }
  }

  /** Static files go through the app:// handler itself: same path guard, types and CSP as the app. */
  async function serveFile(req: IncomingMessage, res: ServerResponse) {
    const path = new URL(req.url ?? '/', 'http://host').pathname;
    const response = await serveAppRequest(rendererDir, new Request(`app://ledger${path}`), CSP);
    let body = Buffer.from(await response.arrayBuffer());
    if (response.ok && (path === '/' || path === '/index.html')) {
      sessionOf(req, res);
      body = Buffer.from(body.toString('utf8').replace('<script', '<script src="/__host/bridge.js"></script>\n    <script'));
    }
    send(res, response.status, response.headers.get('Content-Type') ?? 'text/plain', body);
  }

  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (req.method === 'POST' && url === '/__host/invoke') return void invoke(req, res);
    if (req.method === 'GET' && url === '/__host/bridge.js') return send(res, 200, 'text/javascript; charset=utf-8', BRIDGE);
    if (req.method === 'GET') return void serveFile(req, res);
    send(res, 405, 'text/plain', 'method not allowed');
  });
  await new Promise<void>((done) => server.listen(options.port ?? 0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    core,
    advanceClock(minutes) {
      offsetMs += minutes * 60_000;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await Promise.allSettled([...inFlight]);
      core.close();
    },
  };
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer) {
  res.writeHead(status, { 'Content-Type': type, 'Content-Security-Policy': CSP, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(body);
}
