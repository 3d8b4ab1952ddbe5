// The plain-HTTP starters, run on Node: cacheable polling with validators, a job polled for its
// status, batched POSTs and a file upload, each retried without being counted twice.
import { afterEach, describe, expect, it } from 'vitest';
import { createBatcher } from '../../src/advisor/snippets/batched-post/client.js';
import { uploadFile } from '../../src/advisor/snippets/batched-post/file-client.js';
import { createIngestHandler } from '../../src/advisor/snippets/batched-post/server.js';
import { pollSnapshot } from '../../src/advisor/snippets/polling/client.js';
import { runJob } from '../../src/advisor/snippets/polling/job-client.js';
import { createJobHandler } from '../../src/advisor/snippets/polling/job-server.js';
import { createSnapshotHandler } from '../../src/advisor/snippets/polling/server.js';
import { start, until, type Running } from './snippet-server.js';

let server: Running | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('polling/server.ts + client.ts', () => {
  it('answers 304 to a known ETag, tells CDNs how long to keep public data, and the client sees each change once', async () => {
    let state = { score: '0-0' };
    const statuses: number[] = [];
    const handler = createSnapshotHandler({ load: () => state, maxAgeSeconds: 5, shared: true });
    server = await start(async (req) => {
      const res = await handler(req);
      statuses.push(res.status);
      return res;
    });
    const first = await fetch(`${server.url}/score`);
    expect(first.headers.get('cache-control')).toBe('public, max-age=5, stale-while-revalidate=5');
    const etag = first.headers.get('etag') as string;
    expect((await fetch(`${server.url}/score`, { headers: { 'If-None-Match': etag } })).status).toBe(304);

    const seen: unknown[] = [];
    const controller = new AbortController();
    const polling = pollSnapshot(`${server.url}/score`, (s) => void seen.push(s), {
      intervalMs: 20,
      signal: controller.signal,
    });
    await until(() => seen.length === 1, 'the first state');
    await until(() => statuses.filter((s) => s === 304).length >= 3, 'unchanged polls answered 304');
    state = { score: '1-0' };
    await until(() => seen.length === 2, 'the change');
    expect(seen).toEqual([{ score: '0-0' }, { score: '1-0' }]);
    controller.abort();
    await polling;
  });

  it('per-user data is private to the browser cache', async () => {
    const res = await createSnapshotHandler({ load: () => ({}), maxAgeSeconds: 30, shared: false })(
      new Request('http://x/me'),
    );
    expect(res.headers.get('cache-control')).toBe('private, max-age=30, stale-while-revalidate=30');
    expect(res.headers.get('vary')).toBe('Cookie');
  });
});

describe('polling/job-server.ts + job-client.ts', () => {
  it('202 with a status URL, progress while it runs, the result when done', async () => {
    let finish = () => {};
    server = await start(
      createJobHandler({
        authorize: () => true,
        retryAfterSeconds: 0,
        run: (input, progress) =>
          new Promise((resolve) => {
            progress(0.5);
            finish = () => resolve({ rows: (input as { n: number }).n });
          }),
      }),
    );
    const progress: number[] = [];
    const result = runJob<{ rows: number }>(`${server.url}/jobs`, { n: 42 }, (p) => void progress.push(p));
    await until(() => progress.length >= 2, 'progress reports');
    finish();
    expect(await result).toEqual({ rows: 42 });
    expect(progress[0]).toBe(0.5);
  });
});

describe('batched-post/server.ts + client.ts + file-client.ts', () => {
  it('batches items, and a batch retried after a lost answer is stored once', async () => {
    const stored: unknown[] = [];
    const ingest = createIngestHandler({
      authorize: () => true,
      onBatch: (items) => void stored.push(...items),
      onFile: () => undefined,
    });
    let failNext = true;
    server = await start(async (req) => {
      const res = await ingest(req);
      if (failNext && req.method === 'POST') {
        failNext = false;
        return new Response(null, { status: 503 }); // stored, but the answer is lost
      }
      return res;
    });
    const batcher = createBatcher(`${server.url}/events`, { flushMs: 20, maxItems: 3 });
    for (let i = 0; i < 7; i++) batcher.add(i);
    await batcher.stop();
    await until(() => stored.length === 7, 'all items');
    expect(stored).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('uploads a file as one request, retries a 5xx with the same Idempotency-Key, refuses what is too large', async () => {
    const files: number[] = [];
    const ingest = createIngestHandler({
      authorize: () => true,
      onBatch: () => undefined,
      onFile: (bytes) => void files.push(bytes.length),
      maxFileBytes: 1000,
    });
    const keys: string[] = [];
    server = await start(async (req) => {
      keys.push(req.headers.get('idempotency-key') ?? '');
      return keys.length === 1 ? new Response(null, { status: 503 }) : ingest(req);
    });
    await uploadFile(`${server.url}/uploads`, new Blob([new Uint8Array(500)], { type: 'image/png' }));
    expect(files).toEqual([500]);
    expect(new Set(keys).size).toBe(1);
    await expect(uploadFile(`${server.url}/uploads`, new Blob([new Uint8Array(5000)]))).rejects.toThrow(/413/);
  });
});
