import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LedgerCore } from './services/ledger-core';

/** Stand-ins for the Electron modules both ends of the IPC use (no Electron here). */
const electron = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
  exposed: [] as [string, unknown][],
  invoked: [] as unknown[][],
}));

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => {
      if (electron.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      electron.handlers.set(channel, handler);
    },
  },
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.push([key, api]) },
  ipcRenderer: { invoke: (...args: unknown[]) => (electron.invoked.push(args), Promise.resolve({ ok: true, value: 'answer' })) },
}));

const { installLedgerIpc, LEDGER_CHANNEL } = await import('./ipc');

class FakeContents extends EventEmitter {
  destroyed = false;
  readonly mainFrame = { url: 'app://ledger/index.html' };
  isDestroyed() {
    return this.destroyed;
  }
}

function install(devServerUrl?: string) {
  electron.handlers.clear();
  const sessions: object[] = [];
  const calls: { session: object; name: unknown; input: unknown }[] = [];
  const core = {
    newSession: () => {
      const session = { n: sessions.length };
      sessions.push(session);
      return session;
    },
    dispatch: (session: object, name: unknown, input: unknown) => {
      calls.push({ session, name, input });
      return Promise.resolve({ ok: true, value: 'done' });
    },
  } as unknown as LedgerCore;
  const ours = new Set<FakeContents>();
  installLedgerIpc(core, { ownsWebContents: (contents) => ours.has(contents as unknown as FakeContents), devServerUrl });
  expect([...electron.handlers.keys()]).toEqual([LEDGER_CHANNEL]);
  const handler = electron.handlers.get(LEDGER_CHANNEL)!;
  const window = () => {
    const contents = new FakeContents();
    ours.add(contents);
    return contents;
  };
  const send = (sender: FakeContents, senderFrame: { url: string } | null, name: unknown = 'people.list', input: unknown = {}) =>
    handler({ sender, senderFrame }, name, input) as Promise<{ ok: boolean; error?: { code: string; message: string } }>;
  return { sessions, calls, window, send };
}

describe('installLedgerIpc (the IPC sender frame check)', () => {
  it('answers the main frame of our own window through the core', async () => {
    const { calls, window, send } = install();
    const contents = window();
    expect(await send(contents, contents.mainFrame, 'people.list', { page: 1 })).toEqual({ ok: true, value: 'done' });
    expect(calls.map((c) => [c.name, c.input])).toEqual([['people.list', { page: 1 }]]);
  });

  it.each<[string, (ipc: ReturnType<typeof install>) => [FakeContents, { url: string } | null]]>([
    ['a subframe of our window, even one showing the app', (ipc) => [ipc.window(), { url: 'app://ledger/index.html' }]],
    ['a webContents this app did not create', () => {
      const stranger = new FakeContents();
      return [stranger, stranger.mainFrame];
    }],
    ['a frame that is gone (navigated away or destroyed)', (ipc) => [ipc.window(), null]],
    ['our main frame showing another page', (ipc) => {
      const contents = ipc.window();
      contents.mainFrame.url = 'https://example.com/';
      return [contents, contents.mainFrame];
    }],
    ['a destroyed window', (ipc) => {
      const contents = ipc.window();
      contents.destroyed = true;
      return [contents, contents.mainFrame];
    }],
    ['the dev server page when not in development', (ipc) => {
      const contents = ipc.window();
      contents.mainFrame.url = 'http://localhost:5173/';
      return [contents, contents.mainFrame];
    }],
  ])('refuses %s, translated, without reaching the core', async (_case, sender) => {
    const ipc = install();
    const [contents, frame] = sender(ipc);
    const answer = await ipc.send(contents, frame);
    expect(answer.ok).toBe(false);
    expect(answer.error!.code).toBe('UNTRUSTED_SENDER');
    expect(answer.error!.message).toMatch(/[\u4e00-\u9fff]/);
    expect(ipc.calls).toEqual([]);
    expect(ipc.sessions).toEqual([]);
  });

  it('accepts the dev server page in development only', async () => {
    const ipc = install('http://localhost:5173');
    const contents = ipc.window();
    contents.mainFrame.url = 'http://localhost:5173/';
    expect((await ipc.send(contents, contents.mainFrame)).ok).toBe(true);
  });

  it('keeps one session per window, and drops it when the window is destroyed', async () => {
    const ipc = install();
    const first = ipc.window();
    const second = ipc.window();
    await ipc.send(first, first.mainFrame);
    await ipc.send(first, first.mainFrame);
    await ipc.send(second, second.mainFrame);
    expect(ipc.sessions).toHaveLength(2);
    expect(ipc.calls[0]!.session).toBe(ipc.calls[1]!.session);
    expect(ipc.calls[2]!.session).not.toBe(ipc.calls[0]!.session);
    first.emit('destroyed');
    await ipc.send(first, first.mainFrame);
    expect(ipc.sessions).toHaveLength(3);
  });
});

describe('preload', () => {
  beforeEach(() => {
    electron.exposed.length = 0;
    electron.invoked.length = 0;
  });

  it('exposes window.ledger with `invoke` only, forwarding to the one channel unchanged', async () => {
    vi.resetModules();
    await import('../preload/index');
    expect(electron.exposed.map(([key]) => key)).toEqual(['ledger']);
    const bridge = electron.exposed[0]![1] as Record<string, unknown>;
    expect(Object.keys(bridge)).toEqual(['invoke']);
    const input = { name: '张三' };
    expect(await (bridge.invoke as (name: string, input: unknown) => Promise<unknown>)('people.list', input)).toEqual({ ok: true, value: 'answer' });
    expect(electron.invoked).toEqual([[LEDGER_CHANNEL, 'people.list', input]]);
  });

  it('imports nothing at run time but electron (the contract comes in as types only)', () => {
    const source = readFileSync(resolve(import.meta.dirname, '../preload/index.ts'), 'utf8');
    const imports = [...source.matchAll(/^import\s+(type\s+)?.*?from\s+'([^']+)'/gm)].filter((m) => !m[1]).map((m) => m[2]);
    expect(imports).toEqual(['electron']);
  });
});
