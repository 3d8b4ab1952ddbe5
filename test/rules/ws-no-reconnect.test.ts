import { describe, expect, it } from 'vitest';
import { wsNoReconnect } from '../../rules/ws-no-reconnect.js';
import { analyzeFiles } from '../helpers/analyze-snippet.js';
import { checkSockets } from '../helpers/rule-context.js';

const reconnects = (files: Record<string, string> | string) =>
  analyzeFiles(typeof files === 'string' ? { 'src/a.ts': files } : files).map((s) => s.reconnects);

function findings(files: Record<string, string> | string) {
  const sockets = analyzeFiles(typeof files === 'string' ? { 'src/a.ts': files } : files);
  return checkSockets(wsNoReconnect, sockets);
}

describe('reconnection analysis', () => {
  it.each([
    [
      'onclose → setTimeout(connect) with backoff',
      `let attempt = 0;
function connect() {
  const ws = new WebSocket('wss://x');
  ws.onmessage = (e) => show(e.data);
  ws.onclose = () => setTimeout(connect, Math.min(30000, 2 ** attempt++ * 1000) * Math.random());
}
connect();`,
    ],
    [
      'a class whose close handler calls this.scheduleReconnect() → this.connect()',
      `export class Feed {
  private ws?: WebSocket;
  connect() {
    this.ws = new WebSocket('wss://x');
    this.ws.addEventListener('message', (e) => this.emitTick(e.data));
    this.ws.addEventListener('close', () => this.scheduleReconnect());
  }
  private scheduleReconnect() { setTimeout(() => this.connect(), 1000); }
  private emitTick(d: string) { console.log(d); }
}
new Feed().connect();`,
    ],
    [
      'a close handler declared as a method and bound',
      `class C {
  ws = new WebSocket('wss://x');
  constructor() { this.ws.onmessage = () => {}; this.ws.onclose = this.handleClose.bind(this); }
  handleClose() { this.ws = new WebSocket('wss://x'); }
}`,
    ],
    [
      'a retry loop',
      `async function run() {
  for (;;) {
    const ws = new WebSocket('wss://x');
    ws.onmessage = (e) => show(e.data);
    await new Promise((r) => ws.addEventListener('close', r));
  }
}
run();`,
    ],
    [
      'a React effect re-run by a state bump in onclose',
      `import { useEffect, useState } from 'react';
export function useFeed(url: string) {
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const ws = new WebSocket(url);
    ws.onmessage = (e) => console.log(e.data);
    ws.onclose = () => setTimeout(() => setAttempt((a) => a + 1), 1000);
    return () => ws.close();
  }, [url, attempt]);
}`,
    ],
    [
      'an online listener that reconnects',
      `let ws: WebSocket;
function open() { ws = new WebSocket('wss://x'); ws.onmessage = () => {}; }
window.addEventListener('online', () => open());
open();`,
    ],
    [
      'a close handler that reloads the page',
      `const ws = new WebSocket('wss://x');\nws.onmessage = () => {};\nws.onclose = () => window.location.reload();`,
    ],
    [
      'a Vue watcher that reconnects when the close handler clears a ref',
      `import { ref, watch } from 'vue';
const connected = ref(false);
let ws: WebSocket;
function open() { ws = new WebSocket('wss://x'); ws.onmessage = () => {}; ws.onopen = () => (connected.value = true); ws.onclose = () => (connected.value = false); }
watch(connected, (now) => { if (!now) open(); });
open();`,
    ],
    [
      'a React close handler clearing the socket state an effect that connects depends on',
      `import { useCallback, useEffect, useState } from 'react';
export function useFeed(url: string) {
  const [socket, setSocket] = useState<WebSocket | null>(null);
  const connect = useCallback(() => {
    const ws = new WebSocket(url);
    ws.onmessage = () => {};
    ws.onclose = () => setSocket(null);
    setSocket(ws);
  }, [url]);
  useEffect(() => { if (!socket) connect(); }, [socket, connect]);
}`,
    ],
    [
      'a close handler calling a method of an object from another file',
      {
        'src/manager.ts': `import { connect } from './feed';
export class ConnectionManager {
  private attempts = 0;
  handleClose() { if (this.attempts++ < 5) connect(); }
}
export const manager = new ConnectionManager();`,
        'src/feed.ts': `import { manager } from './manager';
export function connect() {
  const ws = new WebSocket('wss://x');
  ws.onmessage = () => {};
  ws.onclose = () => manager.handleClose();
}`,
      },
    ],
    [
      'a reconnecting wrapper',
      `import ReconnectingWebSocket from 'reconnecting-websocket';
const ws = new ReconnectingWebSocket('wss://x');
ws.onmessage = () => {};`,
    ],
    [
      'socket.io-client, which reconnects by itself',
      `import { io } from 'socket.io-client';
const s = io('https://x');
s.on('tick', () => {});`,
    ],
  ] as Array<[string, string | Record<string, string>]>)('yes: %s', (_name, src) => {
    expect(reconnects(src)).toEqual(['yes']);
  });

  it.each([
    ['no close handler', `const ws = new WebSocket('wss://x');\nws.onmessage = (e) => console.log(e.data);`],
    [
      'a close handler that only logs and clears a timer',
      `const ws = new WebSocket('wss://x');
const t = setInterval(() => ws.send('ping'), 25000);
ws.onmessage = () => {};
ws.addEventListener('close', (e) => { clearInterval(t); console.warn('closed', e.code); });`,
    ],
    [
      'a close callback followed to a caller that only updates the UI',
      `function start(onStatus: (s: string) => void) {
  const ws = new WebSocket('wss://x');
  ws.onmessage = () => {};
  ws.onclose = () => onStatus('closed');
}
start((s) => { document.title = s; });`,
    ],
    [
      'a React effect whose close handler sets an unrelated state',
      `import { useEffect, useState } from 'react';
export function useFeed(url: string) {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const ws = new WebSocket(url);
    ws.onmessage = () => {};
    ws.onclose = () => setOpen(false);
    return () => ws.close();
  }, [url]);
}`,
    ],
    [
      'a Node ws client',
      `import WebSocket from 'ws';
const ws = new WebSocket('wss://x');
ws.on('message', (d) => console.log(String(d)));
ws.on('close', () => console.log('bye'));`,
    ],
  ])('no: %s', (_name, src) => {
    expect(reconnects(src)).toEqual(['no']);
  });

  it.each([
    [
      'a socket passed to a package',
      `import { bind } from 'lib';\nconst ws = new WebSocket('wss://x');\nws.onmessage = () => {};\nbind(ws);`,
    ],
    [
      'a close handler that emits',
      `import { EventEmitter } from 'events';
export class Feed extends EventEmitter {
  ws = new WebSocket('wss://x');
  constructor() { super(); this.ws.onmessage = () => {}; this.ws.onclose = () => this.emit('close'); }
}`,
    ],
    [
      'a close callback whose callers are unseen',
      `export function start(onClose: () => void) {
  const ws = new WebSocket('wss://x');
  ws.onmessage = () => {};
  ws.onclose = () => onClose();
}`,
    ],
    [
      'a close handler calling an options callback',
      `export class C {
  constructor(private options: { onClose?: () => void }) {}
  open() { const ws = new WebSocket('wss://x'); ws.onmessage = () => {}; ws.onclose = () => this.options.onClose?.(); }
}
new C({}).open();`,
    ],
    [
      'a process that exits on close (the supervisor restarts it)',
      `import WebSocket from 'ws';
const ws = new WebSocket('wss://x');
ws.on('message', () => {});
ws.on('close', () => process.exit(1));`,
    ],
    [
      'an injected constructor',
      `export class L { constructor(private o: { WebSocket: typeof WebSocket }) {}
  open() { const s = new this.o.WebSocket('wss://x'); s.onmessage = () => {}; } }`,
    ],
  ])('unknown: %s', (_name, src) => {
    expect(reconnects(src)).toEqual(['unknown']);
  });
});

describe('ws-no-reconnect', () => {
  it('flags a listening client with no reconnection path, at info, saying what to do', () => {
    const [f, ...rest] = findings(`const ws = new WebSocket('wss://x');\nws.onmessage = (e) => console.log(e.data);`);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ ruleId: 'ws-no-reconnect', severity: 'info', file: 'src/a.ts', line: 1, column: 12 });
    expect(f.message).toMatch(/^WebSocket `new WebSocket\(…\)` is never re-created after it closes/);
    expect(f.message).toContain('jittered backoff');
    expect(f.message).toContain('Server-Sent Events');
  });

  it('names the ws package', () => {
    const [f] = findings(
      `import WebSocket from 'ws';\nconst ws = new WebSocket('wss://x');\nws.on('message', () => {});`,
    );
    expect(f.message).toMatch(/^ws client `new WebSocket\(…\)`/);
  });

  it.each([
    ['a connectivity probe that never listens', `const ws = new WebSocket('wss://x');\nws.onopen = () => ws.close();`],
    [
      'a one-shot exchange closed from its reply handler',
      `const ws = new WebSocket('wss://x');
ws.onopen = () => ws.send('{"type":"get"}');
ws.onmessage = (e) => { console.log(e.data); ws.close(); };`,
    ],
    [
      'a socket that reconnects',
      `function c() { const ws = new WebSocket('wss://x'); ws.onmessage = () => {}; ws.onclose = () => setTimeout(c, 1000); }\nc();`,
    ],
    [
      'a signalling socket that only sets up a peer connection',
      `const pc = new RTCPeerConnection();
const ws = new WebSocket('wss://x/signal');
pc.onicecandidate = (e) => ws.send(JSON.stringify({ type: 'ice-candidate', value: e.candidate }));
ws.onopen = async () => { const offer = await pc.createOffer(); ws.send(JSON.stringify({ type: 'offer', sdp: offer.sdp })); };
ws.onmessage = (e) => { const m = JSON.parse(e.data); if (m.type === 'answer') pc.setRemoteDescription(m); };`,
    ],
    [
      'a partysocket',
      `import PartySocket from 'partysocket';\nconst ws = new PartySocket({ host: 'x', room: 'y' });\nws.onmessage = () => {};`,
    ],
  ])('does not flag %s', (_name, src) => {
    expect(findings(src)).toEqual([]);
  });
});
