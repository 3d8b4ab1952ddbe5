import { describe, expect, it } from 'vitest';
import { only } from '../helpers/analyze-snippet.js';

// The fields a socket's message handlers read decide whether a flag object is a feed switch
// (feed-toggles.test.ts); here, the handler shapes those fields are read from.
describe('fields the message handler reads', () => {
  const toggle = 'ws.send(JSON.stringify({ traces: true }))';
  it.each([
    ['a destructured parse', 'ws.onmessage = (e) => { const { traces } = JSON.parse(e.data); draw(traces); };'],
    [
      'a destructured event',
      "ws.addEventListener('message', ({ data }) => { const msg = JSON.parse(data); draw(msg['traces']); });",
    ],
    [
      'a let assigned in a try',
      "ws.onmessage = (e) => { let msg; try { msg = JSON.parse(e.data); } catch { return; } if ('traces' in msg) draw(msg); };",
    ],
    [
      'a named handler function',
      'function onFrame(e: MessageEvent) { handle(JSON.parse(e.data)); }\nfunction handle(m: any) { draw(m.traces); }\nws.onmessage = onFrame;',
    ],
  ])('%s', (_name, handler) => {
    const src = `const ws = new WebSocket('wss://x');\n${handler}\nexport function on() { ${toggle}; }`;
    expect(only(src).sends).toEqual(['control:`traces` feed toggle']);
  });

  it('a class method handler bound to the instance', () => {
    const src = `export class Live {
  private ws = new WebSocket('wss://x');
  constructor() { this.ws.onmessage = this.onFrame.bind(this); }
  private onFrame(e: MessageEvent) { const m = JSON.parse(e.data); if (m.traces) this.draw(m.traces); }
  private draw(_t: unknown) {}
  setTraces(on: boolean) { this.ws.send(JSON.stringify({ traces: on })); }
}`;
    expect(only(src).sends).toEqual(['control:`traces` feed toggle']);
  });

  it('a raw event handed to a method that parses it', () => {
    const src = `export class Live {
  private ws = new WebSocket('wss://x');
  constructor() { this.ws.addEventListener('message', (e) => this.receive(e)); }
  private receive(e: MessageEvent) { const { traces } = JSON.parse(e.data); this.draw(traces); }
  private draw(_t: unknown) {}
  setTraces(on: boolean) { this.ws.send(JSON.stringify({ traces: on })); }
}`;
    expect(only(src).sends).toEqual(['control:`traces` feed toggle']);
  });

  it("a Node client's message listener parsing the buffer", () => {
    const src = `import WebSocket from 'ws';
const ws = new WebSocket('wss://x');
ws.on('message', (raw) => { const m = JSON.parse(raw.toString()); if (m.traces) print(m.traces); });
ws.on('open', () => ws.send(JSON.stringify({ traces: true })));`;
    expect(only(src).sends).toEqual(['control:`traces` feed toggle']);
  });

  it("an open handler's reads are not fields of incoming messages", () => {
    const src = `const ws = new WebSocket('wss://x');
ws.onopen = (e: any) => { const m = JSON.parse(e.data ?? '{}'); apply(m.traces); };
export function on() { ws.send(JSON.stringify({ traces: true })); }`;
    expect(only(src).verdict).toBe('bidirectional');
  });

  it('a handler imported from another parsed file', () => {
    const files = {
      'src/frames.ts': `export function onFrame(e: MessageEvent) { const m = JSON.parse(e.data); if (m.traces) show(m.traces); }`,
      'src/a.ts': `import { onFrame } from './frames';
const ws = new WebSocket('wss://x');
ws.onmessage = onFrame;
export function on() { ws.send(JSON.stringify({ traces: true })); }`,
    };
    expect(only(files).sends).toEqual(['control:`traces` feed toggle']);
  });

  it('a read on the event itself is not a field of the message', () => {
    const src = `const ws = new WebSocket('wss://x');
ws.onmessage = (e) => { log(e.origin, e.data); };
export function on() { ws.send(JSON.stringify({ origin: true })); }`;
    expect(only(src).verdict).toBe('bidirectional');
  });
});
