import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypeFor, resolveAppPath, serveAppRequest } from './app-path';
import { CONTENT_SECURITY_POLICY } from './security';

const ROOT = resolve('/srv/out/renderer');

describe('resolveAppPath', () => {
  it.each([
    ['app://ledger/', 'index.html'],
    ['app://ledger', 'index.html'],
    ['app://ledger/index.html', 'index.html'],
    ['app://ledger/index.html?v=1#/people', 'index.html'],
    ['app://ledger/assets/index-Ab12_cd.js', 'assets/index-Ab12_cd.js'],
    ['app://ledger/assets/fonts/noto.woff2', 'assets/fonts/noto.woff2'],
    ['app://ledger/assets/a%20b.css', 'assets/a b.css'],
    ['app://ledger/assets/%E5%9B%BE%E6%A0%87.svg', 'assets/图标.svg'],
    ['app://ledger/./index.html', 'index.html'],
    ['app://LEDGER/index.html', 'index.html'],
  ])('%s → %s', (url, file) => {
    expect(resolveAppPath(ROOT, url)).toBe(join(ROOT, file));
  });

  it.each([
    // plain traversal, before and after URL normalisation
    'app://ledger/../etc/passwd',
    'app://ledger/../../../../etc/passwd',
    'app://ledger/assets/../../secret',
    'app://ledger/assets/..',
    'app://ledger/..',
    // encoded traversal
    'app://ledger/%2e%2e/x',
    'app://ledger/%2E%2E/x',
    'app://ledger/.%2e/x',
    'app://ledger/%2e./x',
    'app://ledger/..%2fx',
    'app://ledger/..%2Fx',
    'app://ledger/assets%2f..%2f..%2fx',
    'app://ledger/%252e%252e/x',
    'app://ledger/..%5cx',
    'app://ledger/..%5Cx',
    // backslashes
    'app://ledger/a\\..\\..\\x',
    'app://ledger/..\\x',
    'app://ledger\\..\\x',
    'app://ledger/assets\\index.js',
    // NUL bytes
    'app://ledger/index.html\0.png',
    'app://ledger/index.html%00.png',
    'app://ledger/%00',
    // absolute paths and drives
    'app://ledger//etc/passwd/',
    'app://ledger/C:/Windows/win.ini',
    'app://ledger/C:%5CWindows%5Cwin.ini',
    'app://ledger/index.html::$DATA',
    // other hosts, schemes, ports, credentials
    'app://evil/index.html',
    'app://ledger.evil/index.html',
    'app://ledger:8080/index.html',
    'app://user@ledger/index.html',
    'app://ledger@evil/index.html',
    'file:///etc/passwd',
    'file://ledger/index.html',
    'https://ledger/index.html',
    'http://localhost:5173/index.html',
    'javascript:alert(1)',
    // directories other than the root, malformed encodings, garbage
    'app://ledger/assets/',
    'app://ledger/%E0%A4%A',
    'app://ledger/%',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(ROOT, url)).toBeNull();
  });

  it('never returns a path outside the root', () => {
    const probes = ['..', '%2e', '%2f', '%5c', '\\', '/', '.', 'a', '%00', '%252e', ':'];
    for (const a of probes) {
      for (const b of probes) {
        for (const c of probes) {
          const resolved = resolveAppPath(ROOT, `app://ledger/${a}${b}${c}x`);
          if (resolved !== null) expect(resolved.startsWith(ROOT + sep)).toBe(true);
        }
      }
    }
  });

  it('keeps an empty-segment path inside the root', () => {
    const resolved = resolveAppPath(ROOT, 'app://ledger//etc/passwd');
    expect(resolved === null || resolved === join(ROOT, 'etc/passwd')).toBe(true);
  });

  it('accepts a relative root', () => {
    expect(resolveAppPath('out/renderer', 'app://ledger/')).toBe(resolve('out/renderer/index.html'));
  });
});

describe('contentTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a.js', 'text/javascript; charset=utf-8'],
    ['a.mjs', 'text/javascript; charset=utf-8'],
    ['a.css', 'text/css; charset=utf-8'],
    ['a.svg', 'image/svg+xml'],
    ['a.PNG', 'image/png'],
    ['a.woff2', 'font/woff2'],
    ['a.json', 'application/json; charset=utf-8'],
    ['a.unknown', 'application/octet-stream'],
    ['noextension', 'application/octet-stream'],
  ])('%s → %s', (file, type) => {
    expect(contentTypeFor(file)).toBe(type);
  });
});

describe('serveAppRequest', () => {
  let root: string;
  let outside: string;
  const policy = CONTENT_SECURITY_POLICY;
  const get = (url: string, method = 'GET') => serveAppRequest(root, new Request(url, { method }), policy);

  beforeAll(() => {
    const base = mkdtempSync(join(tmpdir(), 'app-protocol-'));
    root = join(base, 'renderer');
    outside = join(base, 'secret.txt');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>民政服务台账</title>');
    writeFileSync(join(root, 'assets', 'index.js'), 'console.log(1)');
    writeFileSync(join(root, 'assets', 'index.css'), 'body{}');
    writeFileSync(join(root, 'assets', 'logo.svg'), '<svg/>');
    writeFileSync(join(root, 'assets', 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    writeFileSync(join(root, 'assets', 'font.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
    writeFileSync(join(root, 'assets', 'data.json'), '{"a":1}');
    writeFileSync(outside, 'secret');
  });

  afterAll(() => {
    rmSync(resolve(root, '..'), { recursive: true, force: true });
  });

  it('serves index.html for / with the CSP and its type', async () => {
    const response = await get('app://ledger/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(policy);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('民政服务台账');
  });

  it.each([
    ['assets/index.js', 'text/javascript; charset=utf-8'],
    ['assets/index.css', 'text/css; charset=utf-8'],
    ['assets/logo.svg', 'image/svg+xml'],
    ['assets/logo.png', 'image/png'],
    ['assets/font.woff2', 'font/woff2'],
    ['assets/data.json', 'application/json; charset=utf-8'],
  ])('serves %s as %s', async (file, type) => {
    const response = await get(`app://ledger/${file}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('content-security-policy')).toBe(policy);
  });

  it('serves bytes unchanged', async () => {
    const response = await get('app://ledger/assets/logo.png');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    expect(response.headers.get('content-length')).toBe('4');
  });

  it('answers HEAD without a body', async () => {
    const response = await get('app://ledger/index.html', 'HEAD');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it.each(['app://ledger/missing.js', 'app://ledger/assets', 'app://ledger/assets/'])('404 for %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(policy);
  });

  it.each([
    'app://ledger/../secret.txt',
    'app://ledger/%2e%2e/secret.txt',
    'app://ledger/..%2fsecret.txt',
    'app://ledger/assets/..%5c..%5csecret.txt',
    'app://evil/index.html',
  ])('404 and no leak for %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('secret');
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await get('app://ledger/index.html', 'POST');
    expect(response.status).toBe(405);
  });
});
