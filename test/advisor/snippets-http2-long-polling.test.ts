// The HTTP/2 streaming and long-polling starters, run on Node: a message each way, a reconnect,
// and a resume from the last id that replays what was missed; and the backpressure the old
// snippet lacked (it enqueued every item whatever the reader's pace).
import { afterEach, describe, expect, it } from 'vitest';
import { follow, type Item } from '../../src/advisor/snippets/http2-streaming/client.js';
import { createStreamHandler } from '../../src/advisor/snippets/http2-streaming/server.js';
import { poll, type Batch } from '../../src/advisor/snippets/long-polling/client.js';
import { createPollHandler } from '../../src/advisor/snippets/long-polling/server.js';
import { EventLog } from '../../src/advisor/snippets/shared/event-log.js';
import { start, until, type Running } from './snippet-server.js';

let server: Running | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('http2-streaming/server.ts + client.ts', () => {
  it('NDJSON: follows the stream, reconnects after a drop and resumes after the last id', async () => {
    const log = new EventLog<{ n: number }>();
    server = await start(
      createStreamHandler({
        log,
        format: 'ndjson',
        authorize: (r) => r.headers.get('authorization') === 'Bearer t',
        heartbeatMs: 100,
      }),
    );
    const seen: Item<{ n: number }>[] = [];
    const controller = new AbortController();
    const following = follow<{ n: number }>(`${server.url}/stream`, 't', (i) => void seen.push(i), {
      after: 0,
      signal: controller.signal,
    });
    log.append({ n: 1 });
    await until(() => seen.length === 1, 'the first item');
    server.drop();
    log.append({ n: 2 });
    log.append({ n: 3 });
    await until(() => seen.length === 3, 'the items sent while the client was away');
    expect(seen.map((i) => i.id)).toEqual([1, 2, 3]);
    controller.abort();
    await following.catch(() => undefined);
  });

  it('binary frames arrive whole, whatever the chunking', async () => {
    const log = new EventLog<Uint8Array>();
    server = await start(createStreamHandler({ log, format: 'binary', authorize: () => true, heartbeatMs: 100 }));
    const seen: Item<Uint8Array>[] = [];
    const controller = new AbortController();
    const following = follow<Uint8Array>(`${server.url}/stream`, 't', (i) => void seen.push(i), {
      binary: true,
      after: 0,
      signal: controller.signal,
    });
    const big = new Uint8Array(200_000).map((_, i) => i % 251);
    log.append(new Uint8Array([1, 2, 3]));
    log.append(big);
    await until(() => seen.length === 2, 'two frames');
    expect([...(seen[0]?.data ?? [])]).toEqual([1, 2, 3]);
    expect(seen[1]?.data).toEqual(big);
    controller.abort();
    await following.catch(() => undefined);
  });

  it('backpressure: with nobody reading, the server takes one batch from the log and waits', async () => {
    class CountingLog<T> extends EventLog<T> {
      handedOut = 0;
      override since(id: number, limit?: number) {
        const r = super.since(id, limit);
        this.handedOut += r.events.length;
        return r;
      }
    }
    const log = new CountingLog<number>(10_000);
    const handler = createStreamHandler({ log, format: 'ndjson', authorize: () => true, batch: 50, heartbeatMs: 50 });
    const response = await handler(new Request('http://x/stream?after=0'));
    for (let i = 0; i < 5000; i++) log.append(i);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await new Promise((r) => setTimeout(r, 100)); // the producer has had every chance to run ahead
    expect(log.handedOut).toBeLessThanOrEqual(100); // at most the queued chunk and the one being made
    let lines = 0;
    const decoder = new TextDecoder();
    while (lines < 5000)
      lines += decoder
        .decode((await reader.read()).value)
        .split('\n')
        .filter(Boolean).length;
    expect(lines).toBe(5000); // read at the consumer's pace, all of it arrives
    await reader.cancel();
  });
});

describe('long-polling/server.ts + client.ts', () => {
  it('a held poll answers when an event comes; a dropped poll is retried; the cursor replays what was missed', async () => {
    const log = new EventLog<string>();
    server = await start(createPollHandler({ log, authorize: () => true, holdMs: 200 }));
    const batches: Batch<string>[] = [];
    const controller = new AbortController();
    const polling = poll<string>(`${server.url}/poll`, (b) => void batches.push(b), {
      since: 0,
      signal: controller.signal,
    });
    log.append('hello');
    await until(() => batches.length === 1, 'the first batch');
    server.drop();
    log.append('while');
    log.append('away');
    await until(() => batches.flatMap((b) => b.events).length === 3, 'the missed events');
    expect(batches.flatMap((b) => b.events).map((e) => e.data)).toEqual(['hello', 'while', 'away']);
    controller.abort();
    await polling;
  });

  it('runs hundreds of polls in a loop, not a growing promise chain, and stops on abort', async () => {
    const log = new EventLog<number>();
    server = await start(createPollHandler({ log, authorize: () => true, holdMs: 1 }));
    let answered = 0;
    const controller = new AbortController();
    const origFetch = globalThis.fetch;
    globalThis.fetch = (...args: Parameters<typeof fetch>) => (answered++, origFetch(...args));
    try {
      const polling = poll<number>(`${server.url}/poll`, () => undefined, { since: 0, signal: controller.signal });
      await until(() => answered >= 200, '200 polls');
      controller.abort();
      await polling; // resolves: the loop ends
    } finally {
      globalThis.fetch = origFetch;
    }
  });

  it('sends no-store, and resets a client whose cursor fell out of the log', async () => {
    const log = new EventLog<number>(2);
    for (let i = 0; i < 5; i++) log.append(i);
    const res = await createPollHandler({ log, authorize: () => true, holdMs: 1 })(
      new Request('http://x/poll?since=0'),
    );
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toMatchObject({ reset: true, cursor: 5 });
  });
});
