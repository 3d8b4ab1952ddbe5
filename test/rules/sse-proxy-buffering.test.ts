import { describe, expect, it } from 'vitest';
import { sseProxyBuffering } from '../../rules/sse-proxy-buffering.js';
import { findSseHandlers } from '../../rules/support/sse-handlers.js';
import { fileRuleContext, ruleFindings } from '../helpers/rule-context.js';

const findings = (src: Record<string, string> | string) => ruleFindings(sseProxyBuffering, src);

function handlerCount(src: string): number {
  const ctx = fileRuleContext(sseProxyBuffering, { 'src/a.ts': src });
  return ctx.files.flatMap((f) => findSseHandlers(ctx.morph.ts, f)).length;
}

describe('sse-proxy-buffering', () => {
  describe('flags', () => {
    it('a writeHead object with neither header, at the call, asking for both keys', () => {
      const [f, ...rest] = findings(`import http from 'node:http';
http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
  const t = setInterval(() => res.write(': ping\\n\\n'), 15000);
  req.on('close', () => clearInterval(t));
});`);
      expect(rest).toEqual([]);
      expect(f).toMatchObject({
        ruleId: 'sse-proxy-buffering',
        severity: 'info',
        file: 'src/a.ts',
        line: 3,
        column: 3,
      });
      expect(f.message).toBe(
        'SSE response sets neither `Cache-Control: no-cache` nor `X-Accel-Buffering: no`: nginx delivers its events in bursts; ' +
          "add `'Cache-Control': 'no-cache'` and `'X-Accel-Buffering': 'no'` to its headers.",
      );
    });

    it('one call per header: the fix uses the same call', () => {
      const [f] = findings(
        `app.get('/e', (req, res) => {\n  res.setHeader('Connection', 'keep-alive');\n  res.setHeader('content-type', 'text/event-stream; charset=utf-8');\n});`,
      );
      expect(f).toMatchObject({ line: 3, column: 3 });
      expect(f.message).toContain(
        "add `res.setHeader('Cache-Control', 'no-cache')` and `res.setHeader('X-Accel-Buffering', 'no')`",
      );
    });

    it('Express res.type(): the fix uses res.header()', () => {
      const [f] = findings(`app.get('/e', (req, res) => { res.type('text/event-stream'); res.flushHeaders(); });`);
      expect(f.message).toContain("`res.header('X-Accel-Buffering', 'no')`");
    });

    it('a Cache-Control that lets proxies cache, naming it', () => {
      const [f] = findings(
        `app.get('/e', (req, res) => { res.set({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'public, max-age=1' }); });`,
      );
      expect(f.message).toMatch(/^SSE response sets `Cache-Control: public, max-age=1` and no `X-Accel-Buffering: no`/);
    });

    it('a web Response with its headers in a const, merged from another const', () => {
      const [f] = findings(`const BASE = { 'Access-Control-Allow-Origin': '*' };
const SSE_HEADERS = { ...BASE, 'Content-Type': 'text/event-stream' } as const;
export async function GET() {
  const stream = new ReadableStream({ start(c) { c.enqueue('data: hi\\n\\n'); } });
  return new Response(stream, { headers: SSE_HEADERS });
}`);
      expect(f).toMatchObject({ line: 5, column: 10 });
    });

    it('a Headers object built with set()', () => {
      const [f] = findings(`export function GET() {
  const headers = new Headers();
  headers.set('Content-Type', 'text/event-stream');
  return new Response(makeStream(), { headers });
}`);
      expect(f).toMatchObject({ line: 3, column: 3 });
    });

    it('a Fastify reply.header() chain and a Hono c.header()', () => {
      expect(
        findings(
          `app.get('/f', (request, reply) => { reply.header('Content-Type', 'text/event-stream'); return reply.send(source); });`,
        )[0].message,
      ).toContain("`reply.header('Cache-Control', 'no-cache')`");
      expect(
        findings(`app.get('/h', (c) => { c.header('Content-Type', 'text/event-stream'); return c.body(readable); });`),
      ).toHaveLength(1);
    });
  });

  describe('does not flag', () => {
    it.each([
      [
        'Cache-Control: no-cache inline',
        `app.get('/e', (req, res) => { res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' }); });`,
      ],
      [
        'X-Accel-Buffering: no by a separate call',
        `app.get('/e', (req, res) => { res.setHeader('Content-Type', 'text/event-stream'); res.setHeader('X-Accel-Buffering', 'no'); });`,
      ],
      [
        'no-store or no-transform',
        `app.get('/e', (req, res) => { res.set({ 'content-type': 'text/event-stream', 'cache-control': 'no-store, no-transform' }); });`,
      ],
      [
        'headers from a const spread',
        `const NO_BUFFER = { 'Cache-Control': 'no-cache', 'X-Accel-Buffering': 'no' };
app.get('/e', (req, res) => { res.writeHead(200, { ...NO_BUFFER, 'Content-Type': 'text/event-stream' }); });`,
      ],
      [
        'headers merged with a parameter it cannot see',
        `export function sse(res, extra) { res.writeHead(200, { ...extra, 'Content-Type': 'text/event-stream' }); }`,
      ],
      [
        'a header name it cannot read',
        `app.get('/e', (req, res) => { res.setHeader('Content-Type', 'text/event-stream'); for (const [k, v] of policy) res.setHeader(k, v); });`,
      ],
      [
        'a Headers object with no-cache set later',
        `export function GET() {
  const headers = new Headers({ 'Content-Type': 'text/event-stream' });
  headers.set('Cache-Control', 'no-cache');
  return new Response(makeStream(), { headers });
}`,
      ],
      [
        'a same-file helper that sets the headers',
        `function noBuffering(res) { res.setHeader('X-Accel-Buffering', 'no'); }
app.get('/e', (req, res) => { res.setHeader('Content-Type', 'text/event-stream'); noBuffering(res); });`,
      ],
      [
        'the response handed to a helper from another file',
        `import { prepare } from './sse';\napp.get('/e', (req, res) => { res.setHeader('Content-Type', 'text/event-stream'); prepare(res); });`,
      ],
      [
        'an app-wide middleware in the file',
        `app.use((req, res, next) => { res.setHeader('X-Accel-Buffering', 'no'); next(); });
app.get('/e', (req, res) => { res.setHeader('Content-Type', 'text/event-stream'); });`,
      ],
      [
        'route middleware beside the handler in the same file',
        `const streamHeaders = (req, res, next) => { res.set('Cache-Control', 'no-cache'); next(); };
app.get('/e', streamHeaders, (req, res) => { res.type('text/event-stream'); });`,
      ],
      [
        'imported route middleware named for it',
        `import { sseHeaders } from './mw';\napp.get('/e', sseHeaders, (req, res) => { res.type('text/event-stream'); });`,
      ],
      [
        "Hono's streamSSE, which sends Cache-Control: no-cache itself",
        `import { streamSSE } from 'hono/streaming';\napp.get('/s', (c) => streamSSE(c, async (s) => { await s.writeSSE({ data: 'x' }); }));`,
      ],
      [
        'a response set up through this',
        `class S { open() { this.res.writeHead(200, { 'Content-Type': 'text/event-stream' }); } }`,
      ],
    ])('%s', (_name, src) => {
      expect(findings(src)).toEqual([]);
      expect(handlerCount(src)).toBe(1);
    });

    it('a file the parser had to repair', () => {
      expect(
        findings(`app.get('/e', (req, res) => {\n  res.writeHead(200, { 'Content-Type': 'text/event-stream',\n`),
      ).toEqual([]);
    });

    it('a streamSSE that is not Hono’s, and responses that are not event streams', () => {
      expect(handlerCount(`import { streamSSE } from './mine';\napp.get('/s', (c) => streamSSE(c, cb));`)).toBe(0);
      expect(
        handlerCount(
          `export function GET() { return new Response('{}', { headers: { 'Content-Type': 'application/json' } }); }`,
        ),
      ).toBe(0);
      expect(handlerCount(`const m = new Map(); function f() { m.set('Content-Type', 'text/event-stream'); }`)).toBe(1); // a Map with that pair is treated as headers
    });
  });
});
