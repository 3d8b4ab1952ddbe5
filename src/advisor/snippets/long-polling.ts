// Long-polling starter: hold each request up to ~25 s with a cursor (LP-1, LP-2), batch (LP-3).
import type { Facts } from '../facts.js';

export function longPollingSnippet(_f: Facts) {
  const server = `// GET /poll?since=<cursor>: answers at once if events are waiting, else holds up to 25 s
export async function GET(req: Request): Promise<Response> {
  const since = Number(new URL(req.url).searchParams.get('since') ?? 0);
  const events = await waitForEvents(since, { timeoutMs: 25_000, signal: req.signal }); // [] on timeout
  const cursor = events.at(-1)?.seq ?? since;
  return Response.json({ cursor, events }, { headers: { 'Cache-Control': 'no-store' } }); // LP-6
}`;
  const client = `async function poll(cursor = 0, failures = 0): Promise<void> {
  try {
    const res = await fetch(\`/poll?since=\${cursor}\`);
    if (!res.ok) throw new Error(String(res.status));
    const { cursor: next, events } = await res.json();
    events.forEach(render); // every pending event arrives in one batch
    return poll(next, 0);
  } catch {
    await new Promise((r) => setTimeout(r, Math.random() * Math.min(30_000, 1000 * 2 ** failures))); // LP-4
    return poll(cursor, failures + 1);
  }
}
poll();`;
  return { server, client };
}
