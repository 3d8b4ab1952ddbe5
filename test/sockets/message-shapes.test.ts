import { describe, expect, it } from 'vitest';
import { only } from '../helpers/analyze-snippet.js';

const ws = (body: string) => `const ws = new WebSocket('wss://example.com');\nws.onopen = () => {\n${body}\n};\n`;

describe('message shapes: serializers', () => {
  it.each([
    ["ws.send(JSONbig.stringify({ type: 'subscribe', data: rows }))", 'control:subscribe'],
    ["ws.send(JSONbig.stringify(<Req>{ type: 'authentication', data: { session } }))", 'control:authentication'],
    ["ws.send(superjson.stringify({ op: 'ping' }))", 'control:ping'],
    ["ws.send(stringifyMessage({ type: MessageType.Subscribe, id: '1' }))", 'control:Subscribe'],
    ["ws.send(safeStringify({ type: 'chat', text: 'hi' }))", 'data:chat'],
    // binary encoders are binary whatever they encode
    ["ws.send(encode({ type: 'subscribe' }))", 'binary:encode()'],
    ["ws.send(msgpack.encode({ action: 'auth' }))", 'binary:msgpack.encode()'],
    ["ws.send(new TextEncoder().encode(JSON.stringify({ type: 'ping' })))", 'binary:new TextEncoder().encode()'],
  ])('%s → %s', (send, expected) => {
    expect(only(ws(send)).sends).toEqual([expected]);
  });

  it("a project serializer's encode() is followed when the field's class is in sight", () => {
    const src = `class JsonSerializer { encode(value: unknown): string { return JSON.stringify(value); } }
      class Feed {
        private serializer = new JsonSerializer();
        private ws = new WebSocket('wss://x');
        open() { this.ws.onopen = () => this.ws.send(this.serializer.encode({ type: 'subscribe', topic: 'a' })); }
      }`;
    expect(only(src)).toEqual({ verdict: 'control-only', sends: ['control:subscribe'] });
  });

  it('an encoder behind an interface stays binary: any implementation could stand behind it', () => {
    const src = `interface Codec { encode(value: unknown): Uint8Array | string }
      class Feed {
        constructor(private codec: Codec) {}
        private ws = new WebSocket('wss://x');
        open() { this.ws.onopen = () => this.ws.send(this.codec.encode({ type: 'subscribe' })); }
      }`;
    expect(only(src).verdict).toBe('binary');
  });

  it('a serializer field assigned from options is not trusted by its initializer', () => {
    const src = `class JsonSerializer { encode(value: unknown): string { return JSON.stringify(value); } }
      class Feed {
        private serializer: any = new JsonSerializer();
        private ws = new WebSocket('wss://x');
        constructor(opts: any) { if (opts.serializer) this.serializer = opts.serializer; }
        open() { this.ws.onopen = () => this.ws.send(this.serializer.encode({ type: 'subscribe' })); }
      }`;
    expect(only(src).verdict).toBe('binary');
  });
});

describe('message shapes: variables', () => {
  it('a let reassigned with its own serialization, its verb from every call site', () => {
    const src = `export class Api {
        private socket = new WebSocket('wss://x');
        sendSocketMessage(name: string, data?: unknown) {
          let msg: any = { MessageType: name };
          if (data) msg.Data = data;
          msg = JSON.stringify(msg);
          this.socket.send(msg);
        }
        keepAlive() { this.sendSocketMessage('KeepAlive'); }
        start() { this.sendSocketMessage('SessionsStart', '0,1500'); }
      }`;
    expect(only(src)).toEqual({ verdict: 'control-only', sends: ['control:KeepAlive', 'control:SessionsStart'] });
  });

  it('every assignment of a let counts: one data value makes it data', () => {
    const src = ws(`let frame = JSON.stringify({ type: 'subscribe' });
      if (chatting) frame = JSON.stringify({ type: 'chat', text });
      ws.send(frame);`);
    expect(only(src).verdict).toBe('bidirectional');
  });

  it('a let assigned in branches, all control', () => {
    const src = ws(`let frame;
      if (first) frame = { op: 'auth', token };
      else frame = { op: 'resume' };
      ws.send(JSON.stringify(frame));`);
    expect(only(src)).toEqual({ verdict: 'control-only', sends: ['control:auth | resume'] });
  });

  it('a let written by destructuring is not read: unknown', () => {
    const src = ws(`let frame = 'ping';
      [frame] = pending;
      ws.send(frame);`);
    expect(only(src).verdict).toBe('unknown');
  });

  it('a verb set after the object is built: msg.type = …', () => {
    const src = ws(`const msg: any = { id: 1 };
      msg.type = 'unsubscribe';
      ws.send(JSON.stringify(msg));`);
    expect(only(src)).toEqual({ verdict: 'control-only', sends: ['control:unsubscribe'] });
  });

  it('a computed-key message built in two steps takes its verb from the key', () => {
    const src = `const sock = new WebSocket('wss://printer');
      function sendMessage(type: string, payload: unknown) {
        const data: Record<string, unknown> = {};
        data[type] = payload;
        sock.send(JSON.stringify(data));
      }
      sendMessage('auth', 'user:session');
      sendMessage('throttle', 2);`;
    expect(only(src)).toEqual({ verdict: 'control-only', sends: ['control:auth', 'control:throttle'] });
    expect(only(src.replace("'throttle', 2", "'print', 'job.gcode'")).verdict).toBe('bidirectional');
  });
});

describe('message shapes: builders and queues', () => {
  const client = (extra = '') => `class MessageKinds {
      static INIT = 'connection_init';
      static START = 'start';
      static STOP = 'stop';
      static TERMINATE = 'connection_terminate';
    }
    class Client {
      private socket = new WebSocket('wss://x');
      private queue: any[] = [];
      private build(id: string | undefined, type: string, payload: unknown) { return { id, type, payload }; }
      private send(id: string | undefined, type: string, payload?: unknown) { this.sendRaw(this.build(id, type, payload)); }
      private sendRaw(message: object) {
        if (this.socket.readyState === WebSocket.OPEN) {
          const serialized = JSON.stringify(message);
          this.socket.send(serialized);
        } else this.queue.push(message);
      }
      private flush() { this.queue.forEach((m) => this.sendRaw(m)); this.queue = []; }
      onOpen() { this.send(undefined, MessageKinds.INIT, {}); this.flush(); }
      request(id: string, q: unknown) { this.send(id, MessageKinds.START, q); }
      cancel(id: string) { this.send(id, MessageKinds.STOP); }
      close() { this.send(undefined, MessageKinds.TERMINATE); }
      ${extra}
    }`;

  it('follows this.build(type, payload) into the class, and static class members to their values', () => {
    expect(only(client())).toEqual({
      verdict: 'control-only',
      sends: ['control:connection_init', 'control:start', 'control:stop', 'control:connection_terminate'],
    });
  });

  it('a data item pushed straight into the queue makes it data', () => {
    const out = only(client(`say(text: string) { this.queue.push({ type: 'chat', text }); }`));
    expect(out.verdict).toBe('bidirectional');
    expect(out.sends).toContain('data:chat');
  });

  it('a queue handed to other code makes its items unknown', () => {
    const out = only(client(`share(sink: (q: unknown[]) => void) { sink(this.queue); }`));
    expect(out.verdict).toBe('unknown');
  });

  it('a queue copied out before the flush (`splice(0)`), read with for…of', () => {
    const src = `class Feed {
        private ws = new WebSocket('wss://x');
        private pending: string[] = [];
        subscribe(topic: string) { this.pending.push(JSON.stringify({ type: 'subscribe', topic })); }
        ping() { this.pending.push('ping'); }
        flush() { const out = this.pending.splice(0); for (const frame of out) this.ws.send(frame); }
      }`;
    expect(only(src)).toEqual({ verdict: 'control-only', sends: ['control:subscribe | ping'] });
  });

  it('items taken with shift()', () => {
    const src = `const ws = new WebSocket('wss://x');
      const backlog: string[] = [];
      backlog.push('PING');
      backlog.push('JOIN #lobby');
      ws.onopen = () => { while (backlog.length) ws.send(backlog.shift()!); };`;
    expect(only(src)).toEqual({ verdict: 'control-only', sends: ['control:PING | JOIN'] });
  });
});

describe('message shapes: discriminants and vocabulary', () => {
  it.each([
    ["ws.send(JSON.stringify({ Type: 'Subscribe', Topic: 't' }))", 'control:Subscribe'],
    ["ws.send(JSON.stringify({ MessageType: 'KeepAlive' }))", 'control:KeepAlive'],
    ["ws.send(JSON.stringify({ message_type: 'unsubscribe' }))", 'control:unsubscribe'],
    ["ws.send(JSON.stringify({ tag: 'ping' }))", 'control:ping'],
    ["ws.send(JSON.stringify({ cmd: 'listen', streams: ['a'] }))", 'control:listen'],
    ['ws.send(\'{"MessageType":"KeepAlive"}\')', 'control:KeepAlive'],
    ['ws.send(`{"Type":"Subscribe","Topic":"${1}"}`)', 'control:Subscribe'],
    ["ws.send(JSON.stringify({ command: 'hello', protocols: [] }))", 'control:hello'],
    ["ws.send(JSON.stringify({ command: 'info', url: location.href }))", 'control:info'],
    ["ws.send(JSON.stringify({ type: 'connection_init', payload: {} }))", 'control:connection_init'],
    ["ws.send(JSON.stringify({ event: 'phx_join', topic: 'room:1' }))", 'control:phx_join'],
    ["ws.send(JSON.stringify({ type: 'throttle', factor: 2 }))", 'control:throttle'],
    ["ws.send(JSON.stringify({ header: { msg_type: 'kernel_info_request' } }))", 'data:object without a type field'],
    ["ws.send(JSON.stringify({ msg_type: 'kernel_info_request' }))", 'data:kernel_info_request'],
    ["ws.send(JSON.stringify({ type: 'publish', body: 'x' }))", 'data:publish'],
    ["ws.send(JSON.stringify({ type: 'message', text: 'x' }))", 'data:message'],
    ["ws.send(JSON.stringify({ type: 'request', id: 1 }))", 'data:request'],
    ["ws.send(JSON.stringify({ type: 'constructor' }))", 'data:constructor'],
    ["ws.send(JSON.stringify(['EVENT', ev]))", 'data:EVENT'],
  ])('%s → %s', (send, expected) => {
    expect(only(ws(send)).sends).toEqual([expected]);
  });

  it('enum members resolve to their values', () => {
    const src = `enum MessageType { ConnectionInit = 'connection_init', Subscribe = 'subscribe', Complete = 'complete', Next = 'next' }
      const ws = new WebSocket('wss://x');
      ws.onopen = () => {
        ws.send(JSON.stringify({ type: MessageType.ConnectionInit }));
        ws.send(JSON.stringify({ type: MessageType.Subscribe, id: '1', payload: {} }));
        ws.send(JSON.stringify({ type: MessageType.Complete, id: '1' }));
      };`;
    expect(only(src)).toEqual({
      verdict: 'control-only',
      sends: ['control:connection_init', 'control:subscribe', 'control:complete'],
    });
  });
});
