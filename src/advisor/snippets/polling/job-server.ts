// A result that takes a minute or more is a job, not a stream (R18): POST /jobs answers 202 with a
// status URL at once; GET /jobs/<id> says how far it got, with Retry-After, and gives the result
// when done (the Asynchronous Request-Reply pattern, POLL-5). No connection waits for the work.
// A web-standard handler: mount it as in sse/server.ts.
import { randomUUID } from 'node:crypto';

export interface JobOptions {
  /** the long work; report progress between 0 and 1 */
  run: (input: unknown, progress: (done: number) => void) => Promise<unknown>;
  authorize: (request: Request) => boolean | Promise<boolean>;
  /** how long a finished job's result is kept */
  keepMs?: number;
  /** what clients are told to wait between polls, in seconds */
  retryAfterSeconds?: number;
}

type Job =
  { status: 'running'; progress: number } | { status: 'done'; result: unknown } | { status: 'failed'; error: string };

export function createJobHandler(o: JobOptions): (request: Request) => Promise<Response> {
  const jobs = new Map<string, Job>();
  const retryAfter = String(o.retryAfterSeconds ?? 2);
  return async (request) => {
    if (!(await o.authorize(request))) return new Response('sign in first', { status: 401 });
    const { pathname } = new URL(request.url);
    if (request.method === 'POST' && pathname === '/jobs') {
      const input = (await request.json().catch(() => undefined)) as unknown;
      const id = randomUUID();
      jobs.set(id, { status: 'running', progress: 0 });
      const forget = () => setTimeout(() => jobs.delete(id), o.keepMs ?? 60 * 60_000).unref?.();
      o.run(input, (done) => jobs.set(id, { status: 'running', progress: done }))
        .then(
          (result) => jobs.set(id, { status: 'done', result }),
          (err: unknown) => jobs.set(id, { status: 'failed', error: String(err) }),
        )
        .finally(forget);
      return Response.json({ id }, { status: 202, headers: { Location: `/jobs/${id}`, 'Retry-After': retryAfter } });
    }
    const match = /^\/jobs\/([\w-]+)$/.exec(pathname);
    if (request.method === 'GET' && match) {
      const job = jobs.get(match[1] as string);
      if (!job) return new Response('no such job', { status: 404 });
      const headers: Record<string, string> = {
        'Cache-Control': 'no-store',
        ...(job.status === 'running' ? { 'Retry-After': retryAfter } : {}),
      };
      return Response.json(job, { headers });
    }
    return new Response('not found', { status: 404 });
  };
}
