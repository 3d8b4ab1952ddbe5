// A streamed HTTP response read with fetch: NDJSON lines, or length-prefixed binary frames. Over
// HTTP/2 many of these share one connection. GET /stream?after=<id> resumes after the last item
// the client saw. Items are produced in pull(), which the stream calls only while the reader keeps
// up (desiredSize > 0): a slow client holds back its own stream instead of filling server memory.
// A web-standard handler: mount it as in sse/server.ts.
import { EventLog, type LoggedEvent } from '../shared/event-log.js';

export interface StreamOptions<T> {
  log: EventLog<T>;
  /** 'ndjson': one JSON object per line; 'binary': [u32 length][u32 id][payload] frames of Uint8Array items */
  format: 'ndjson' | 'binary';
  authorize: (request: Request) => boolean | Promise<boolean>;
  /** items per chunk at most: one chunk is what a pull may add */
  batch?: number;
  heartbeatMs?: number;
}

const encoder = new TextEncoder();

function encode<T>(format: StreamOptions<T>['format'], events: LoggedEvent<T>[]): Uint8Array {
  if (format === 'ndjson')
    return encoder.encode(events.map((e) => `${JSON.stringify({ id: e.id, data: e.data })}\n`).join(''));
  const frames = events.map((e) => {
    const payload = e.data as unknown as Uint8Array;
    const frame = new Uint8Array(8 + payload.length);
    const view = new DataView(frame.buffer);
    view.setUint32(0, payload.length);
    view.setUint32(4, e.id);
    frame.set(payload, 8);
    return frame;
  });
  const out = new Uint8Array(frames.reduce((n, f) => n + f.length, 0));
  frames.reduce((at, f) => (out.set(f, at), at + f.length), 0);
  return out;
}

export function createStreamHandler<T>(o: StreamOptions<T>): (request: Request) => Promise<Response> {
  return async (request) => {
    if (!(await o.authorize(request))) return new Response('sign in first', { status: 401 }); // H2S-7: a header works
    const url = new URL(request.url);
    if (request.method !== 'GET' || url.pathname !== '/stream') return new Response('not found', { status: 404 });
    const after = url.searchParams.get('after');
    let cursor = after !== null && /^\d+$/.test(after) ? Number(after) : o.log.lastId;
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          await o.log.waitAfter(cursor, o.heartbeatMs ?? 20_000, request.signal);
          if (request.signal.aborted) return; // H2S-5: the client left, stop the work
          const { events, gap } = o.log.since(cursor, o.batch ?? 100);
          if (gap) return controller.error(new Error('client fell behind the log')); // it reconnects and resyncs
          if (events.length === 0) {
            // an empty line (or an empty frame) keeps proxies from closing an idle stream
            return controller.enqueue(o.format === 'ndjson' ? encoder.encode('\n') : new Uint8Array(8));
          }
          cursor = (events.at(-1) as LoggedEvent<T>).id;
          controller.enqueue(encode(o.format, events));
        },
      },
      { highWaterMark: 1 }, // one chunk queued ahead of the reader, no more
    );
    const type = o.format === 'ndjson' ? 'application/x-ndjson' : 'application/octet-stream';
    return new Response(body, {
      headers: { 'Content-Type': type, 'Cache-Control': 'no-store, no-transform', 'X-Accel-Buffering': 'no' },
    });
  };
}
