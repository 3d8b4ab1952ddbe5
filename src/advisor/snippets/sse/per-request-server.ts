// One stream per request (an LLM completion, a long query): POST /completions answers with an
// event stream, as OpenAI's API does. Generation runs apart from the response, into a log per run,
// so a client whose connection drops comes back with GET /completions/<run> and Last-Event-ID and
// gets what it missed, then the rest; DELETE /completions/<run> stops it. A web-standard handler:
// mount it as in sse/server.ts. Runs live in this instance's memory: on functions, or with several
// instances, keep each run's log in a shared store (Redis Streams, a KV) so a resume finds it.
import { randomUUID } from 'node:crypto';
import { EventLog } from '../shared/event-log.js';

export interface CompletionOptions {
  /** your model call: yields the answer piece by piece; stops when `signal` aborts */
  generate: (prompt: string, signal: AbortSignal) => AsyncIterable<string>;
  /** checks the Authorization header (the client is fetch, so headers work: SSE-5) */
  authorize: (request: Request) => boolean | Promise<boolean>;
  /** how long a finished run stays resumable */
  keepMs?: number;
  heartbeatMs?: number;
}

interface Run {
  log: EventLog<string>;
  stop: AbortController;
}

const encoder = new TextEncoder();

function stream(run: Run, after: number, heartbeatMs: number, request: Request): ReadableStream<Uint8Array> {
  let cursor = after;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      await run.log.waitAfter(cursor, heartbeatMs, request.signal);
      if (request.signal.aborted) return;
      const { events } = run.log.since(cursor);
      if (events.length > 0) {
        cursor = (events.at(-1) as { id: number }).id;
        controller.enqueue(
          encoder.encode(events.map((e) => `id: ${e.id}\ndata: ${JSON.stringify(e.data)}\n\n`).join('')),
        );
      } else if (run.log.ended) {
        controller.enqueue(encoder.encode('event: done\ndata: {}\n\n'));
        controller.close();
      } else {
        controller.enqueue(encoder.encode(': ping\n\n')); // a model may think for a while (SSE-3)
      }
    },
  });
}

export function createCompletionHandler(o: CompletionOptions): (request: Request) => Promise<Response> {
  const runs = new Map<string, Run>();
  const headers = {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache, no-transform',
    'X-Accel-Buffering': 'no',
  };

  function start(prompt: string): string {
    const id = randomUUID();
    const run: Run = { log: new EventLog<string>(100_000), stop: new AbortController() };
    runs.set(id, run);
    void (async () => {
      try {
        for await (const piece of o.generate(prompt, run.stop.signal)) run.log.append(piece);
      } finally {
        run.log.end(); // readers send `event: done` once they have sent everything
        setTimeout(() => runs.delete(id), o.keepMs ?? 5 * 60_000).unref?.();
      }
    })();
    return id;
  }

  return async (request) => {
    if (!(await o.authorize(request))) return new Response('sign in first', { status: 401 });
    const { pathname } = new URL(request.url);
    if (request.method === 'POST' && pathname === '/completions') {
      const body = (await request.json().catch(() => null)) as { prompt?: unknown } | null;
      if (typeof body?.prompt !== 'string') return new Response('{"prompt": "..."} please', { status: 400 });
      const id = start(body.prompt);
      const run = runs.get(id) as Run;
      return new Response(stream(run, 0, o.heartbeatMs ?? 15_000, request), {
        headers: { ...headers, 'Content-Location': `/completions/${id}` },
      });
    }
    const resume = /^\/completions\/([\w-]+)$/.exec(pathname);
    if (request.method === 'DELETE' && resume) {
      runs.get(resume[1] as string)?.stop.abort(); // "stop generating" is its own request
      return new Response(null, { status: 204 });
    }
    if (request.method === 'GET' && resume) {
      const run = runs.get(resume[1] as string);
      if (!run) return new Response(null, { status: 204 }); // gone: nothing to resume, do not retry
      const last = Number(request.headers.get('last-event-id') ?? 0);
      return new Response(stream(run, Number.isInteger(last) ? last : 0, o.heartbeatMs ?? 15_000, request), {
        headers,
      });
    }
    return new Response('not found', { status: 404 });
  };
}
