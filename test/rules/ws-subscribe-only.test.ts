import { describe, expect, it } from 'vitest';
import { wsSubscribeOnly } from '../../rules/ws-subscribe-only.js';
import { analyzeFiles } from '../helpers/analyze-snippet.js';
import { checkSockets } from '../helpers/rule-context.js';

function findings(files: Record<string, string> | string) {
  const sockets = analyzeFiles(typeof files === 'string' ? { 'src/a.ts': files } : files);
  return checkSockets(wsSubscribeOnly, sockets);
}

describe('ws-subscribe-only', () => {
  describe('flags', () => {
    it('a socket that subscribes and pings, saying what, where, and what to use instead', () => {
      const [f, ...rest] = findings(`const ws = new WebSocket('wss://prices');
ws.onopen = () => ws.send(JSON.stringify({ type: 'subscribe', channel: 'BTC' }));
setInterval(() => ws.send('ping'), 25000);
ws.onmessage = (e) => console.log(e.data);`);
      expect(rest).toEqual([]);
      expect(f).toMatchObject({
        ruleId: 'ws-subscribe-only',
        severity: 'warning',
        file: 'src/a.ts',
        line: 1,
        column: 12,
      });
      expect(f.message).toMatch(
        /^WebSocket `new WebSocket\(…\)` only sends control messages: subscribe \(line 2\), ping \(line 3\)\./,
      );
      expect(f.message).toContain('Server-Sent Events');
      expect(f.message).toContain('POST');
      expect(f.related).toEqual([
        { file: 'src/a.ts', line: 2, column: 19, message: 'sends subscribe (control)' },
        { file: 'src/a.ts', line: 3, column: 19, message: 'sends ping (control)' },
      ]);
    });

    it('a socket that only listens', () => {
      const [f] = findings(
        `const ws = new WebSocket('wss://notify');\nws.addEventListener('message', (e) => show(e.data));`,
      );
      expect(f.message).toBe(
        'WebSocket `new WebSocket(…)` only listens, never sends: use Server-Sent Events (EventSource) for this one-way stream.',
      );
      expect(f.related).toEqual([]);
    });

    it('a connectivity probe that neither sends nor listens, saying what was not seen', () => {
      const [f, ...rest] = findings(`const ws = new WebSocket('wss://x');\nws.onopen = () => ws.close();`);
      expect(rest).toEqual([]);
      expect(f.message).toMatch(
        /^WebSocket `new WebSocket\(…\)` never sends, and no message listener was seen in the scanned files/,
      );
      expect(f.message).toContain('EventSource');
      expect(f.related).toEqual([]);
    });

    it('a singleton whose users only watch connect and disconnect', () => {
      const [f] = findings({
        'src/socket.ts': `import { io } from 'socket.io-client';\nexport const socket = io();`,
        'src/status.ts': `import { socket } from './socket';\nexport function watch(set: (up: boolean) => void) {\n  socket.on('connect', () => set(true));\n  socket.on('disconnect', () => set(false));\n}`,
      });
      expect(f).toMatchObject({ file: 'src/socket.ts', line: 2 });
      expect(f.message).toContain('no message listener was seen');
    });

    it('names sends in other files by file name', () => {
      const [f] = findings({
        'src/socket.ts': `import { io } from 'socket.io-client';\nexport const socket = io('https://live');`,
        'src/rooms.ts': `import { socket } from './socket';\nexport const enter = (room: string) => socket.emit('join', room);\nenter('lobby');`,
      });
      expect(f.message).toContain('join (rooms.ts:2)');
      expect(f.message).toMatch(/^socket\.io client `io\(…\)`/);
    });

    it('hedges for an injected constructor', () => {
      const [f] = findings(`export class C { constructor(private o: { WebSocket: typeof WebSocket }) {}
  open() { const s = new this.o.WebSocket('wss://x'); s.onmessage = () => {}; } }`);
      expect(f.message).toContain('(likely a WebSocket)');
    });

    it('points at streamed fetch when the client asks for binary frames', () => {
      const [f] = findings(
        `const ws = new WebSocket('wss://x');\nws.binaryType = 'arraybuffer';\nws.onmessage = (e) => decode(e.data);`,
      );
      expect(f.message).toContain('streamed fetch()');
    });
  });

  describe('does not flag', () => {
    it.each([
      [
        'a latency probe: a timed ping with an ack, no listener',
        `import { io } from 'socket.io-client';
const socket = io('https://x');
setInterval(() => { const t = Date.now(); socket.emit('ping', () => console.log(Date.now() - t)); }, 1000);
socket.on('connect', () => console.log('up'));`,
      ],
      [
        'a socket that sends data',
        `const ws = new WebSocket('wss://x');\nws.onopen = () => ws.send(JSON.stringify({ type: 'chat', text: 'hi' }));`,
      ],
      [
        'a socket that sends bytes',
        `const ws = new WebSocket('wss://x');\nws.onopen = () => ws.send(new Uint8Array([1]));`,
      ],
      [
        'a socket whose sends are unknown',
        `const ws = new WebSocket('wss://x');\nexport const send = (m: string) => ws.send(m);`,
      ],
      [
        'a socket handed to code it cannot follow',
        `import { attach } from 'lib';\nconst ws = new WebSocket('wss://x');\nattach(ws);`,
      ],
      [
        'a Node `ws` client that only checks the handshake of a WebSocket endpoint (a monitor, a test)',
        `import WebSocket from 'ws';\nexport function check(url: string) {\n  return new Promise((resolve) => {\n    const ws = new WebSocket(url);\n    ws.on('open', () => { ws.close(); resolve(true); });\n    ws.on('error', () => resolve(false));\n  });\n}`,
      ],
      [
        'a socket that never sends but is exported to code the scan does not see',
        `export const ws = new WebSocket('wss://x');\nws.onopen = () => console.log('up');`,
      ],
      [
        'a socket that never sends but is returned from a public function',
        `export function open() {\n  const ws = new WebSocket('wss://x');\n  return ws;\n}`,
      ],
      [
        'a socket that never sends but is passed to a function the scan cannot see',
        `import { watch } from 'lib';\nconst ws = new WebSocket('wss://x');\nws.onopen = () => watch(ws);`,
      ],
    ])('%s', (_name, src) => {
      expect(findings(src)).toEqual([]);
    });
  });
});
