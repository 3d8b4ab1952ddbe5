// A send wrapper whose parameter is the message's key or verb: each in-repo call site's argument stands in
// for it (through wrappers of the wrapper); a caller passing something unreadable, or no caller at all
// (an exported API), leaves the message unknown.
import { describe, expect, it } from 'vitest';
import { only } from '../helpers/analyze-snippet.js';

/** A prototype-based client (plain script) whose `send(kind, body)` builds a message keyed by `kind`. */
const prototypeClient = (build: string, callers: string) => `
var Relay = function (url) { this.url = url; this.conn = null; };
Relay.prototype.open = function () { this.conn = new SockJS(this.url); };
Relay.prototype.send = function (kind, body) {
  ${build}
  this.conn.send(JSON.stringify(frame));
};
${callers}
`;
const TWO_STEP = 'var frame = {};\n  frame[kind] = body;';
const LITERAL = 'var frame = { [kind]: body };';
const CONTROL_CALLERS = `
Relay.prototype.login = function (token) { this.send('auth', token); };
Relay.prototype.beat = function () { this.send('heartbeat', Date.now()); };`;

describe('verbs from a send wrapper’s call sites', () => {
  it.each([
    ['built in two steps', TWO_STEP],
    ['a computed key in a literal', LITERAL],
  ])('prototype method, key %s: each caller’s literal is the verb', (_, build) => {
    expect(only({ 'src/relay.js': prototypeClient(build, CONTROL_CALLERS) })).toEqual({
      verdict: 'control-only',
      sends: ['control:auth', 'control:heartbeat'],
    });
  });

  it('one caller sending data makes the socket bidirectional', () => {
    const callers = `${CONTROL_CALLERS}\nRelay.prototype.say = function (text) { this.send('chat', text); };`;
    const socket = only({ 'src/relay.js': prototypeClient(LITERAL, callers) });
    expect(socket.verdict).toBe('bidirectional');
    expect(socket.sends).toContain('data:chat');
  });

  it('a caller passing a variable leaves that message unknown', () => {
    const callers = `${CONTROL_CALLERS}\nRelay.prototype.relay = function (what, body) { var k = what + '!'; this.send(k, body); };`;
    const socket = only({ 'src/relay.js': prototypeClient(TWO_STEP, callers) });
    expect(socket.verdict).toBe('unknown');
    expect(socket.sends).toContain('control:auth');
  });

  it('a wrapper with no caller in sight stays unknown', () => {
    const socket = only({ 'src/relay.js': prototypeClient(TWO_STEP, '') });
    expect(socket.verdict).toBe('unknown');
    expect(socket.sends[0]).toMatch(/`kind` of Relay\.send\(\): no caller found/);
  });

  it('a computed key is not a field named like a discriminant', () => {
    // `{ [kind]: body }` has no `kind` field: its verb is the key, not the body
    const socket = only({
      'src/relay.js': prototypeClient(LITERAL, "Relay.prototype.x = function () { this.send('subscribe', 'chat'); };"),
    });
    expect(socket.sends).toEqual(['control:subscribe']);
  });

  it('through a second wrapper, constants and enum members', () => {
    const src = `
      enum Kind { Auth = 'auth', Ping = 'ping' }
      const WATCH = 'watch';
      export class Feed {
        private ws = new WebSocket('wss://x');
        private post = (key: string, value: unknown) => this.ws.send(JSON.stringify({ [key]: value }));
        private control(key: string) { this.post(key, true); }
        login(token: string) { this.post(Kind.Auth, token); }
        keepAlive() { this.control(Kind.Ping); }
        follow(topic: string) { this.control(WATCH); }
      }`;
    expect(only(src)).toEqual({ verdict: 'control-only', sends: ['control:auth', 'control:ping', 'control:watch'] });
  });

  it('an exported send(kind, body) with no in-repo caller stays unknown', () => {
    const src = `const ws = new WebSocket('wss://x');
      export function send(kind: string, body: unknown) { ws.send(JSON.stringify({ [kind]: body })); }`;
    expect(only(src).verdict).toBe('unknown');
  });

  it('`this.send = function (kind, body)` in a constructor function is called by name', () => {
    const src = `function Relay(url) {
        var conn = new WebSocket(url);
        this.send = function (kind, body) { var m = {}; m[kind] = body; conn.send(JSON.stringify(m)); };
        this.hello = function () { this.send('hello', 1); };
      }`;
    expect(only({ 'src/relay.js': src })).toEqual({ verdict: 'control-only', sends: ['control:hello'] });
  });
  it('methods in a prototype object literal, and a `{ type: t }` message from a prototype method', () => {
    const src = `function Feed(url) { this.ws = new WebSocket(url); }
      Feed.prototype = {
        request: function (type, data) { this.ws.send(JSON.stringify({ type: type, data: data })); },
        watch: function (topic) { this.request('subscribe', topic); },
        unwatch: function (topic) { this.request('unsubscribe', topic); },
      };`;
    expect(only({ 'src/feed.js': src })).toEqual({
      verdict: 'control-only',
      sends: ['control:subscribe', 'control:unsubscribe'],
    });
  });
  it('a plain script calling the global client’s wrapper from another file is one more caller', () => {
    const files = {
      'src/relay.js': prototypeClient(TWO_STEP, CONTROL_CALLERS),
      'src/panel.js': "window.relay.send('print', { file: 'part.gcode' });",
    };
    const socket = only(files);
    expect(socket.verdict).toBe('bidirectional');
    expect(socket.sends).toContain('data:print');
    // a same-named call elsewhere does not make a wrapper with no caller of its own look used
    expect(
      only({ 'src/relay.js': prototypeClient(TWO_STEP, ''), 'src/other.js': "bus.send('ping', 1);" }).verdict,
    ).toBe('unknown');
  });
});
