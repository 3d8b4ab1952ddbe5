// The SSE starters, run: the subscription with EventSource (the `eventsource` package stands in for
// the browser's), and the per-request completion with its fetch reader; on Node, and through the
// Lambda adapter with a stand-in for the `awslambda` global.
import { PassThrough } from 'node:stream';
import { EventSource } from 'eventsource';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EventLog } from '../../src/advisor/snippets/shared/event-log.js';
import { streamingLambda, type FunctionUrlEvent } from '../../src/advisor/snippets/shared/lambda-stream.js';
import { createCompletionHandler } from '../../src/advisor/snippets/sse/per-request-server.js';
import { readEvents, streamCompletion } from '../../src/advisor/snippets/sse/per-request-client.js';
import { sendCommand, subscribe } from '../../src/advisor/snippets/sse/client.js';
import { createSseHandler } from '../../src/advisor/snippets/sse/server.js';
import { start, until, type Running } from './snippet-server.js';

const globals = globalThis as { EventSource?: unknown };
beforeAll(() => void (globals.EventSource = EventSource));
afterAll(() => void delete globals.EventSource);

describe('sse/server.ts + sse/client.ts (subscription)', () => {
  let server: Running;
  let log: EventLog;
  const commands: unknown[] = [];
  const subscriptions: { close(): void }[] = [];
  afterEach(async () => {
    subscriptions.forEach((s) => s.close());
    await server?.close();
  });

  async function setUp(capacity = 1000) {
    log = new EventLog(capacity);
    server = await start(
      createSseHandler({
        log,
        authorize: (req) => req.headers.get('cookie') !== 'session=bad',
        onCommand: (command) => void commands.push(command),
        retryMs: 50,
        heartbeatMs: 200,
      }),
    );
  }

  it('one message each way, a reconnect, and a replay of what was missed from Last-Event-ID', async () => {
    await setUp();
    const seen: { data: unknown; id: string }[] = [];
    subscriptions.push(
      subscribe(
        `${server.url}/events`,
        (data, id) => void seen.push({ data, id }),
        () => undefined,
      ),
    );
    // A new subscriber starts from now: publish until one event reaches it, and count from there.
    await until(() => (seen.length === 0 && log.append({ n: log.lastId + 1 }), seen.length > 0), 'the first event');
    const base = Number(seen[0]?.id) - 1;

    await sendCommand(`${server.url}/commands`, { type: 'like', post: 7 });
    expect(commands).toContainEqual({ type: 'like', post: 7 });

    await until(() => seen.length === log.lastId - base, 'every event so far');
    server.drop(); // the connection dies; events keep coming while the client is away
    for (let i = 0; i < 3; i++) log.append({ n: log.lastId + 1 });
    await until(() => seen.length === log.lastId - base, 'the missed events, replayed after the reconnect');
    const ids = seen.map((x) => Number(x.id));
    expect(ids).toEqual(Array.from({ length: log.lastId - base }, (_, i) => base + i + 1)); // each once, in order
    expect(seen.map((x) => (x.data as { n: number }).n)).toEqual(ids);
  });

  it('tells a client that fell behind the log to resync', async () => {
    await setUp(2);
    const response = await fetch(`${server.url}/events`, { headers: { 'Last-Event-ID': '0' } });
    for (let i = 0; i < 5; i++) log.append(i);
    const events = readEvents(response.body as ReadableStream<Uint8Array>);
    const first = await events.next();
    expect(first.value?.event).toBe('reset');
    await events.return(undefined);
    await response.body?.cancel();
  });

  it('answers an unauthenticated stream with 401 and the headers SSE needs otherwise', async () => {
    await setUp();
    expect((await fetch(`${server.url}/events`, { headers: { cookie: 'session=bad' } })).status).toBe(401);
    const ok = await fetch(`${server.url}/events`);
    expect(ok.headers.get('content-type')).toBe('text/event-stream');
    expect(ok.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(ok.headers.get('x-accel-buffering')).toBe('no');
    await ok.body?.cancel();
  });
});

/** A model that answers word by word, waiting for `gate` between words so tests can cut in. */
function model(words: string[], gate: () => Promise<void>) {
  return async function* (_prompt: string, signal: AbortSignal) {
    for (const w of words) {
      if (signal.aborted) return;
      await gate();
      yield w;
    }
  };
}

describe('sse/per-request-server.ts + sse/per-request-client.ts (one stream per request)', () => {
  let server: Running;
  afterEach(async () => server?.close());
  const words = ['Server-', 'Sent ', 'Events ', 'fit ', 'this.'];

  it('streams the answer to the POST, survives a dropped connection by resuming from Last-Event-ID, ends on done', async () => {
    let release = () => {};
    let allowed = 2;
    const gate = () => (allowed-- > 0 ? Promise.resolve() : new Promise<void>((r) => (release = r)));
    server = await start(
      createCompletionHandler({
        generate: model(words, gate),
        authorize: (r) => r.headers.get('authorization') === 'Bearer t',
        heartbeatMs: 100,
      }),
    );
    const pieces: string[] = [];
    const done = streamCompletion(
      `${server.url}/completions`,
      'why SSE?',
      { Authorization: 'Bearer t' },
      (p) => void pieces.push(p),
    );
    await until(() => pieces.length === 2, 'the first two pieces');
    server.drop(); // the network drops mid-answer
    allowed = 10;
    release(); // generation goes on while the client is away
    await done;
    expect(pieces.join('')).toBe(words.join('')); // nothing lost, nothing twice
  });

  it('refuses a missing token; a run that does not exist (or expired) answers 204, which tells a client not to retry', async () => {
    server = await start(
      createCompletionHandler({
        generate: model(['x'], async () => {}),
        authorize: (r) => r.headers.get('authorization') === 'Bearer t',
        keepMs: 0,
      }),
    );
    expect((await fetch(`${server.url}/completions`, { method: 'POST', body: '{"prompt":"x"}' })).status).toBe(401);
    const pieces: string[] = [];
    await streamCompletion(`${server.url}/completions`, 'x', { Authorization: 'Bearer t' }, (p) => void pieces.push(p));
    expect(pieces).toEqual(['x']);
    expect((await fetch(`${server.url}/completions/nope`, { headers: { Authorization: 'Bearer t' } })).status).toBe(
      204,
    );
  });

  it('stops generating on DELETE', async () => {
    let stoppedAt = -1;
    const generate = async function* (_p: string, signal: AbortSignal) {
      for (let i = 0; i < 1000; i++) {
        if (signal.aborted) return void (stoppedAt = i);
        await new Promise((r) => setTimeout(r, 5));
        yield `${i} `;
      }
    };
    server = await start(createCompletionHandler({ generate, authorize: () => true }));
    const res = await fetch(`${server.url}/completions`, { method: 'POST', body: '{"prompt":"count"}' });
    const run = res.headers.get('content-location') as string;
    expect((await fetch(`${server.url}${run}`, { method: 'DELETE' })).status).toBe(204);
    const texts: string[] = [];
    for await (const e of readEvents(res.body as ReadableStream<Uint8Array>))
      if (e.event === 'message') texts.push(e.data);
    expect(stoppedAt).toBeGreaterThanOrEqual(0);
    expect(texts.length).toBeLessThan(1000);
  });
});

describe('shared/lambda-stream.ts (Lambda response streaming; the runtime is a stand-in)', () => {
  const g = globalThis as { awslambda?: unknown };
  afterEach(() => void delete g.awslambda);

  it('turns a function URL event into a Request, and streams the Response with its status and headers', async () => {
    let meta: unknown;
    g.awslambda = {
      streamifyResponse: (fn: unknown) => fn,
      HttpResponseStream: { from: (stream: PassThrough, m: unknown) => ((meta = m), stream) },
    };
    const handler = streamingLambda(
      createCompletionHandler({
        generate: model(['a', 'b'], async () => {}),
        authorize: (r) => r.headers.get('authorization') === 'Bearer t',
      }),
    ) as (e: FunctionUrlEvent, s: PassThrough) => Promise<void>;
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await handler(
      {
        rawPath: '/completions',
        headers: { authorization: 'Bearer t' },
        body: Buffer.from('{"prompt":"p"}').toString('base64'),
        isBase64Encoded: true,
        requestContext: { http: { method: 'POST' } },
      },
      out,
    );
    expect(meta).toMatchObject({ statusCode: 200, headers: { 'content-type': 'text/event-stream' } });
    const text = Buffer.concat(chunks).toString();
    expect(text).toContain('data: "a"');
    expect(text).toContain('event: done');
  });
});
