import { describe, expect, it } from 'vitest';
import { only } from '../helpers/analyze-snippet.js';

/** A dashboard socket whose handler reads `metrics` and `traces` from each parsed message. */
const dashboard = (decls: string, send: string) => `${decls}
const ws = new WebSocket('wss://example.com/live');
ws.onmessage = (event) => {
  const update = JSON.parse(event.data);
  if (update.metrics) render(update.metrics);
  if (update.traces) appendTraces(update.traces);
};
export function apply() { ws.send(${send}); }
`;

describe('empty probes', () => {
  it.each([
    ["'{}'", 'control:empty probe'],
    ['JSON.stringify({})', 'control:empty probe'],
    ["''", 'control:empty frame'],
    ["'ping'", 'control:ping'],
  ])('%s → %s', (send, expected) => {
    expect(only(dashboard('', send)).sends).toEqual([expected]);
  });

  it('an empty object filled after it is built is data, not a probe', () => {
    const src = dashboard('', 'JSON.stringify(frame)').replace(
      'export function apply() {',
      'export function apply(text: string) { const frame: Record<string, string> = {}; frame.text = text;',
    );
    expect(only(src).sends).toEqual(['data:object filled after it is built']);
  });

  it('an empty object handed to a function that may fill it is data', () => {
    const src = dashboard('', 'JSON.stringify(frame)').replace(
      'export function apply() {',
      'export function apply() { const frame = {}; fill(frame);',
    );
    expect(only(src).verdict).toBe('bidirectional');
  });
});

describe('feed toggles', () => {
  it.each([
    ['', 'JSON.stringify({ traces: true })'],
    ['', 'JSON.stringify({ traces: false, metrics: true })'],
    ['let paused = false;', 'JSON.stringify({ traces: !paused })'],
    ['declare const level: number;', 'JSON.stringify({ traces: level > 2 })'],
    ['const traces: boolean = Math.random() > 0.5;', 'JSON.stringify({ traces })'],
    ['declare function select(): unknown; const showTraces = select();', 'JSON.stringify({ traces: showTraces })'],
    ['const [wanted, setWanted] = useState(false);', 'JSON.stringify({ traces: wanted })'],
    ['', `'{"traces": true}'`],
    ['let wanted: boolean | undefined;', 'JSON.stringify({ traces: wanted })'],
    ['const [wanted, setWanted] = useState<boolean>(load());', 'JSON.stringify({ traces: wanted })'],
    ['const { showTraces } = usePanel();', 'JSON.stringify({ traces: showTraces })'],
  ])('%s %s → control', (decls, send) => {
    const { verdict, sends } = only(dashboard(decls, send));
    expect(verdict).toBe('control-only');
    expect(sends).toEqual([expect.stringMatching(/^control:`(?:traces|metrics)`.* feed toggle$/)]);
  });

  it('labels the feeds it switches', () => {
    expect(only(dashboard('', 'JSON.stringify({ traces: true })')).sends).toEqual(['control:`traces` feed toggle']);
  });

  it('a toggle held in a const, and one passed through a send wrapper, are read the same way', () => {
    const src = `const ws = new WebSocket('wss://x');
ws.onmessage = (e) => { const m = JSON.parse(e.data); if (m.traces) draw(m.traces); if (m.metrics) plot(m.metrics); };
function post(msg: object) { ws.send(JSON.stringify(msg)); }
export function on() { const frame = { traces: true }; ws.send(JSON.stringify(frame)); }
export function off() { post({ metrics: false }); }`;
    expect(only(src)).toEqual({
      verdict: 'control-only',
      sends: ['control:`traces` feed toggle', 'control:`metrics` feed toggle'],
    });
  });

  it('a typed boolean parameter is a flag', () => {
    const src = dashboard('', 'JSON.stringify({ traces: on })').replace('apply()', 'apply(on: boolean)');
    expect(only(src).sends).toEqual(['control:`traces` feed toggle']);
  });

  it.each([
    ['a string value', '', "JSON.stringify({ traces: 'on' })"],
    ['a number value', '', 'JSON.stringify({ traces: 1 })'],
    ['a key the handler never reads', '', 'JSON.stringify({ alerts: true })'],
    ['a flag next to a data field', '', "JSON.stringify({ traces: true, note: 'x' })"],
    ['a flag-named value declared as a string', "const showTraces = 'yes';", 'JSON.stringify({ traces: showTraces })'],
    [
      'a value with no boolean evidence',
      'declare function select(): unknown; const current = select();',
      'JSON.stringify({ traces: current })',
    ],
    [
      'a useState pair holding a number',
      'const [limit, setLimit] = useState(10);',
      'JSON.stringify({ traces: limit })',
    ],
    ['JSON text with a string value', '', `'{"traces": "on"}'`],
    ['a flag-named function', 'function isOn() { return true; }', 'JSON.stringify({ traces: isOn })'],
    [
      'a flag-named value typed as a string',
      'declare const showTraces: string;',
      'JSON.stringify({ traces: showTraces })',
    ],
  ])('%s stays data', (_why, decls, send) => {
    expect(only(dashboard(decls, send)).verdict).toBe('bidirectional');
  });

  it('a chat that sends its text under a key it also reads stays data', () => {
    const src = `const ws = new WebSocket('wss://chat.example.com');
ws.addEventListener('message', (e) => { const data = JSON.parse(e.data); show(data.message, data.author); });
export function say(text: string) { ws.send(JSON.stringify({ message: text })); }`;
    expect(only(src)).toEqual({ verdict: 'bidirectional', sends: ['data:object without a type field'] });
  });

  it('without a message handler in sight a flag object stays data', () => {
    const src = `const ws = new WebSocket('wss://x');\nexport function on() { ws.send(JSON.stringify({ traces: true })); }`;
    expect(only(src).verdict).toBe('bidirectional');
  });
});
