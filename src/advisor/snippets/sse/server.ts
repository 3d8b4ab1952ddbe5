// Server-Sent Events for a long-lived subscription: GET /events streams, POST /commands takes the
// client's occasional message ("POST in, SSE out"). A web-standard handler: export it as the route
// of Next.js, SvelteKit or Hono, as `fetch` of a Cloudflare Worker, or serve it on Node with
// shared/serve-node.ts (on Lambda: shared/lambda-stream.ts).
//
//   const log = new EventLog();               // fed by your pub/sub backplane (SSE-7)
//   serve(createSseHandler({ log, authorize, onCommand }));
import { EventLog } from '../shared/event-log.js';

export interface SseOptions {
  log: EventLog;
  /** true when the request's cookie is a valid session (SSE-5); a 401 tells EventSource to stop */
  authorize: (request: Request) => boolean | Promise<boolean>;
  /** a client's command, already authorized; publish what it changes to `log` */
  onCommand: (command: unknown, request: Request) => void | Promise<void>;
  /** comment line this often when idle, below every proxy's idle timeout (SSE-3) */
  heartbeatMs?: number;
  /** how long clients wait before reconnecting */
  retryMs?: number;
}

const encoder = new TextEncoder();

function eventStream(o: SseOptions, request: Request): ReadableStream<Uint8Array> {
  const header = request.headers.get('last-event-id');
  // A reconnecting client says what it saw last; a new one starts from now.
  let cursor = header !== null && /^\d+$/.test(header) ? Number(header) : o.log.lastId;
  const closed = new AbortController();
  request.signal.addEventListener('abort', () => closed.abort());
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`retry: ${o.retryMs ?? 2000}\n\n`));
    },
    // pull() runs only when the consumer has room: a slow client is not buffered without bound.
    async pull(controller) {
      await o.log.waitAfter(cursor, o.heartbeatMs ?? 20_000, closed.signal);
      if (closed.signal.aborted) return;
      const { events, gap } = o.log.since(cursor);
      if (gap) controller.enqueue(encoder.encode('event: reset\ndata: {}\n\n')); // missed too much: resync
      if (events.length === 0) return controller.enqueue(encoder.encode(': ping\n\n'));
      const text = events.map((e) => `id: ${e.id}\ndata: ${JSON.stringify(e.data)}\n\n`).join('');
      cursor = (events.at(-1) as { id: number }).id;
      controller.enqueue(encoder.encode(text));
    },
    cancel() {
      closed.abort();
    },
  });
}

export function createSseHandler(o: SseOptions): (request: Request) => Promise<Response> {
  return async (request) => {
    const { pathname } = new URL(request.url);
    if (!(await o.authorize(request))) return new Response('sign in first', { status: 401 });
    if (request.method === 'GET' && pathname === '/events') {
      return new Response(eventStream(o, request), {
        headers: {
          'Content-Type': 'text/event-stream',
          'Cache-Control': 'no-cache, no-transform',
          'X-Accel-Buffering': 'no',
        },
      });
    }
    if (request.method === 'POST' && pathname === '/commands') {
      let command: unknown;
      try {
        command = await request.json();
      } catch {
        return new Response('a JSON body, please', { status: 400 });
      }
      await o.onCommand(command, request);
      return new Response(null, { status: 204 });
    }
    return new Response('not found', { status: 404 });
  };
}
