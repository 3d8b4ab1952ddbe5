import { describe, expect, it } from 'vitest';
import { sseNoHeartbeat } from '../../rules/sse-no-heartbeat.js';
import { findSseHandlers } from '../../rules/support/sse-handlers.js';
import { heartbeatOf } from '../../rules/sse-no-heartbeat/heartbeat.js';
import { fileRuleContext, ruleFindings } from '../helpers/rule-context.js';

const findings = (src: Record<string, string> | string, options: Record<string, unknown> = {}) =>
  ruleFindings(sseNoHeartbeat, src, options);

/** The heartbeat verdict of each SSE handler the snippet holds: a clean result must come from a handler that was found. */
function verdicts(src: string): string[] {
  const ctx = fileRuleContext(sseNoHeartbeat, { 'src/a.ts': src });
  const T = ctx.morph.ts;
  return ctx.files.flatMap((f) =>
    findSseHandlers(T, f).map((h) => heartbeatOf(T, h, { maxIntervalMs: 55_000 }).verdict),
  );
}

describe('sse-no-heartbeat', () => {
  describe('flags', () => {
    it('an Express route that writes only from an event emitter, at the writeHead call, with the fix in its own names', () => {
      const [f, ...rest] = findings(`import express from 'express';
import { bus } from './bus';
const app = express();
app.get('/events', (request, response) => {
  response.writeHead(200, { 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
  const onMessage = (m: unknown) => response.write(\`data: \${JSON.stringify(m)}\\n\\n\`);
  bus.on('message', onMessage);
  request.on('close', () => bus.off('message', onMessage));
});`);
      expect(rest).toEqual([]);
      expect(f).toMatchObject({
        ruleId: 'sse-no-heartbeat',
        severity: 'warning',
        file: 'src/a.ts',
        line: 5,
        column: 3,
      });
      expect(f.message).toMatch(/^SSE stream without a heartbeat: nothing writes to it on a timer/);
      expect(f.message).toContain(
        "`const ping = setInterval(() => response.write(': keep-alive\\n\\n'), 15000)` and `request.on('close', () => clearInterval(ping))`",
      );
    });

    it('a Node http handler that writes one event and keeps the stream open', () => {
      const [f] = findings(`import http from 'node:http';
http.createServer((req, res) => {
  res.setHeader('Content-Type', 'text/event-stream');
  res.setHeader('Cache-Control', 'no-cache');
  res.write('data: connected\\n\\n');
}).listen(8080);`);
      expect(f).toMatchObject({ line: 3, column: 3 });
    });

    it('a web Response whose ReadableStream enqueues from a subscription only', () => {
      const [f] = findings(`import { subscribe } from '@/lib/pubsub';
export async function GET() {
  const encoder = new TextEncoder();
  const stream = new ReadableStream({
    start(controller) {
      subscribe('orders', (o) => controller.enqueue(encoder.encode(\`data: \${JSON.stringify(o)}\\n\\n\`)));
    },
  });
  return new Response(stream, { headers: { 'Content-Type': 'text/event-stream' } });
}`);
      expect(f).toMatchObject({ line: 9, column: 10 });
      expect(f.message).toContain(
        "setInterval(() => controller.enqueue(new TextEncoder().encode(': keep-alive\\n\\n')), 15000)",
      );
      expect(f.message).toContain("clear it in the stream's `cancel()`");
    });

    it("Hono's streamSSE whose callback writes only from a listener", () => {
      const [f] = findings(`import { Hono } from 'hono';
import { streamSSE as sse } from 'hono/streaming';
import { feed } from './feed';
const app = new Hono();
app.get('/feed', (c) => sse(c, async (stream) => {
  const off = feed.listen((item) => stream.writeSSE({ event: 'item', data: JSON.stringify(item) }));
  stream.onAbort(off);
  await new Promise(() => {});
}));`);
      expect(f).toMatchObject({ line: 5, column: 25 });
      expect(f.message).toContain(
        "`const ping = setInterval(() => stream.write(': keep-alive\\n\\n'), 15000)` and `stream.onAbort(() => clearInterval(ping))`",
      );
    });

    it('a Fastify handler on reply.raw', () => {
      const [f] = findings(`export default async function routes(app) {
  app.get('/jobs/:id/progress', (request, reply) => {
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    jobs.on(request.params.id, (p) => reply.raw.write(\`data: \${p}\\n\\n\`));
  });
}`);
      expect(f).toMatchObject({ line: 3, column: 5 });
      expect(f.message).toContain("reply.raw.write(': keep-alive\\n\\n')");
      expect(f.message).toContain("reply.raw.on('close', () => clearInterval(ping))");
    });

    it('a Koa body stream: the fix names the stream, and clearing on disconnect in words', () => {
      const [f] = findings(`router.get('/events', (ctx) => {
  ctx.set({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  const stream = new PassThrough();
  ctx.body = stream;
  bus.on('x', (e) => stream.write(\`data: \${e}\\n\\n\`));
});`);
      expect(f).toMatchObject({ line: 2, column: 3 });
      expect(f.message).toContain(
        "`const ping = setInterval(() => stream.write(': keep-alive\\n\\n'), 15000)`, and clear it when the client disconnects.",
      );
    });

    it('a handler that only logs, whatever else the file requires', () => {
      const [f] = findings(`const express = require('express');
const session = require('express-session');
const assets = require('assets-manifest');
app.get('/e', (req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/event-stream' });
  process.stdout.write('client connected\\n');
  res.write('data: hello\\n\\n');
  bus.on('x', (e) => res.write('data: ' + e + '\\n\\n'));
});`);
      expect(f).toMatchObject({ line: 5, column: 3 });
      expect(f.message).toContain('res.write(');
    });

    it('a timer slower than the idle timeouts, naming its interval', () => {
      const [f] = findings(`app.get('/e', (req, res) => {
  res.set({ 'Content-Type': 'text/event-stream' });
  const t = setInterval(() => res.write(': ping\\n\\n'), 90_000);
  req.on('close', () => clearInterval(t));
});`);
      expect(f.message).toContain('its only timer writes every 90 s, slower than the 55 s the rule allows');
    });

    it('a timer slower than the configured maxIntervalMs', () => {
      const src = `app.get('/e', (req, res) => {
  res.type('text/event-stream');
  const t = setInterval(() => res.write(': ping\\n\\n'), 30 * 1000);
  req.on('close', () => clearInterval(t));
});`;
      expect(findings(src)).toEqual([]);
      expect(findings(src, { maxIntervalMs: 20_000 })[0].message).toContain('every 30 s, slower than the 20 s');
    });

    it('clients kept in a local Set and written to only by a broadcaster', () => {
      const [f] = findings(`const clients = new Set<import('node:http').ServerResponse>();
orders.on('created', (o) => { for (const c of clients) c.write(\`data: \${JSON.stringify(o)}\\n\\n\`); });
app.get('/orders/stream', (req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  clients.add(res);
  req.on('close', () => clients.delete(res));
});`);
      expect(f).toMatchObject({ line: 4, column: 3 });
    });
  });

  describe('does not flag', () => {
    it.each([
      [
        'a finite stream: a few timed steps, the last one ends the response',
        `app.get('/api/deploy-progress', (req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/event-stream' });
  ['build', 'test', 'ship'].forEach((step, i) => setTimeout(() => res.write('data: ' + step + '\\n\\n'), i * 800));
  setTimeout(() => { res.write('event: done\\ndata: {}\\n\\n'); res.end(); }, 3000);
});`,
        'unknown',
      ],
      [
        'a finite stream: a loop of writes, then the end',
        `app.get('/api/replay', async (req, res) => {
  res.setHeader('Content-Type', 'text/event-stream');
  for (const item of await loadHistory()) {
    res.write('data: ' + JSON.stringify(item) + '\\n\\n');
    await pause(200);
  }
  res.end();
});`,
        'present', // a loop that writes between pauses counts as a heartbeat: not reported either way
      ],
      [
        'a setInterval that writes a comment',
        `http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/event-stream' });
  const ping = setInterval(() => res.write(': keep-alive\\n\\n'), 15000);
  bus.on('x', (e) => res.write('data: ' + e + '\\n\\n'));
  req.on('close', () => clearInterval(ping));
});`,
        'present',
      ],
      [
        'a timer that sends periodic events through a local send helper',
        `app.get('/clock', (req, res) => {
  res.setHeader('Content-Type', 'text/event-stream');
  const send = (data: object) => res.write(\`data: \${JSON.stringify(data)}\\n\\n\`);
  const timer = setInterval(() => send({ now: Date.now() }), 1000);
  req.on('close', () => clearInterval(timer));
});`,
        'present',
      ],
      [
        'a timer callback named by a function declaration',
        `function ping(res) { res.write(': ping\\n\\n'); }
app.get('/e', (req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/event-stream' });
  const t = setInterval(ping, 20000, res);
  req.on('close', () => clearInterval(t));
});`,
        'present',
      ],
      [
        'a self-rescheduling setTimeout',
        `app.get('/e', (req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/event-stream' });
  function tick() { res.write(': tick\\n\\n'); setTimeout(tick, 15000); }
  tick();
});`,
        'present',
      ],
      [
        'an async loop that writes and sleeps (Hono)',
        `import { streamSSE } from 'hono/streaming';
app.get('/sse', (c) => streamSSE(c, async (stream) => {
  while (!stream.aborted) {
    await stream.writeSSE({ data: String(Date.now()) });
    await stream.sleep(1000);
  }
}));`,
        'present',
      ],
      [
        'a loop that awaits a Promise around setTimeout',
        `export async function GET() {
  const { readable, writable } = new TransformStream();
  const writer = writable.getWriter();
  (async () => { for (;;) { await writer.write(new TextEncoder().encode(': ping\\n\\n')); await new Promise((r) => setTimeout(r, 15000)); } })();
  return new Response(readable, { headers: { 'Content-Type': 'text/event-stream' } });
}`,
        'present',
      ],
      [
        'for await over setInterval from node:timers/promises',
        `import { setInterval } from 'node:timers/promises';
app.get('/e', async (req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/event-stream' });
  for await (const _ of setInterval(15000)) res.write(': ping\\n\\n');
});`,
        'present',
      ],
      [
        'clients pinged by a module-level interval',
        `const clients = new Set();
setInterval(() => clients.forEach((c) => c.write(': ping\\n\\n')), 20000);
app.get('/e', (req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/event-stream' });
  clients.add(res);
});`,
        'present',
      ],
      [
        'clients pushed as objects into a list pinged by a module-level interval',
        `let clients = [];
setInterval(() => { for (const { res } of clients) res.write(': ping\\n\\n'); }, 20000);
app.get('/e', (req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/event-stream' });
  const client = { id: Date.now(), res };
  clients.push(client);
});`,
        'present',
      ],
      [
        'the response handed to a helper from another file',
        `import { attachStream } from './streams';
app.get('/e', (req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/event-stream' });
  res.write('retry: 3000\\n\\n');
  attachStream(req, res);
});`,
        'unknown',
      ],
      [
        'the response added to an imported registry',
        `import { clients } from './registry';
app.get('/e', (req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/event-stream' });
  res.write(': hi\\n\\n');
  clients.add(res);
});`,
        'unknown',
      ],
      [
        'a stream that relays an async source (an LLM completion)',
        `export async function POST(req: Request) {
  const completion = await openai.chat.completions.create({ model: 'x', stream: true, messages: [] });
  const stream = new ReadableStream({
    async start(controller) {
      for await (const chunk of completion) controller.enqueue(new TextEncoder().encode(\`data: \${JSON.stringify(chunk)}\\n\\n\`));
      controller.close();
    },
  });
  return new Response(stream, { headers: { 'Content-Type': 'text/event-stream' } });
}`,
        'unknown',
      ],
      [
        'a finite response that writes its events and ends',
        `app.get('/snapshot', (req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/event-stream' });
  for (const e of history) res.write(\`data: \${e}\\n\\n\`);
  res.end();
});`,
        'unknown',
      ],
      [
        'a Response whose body comes from a library',
        `export async function GET() {
  const result = await agent.stream();
  return new Response(result.toReadableStream(), { headers: { 'Content-Type': 'text/event-stream' } });
}`,
        'unknown',
      ],
      [
        'a middleware that only sets headers',
        `app.use('/sse/*', async (c, next) => {
  c.header('Content-Type', 'text/event-stream');
  await next();
});`,
        'unknown',
      ],
      [
        'a CommonJS file that requires an SSE library',
        `const SSE = require('express-sse');
app.get('/e', (req, res) => {
  res.setHeader('Content-Type', 'text/event-stream');
  res.write(': hi\\n\\n');
  bus.on('x', (e) => res.write(e));
});`,
        'unknown',
      ],
      [
        'a file that uses an SSE library',
        `import { createSession } from 'better-sse';
app.get('/e', async (req, res) => {
  res.setHeader('Content-Type', 'text/event-stream');
  const session = await createSession(req, res);
  bus.on('x', (e) => session.push(e));
});`,
        'unknown',
      ],
      [
        'a timer whose callback is out of sight',
        `app.get('/e', (req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/event-stream' });
  bus.on('x', (e) => res.write('data: ' + e + '\\n\\n'));
  const t = setInterval(pingers.everyone, 15000);
});`,
        'unknown',
      ],
      [
        'a response through this, set up in another method',
        `class Stream { open() { this.res.writeHead(200, { 'Content-Type': 'text/event-stream' }); this.res.write(': hi\\n\\n'); } }`,
        'unknown',
      ],
    ])('%s ', (_name, src, verdict) => {
      expect(findings(src)).toEqual([]);
      expect(verdicts(src)).toEqual([verdict]);
    });

    it('a file the parser had to repair (an unclosed header object)', () => {
      expect(
        findings(
          `app.get('/e', (req, res) => {\n  res.writeHead(200, { 'Content-Type': 'text/event-stream',\n  bus.on('x', (e) => res.write(e)\n`,
        ),
      ).toEqual([]);
    });

    it('a JSON endpoint is no SSE handler at all', () => {
      expect(
        verdicts(
          `app.get('/api', (req, res) => { res.setHeader('Content-Type', 'application/json'); res.write('{}'); });`,
        ),
      ).toEqual([]);
    });
  });
});
