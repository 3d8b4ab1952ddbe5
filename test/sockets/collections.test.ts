import { describe, expect, it } from 'vitest';
import { analyzeFiles, only, summary } from '../helpers/analyze-snippet.js';

describe('sockets kept in collections', () => {
  it('a socket made in a .map() callback and closed through forEach is receive-only', () => {
    const src = `export function openFeeds(urls: string[], onData: (d: unknown) => void) {
        const feeds = urls.map((url) => {
          const ws = new WebSocket(url);
          ws.onmessage = (e) => onData(e.data);
          return ws;
        });
        return () => feeds.forEach((f) => f.close());
      }`;
    expect(only(src)).toEqual({ verdict: 'receive-only', sends: [] });
  });

  it('a send through an index access counts as a send of the socket', () => {
    const src = `const rooms = ['a', 'b'].map((r) => new WebSocket('wss://chat/' + r));
      rooms.forEach((s) => s.addEventListener('message', (e) => console.log(e.data)));
      export function say(text: string) {
        rooms[0].send(JSON.stringify({ type: 'chat', text }));
      }`;
    expect(only(src)).toEqual({ verdict: 'bidirectional', sends: ['data:chat'] });
  });

  it('subscribes sent through forEach over a pushed array stay control-only', () => {
    const src = `const open: WebSocket[] = [];
      for (const topic of ['prices', 'news']) open.push(new WebSocket('wss://feed/' + topic));
      open.forEach((s) => {
        s.onopen = () => s.send(JSON.stringify({ type: 'subscribe' }));
        s.onmessage = (e) => console.log(e.data);
      });`;
    expect(only(src)).toEqual({ verdict: 'control-only', sends: ['control:subscribe'] });
  });

  it('Map values: set, get, values() and for…of over entries', () => {
    const src = `const byRoom = new Map<string, WebSocket>();
      export function join(room: string) {
        byRoom.set(room, new WebSocket('wss://x/' + room));
        byRoom.get(room)!.onmessage = (e) => console.log(e.data);
      }
      export function ping() { for (const s of byRoom.values()) s.send('ping'); }
      export function post(room: string, text: string) {
        for (const [, s] of byRoom) s.send(JSON.stringify({ type: 'message', room, text }));
      }`;
    expect(only(src)).toEqual({ verdict: 'bidirectional', sends: ['control:ping', 'data:message'] });
  });

  it('a Set class field, a dictionary object and an array literal are followed', () => {
    const files = {
      'src/a.ts': `export class Hub {
          private live = new Set<WebSocket>();
          open(url: string) { this.live.add(new WebSocket(url)); }
          stop() { this.live.forEach((s) => s.close()); this.live.clear(); }
        }`,
      'src/b.ts': `const byId: Record<string, WebSocket> = {};
        export function open(id: string) { byId[id] = new WebSocket('wss://x/' + id); }
        export function hello(id: string) { byId[id].send(JSON.stringify({ type: 'auth', token: id })); }`,
      'src/c.ts': `const pair = [new WebSocket('wss://a'), new WebSocket('wss://b')];
        for (const s of pair) s.onmessage = (e) => console.log(e.data);`,
    };
    const sockets = analyzeFiles(files).map(summary);
    expect(sockets).toEqual([
      { verdict: 'receive-only', sends: [] },
      { verdict: 'control-only', sends: ['control:auth'] },
      { verdict: 'receive-only', sends: [] },
      { verdict: 'receive-only', sends: [] },
    ]);
  });

  it('a collection handed on, returned, or a holder that is not a built-in collection stays unknown', () => {
    expect(only(`export const all = [new WebSocket('wss://a')];`).verdict).toBe('unknown');
    expect(only(`export function make() { return ['x'].map((u) => new WebSocket(u)); }`).verdict).toBe('unknown');
    expect(
      only(`import { register } from 'lib';
        const list: WebSocket[] = [];
        list.push(new WebSocket('wss://a'));
        register(list);`).verdict,
    ).toBe('unknown');
    expect(only(`export function keep(list: WebSocket[]) { list.push(new WebSocket('wss://a')); }`).verdict).toBe(
      'unknown',
    );
    expect(
      only(`import { Pool } from 'lib';
        const pool = new Pool();
        pool.add(new WebSocket('wss://a'));`).verdict,
    ).toBe('unknown');
    // a callback the analyzer cannot read
    expect(
      only(`import { handle } from 'lib';
        const all = [new WebSocket('wss://a')];
        all.forEach(handle);`).verdict,
    ).toBe('unknown');
  });

  it('sockets pushed into one array from two functions are two sockets', () => {
    const src = `const socks: WebSocket[] = [];
      export function a() { socks.push(new WebSocket('wss://a')); }
      export function b() { socks.push(new WebSocket('wss://b')); }
      export function stop() { socks.forEach((s) => s.close()); }`;
    expect(analyzeFiles({ 'src/a.ts': src }).map(summary)).toEqual([
      { verdict: 'receive-only', sends: [] },
      { verdict: 'receive-only', sends: [] },
    ]);
  });

  it('a useRef array and a class dictionary read through Object.values are followed', () => {
    const files = {
      'src/a.tsx': `import { useEffect, useRef } from 'react';
        export function useFeeds(urls: string[]) {
          const live = useRef<WebSocket[]>([]);
          useEffect(() => {
            for (const u of urls) live.current.push(new WebSocket(u));
            live.current.forEach((s) => (s.onopen = () => s.send(JSON.stringify({ type: 'subscribe', topic: 'all' }))));
            return () => live.current.forEach((s) => s.close());
          }, [urls]);
        }`,
      'src/b.ts': `export class Rooms {
          private byRoom: { [room: string]: WebSocket } = {};
          join(room: string) { this.byRoom[room] = new WebSocket('wss://x/' + room); }
          say(room: string, text: string) {
            Object.values(this.byRoom).forEach((s) => s.send(JSON.stringify({ type: 'chat', room, text })));
          }
        }`,
    };
    expect(analyzeFiles(files).map(summary)).toEqual([
      { verdict: 'control-only', sends: ['control:subscribe'] },
      { verdict: 'bidirectional', sends: ['data:chat'] },
    ]);
  });

  it('an async .map() callback collects promises, which are not followed', () => {
    const s = only(`export async function openAll(urls: string[]) {
        const all = urls.map(async (u) => { const ws = new WebSocket(u); return ws; });
        (await Promise.all(all)).forEach((ws) => ws.send('subscribe'));
      }`);
    expect(s.verdict).toBe('unknown');
  });

  it('a JavaScript class whose constructor starts a list is a collection holder', () => {
    const files = {
      'src/pool.js': `export class Pool {
          constructor() { this.open = []; }
          add(url) { this.open.push(new WebSocket(url)); }
          heartbeat() { for (const s of this.open) s.send('ping'); }
        }`,
    };
    expect(analyzeFiles(files).map(summary)).toEqual([{ verdict: 'control-only', sends: ['control:ping'] }]);
  });

  it('a collection that leaves sight through a global, an object or a default export leaves its sockets unknown', () => {
    const cases = [
      `const all: WebSocket[] = [];\nall.push(new WebSocket('wss://a'));\n(window as any).sockets = all;`,
      `const all = [new WebSocket('wss://a')];\nexport const state = { all };`,
      `const all = new Set<WebSocket>();\nall.add(new WebSocket('wss://a'));\nexport default all;`,
      `import { use } from 'lib';\nconst all = [new WebSocket('wss://a')];\nuse(all[0]);`,
      `const all = [new WebSocket('wss://a')];\nall.reduce((n, s) => n + s.bufferedAmount, 0);`,
    ];
    for (const src of cases) expect(only(src).verdict, src).toBe('unknown');
  });

  it('a collection returned by a factory is followed to its callers, in this file and in importing ones', () => {
    const files = {
      'src/open.ts': `export function openFeeds(urls: string[]) {
          return urls.map((u) => new WebSocket(u));
        }`,
      'src/use.ts': `import { openFeeds } from './open';
        const feeds = openFeeds(['wss://a', 'wss://b']);
        feeds.forEach((f) => (f.onopen = () => f.send(JSON.stringify({ type: 'subscribe', channel: 'all' }))));`,
    };
    expect(only(files)).toEqual({ verdict: 'control-only', sends: ['control:subscribe'] });
    // one caller passes the list on: unknown
    const leaky = {
      ...files,
      'src/other.ts': `import { openFeeds } from './open';\nimport { keep } from 'lib';\nkeep(openFeeds(['wss://c']));`,
    };
    expect(only(leaky).verdict).toBe('unknown');
  });
});
