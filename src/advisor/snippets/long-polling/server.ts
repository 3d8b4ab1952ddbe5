// Long polling, for paths that break streaming (R8): GET /poll?since=<cursor> answers at once when
// events are waiting (all of them, batched: LP-3), else holds the request up to `holdMs`, below
// every intermediary's timeout (LP-1), and answers with no events. The cursor makes sure nothing
// is lost or repeated between polls (LP-2). A web-standard handler: mount it as in sse/server.ts.
import type { EventLog } from '../shared/event-log.js';

export interface PollOptions<T = unknown> {
  log: EventLog<T>;
  authorize: (request: Request) => boolean | Promise<boolean>;
  /** 20–25 s in production: Heroku wants a first byte within 30 s, nginx reads time out at 60 s */
  holdMs?: number;
}

export function createPollHandler<T>(o: PollOptions<T>): (request: Request) => Promise<Response> {
  return async (request) => {
    if (!(await o.authorize(request))) return new Response('sign in first', { status: 401 });
    const url = new URL(request.url);
    if (request.method !== 'GET' || url.pathname !== '/poll') return new Response('not found', { status: 404 });
    const since = url.searchParams.get('since');
    const cursor = since !== null && /^\d+$/.test(since) ? Number(since) : o.log.lastId;
    await o.log.waitAfter(cursor, o.holdMs ?? 25_000, request.signal);
    const { events, gap } = o.log.since(cursor, 500);
    const next = events.at(-1)?.id ?? Math.max(cursor, gap ? o.log.lastId : cursor);
    return Response.json({ cursor: next, reset: gap, events }, { headers: { 'Cache-Control': 'no-store' } }); // LP-6
  };
}
