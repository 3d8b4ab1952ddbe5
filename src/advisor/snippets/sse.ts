// SSE starter: a streamed Response (runs on functions and on Node alike), EventSource on the client.
// With client messages (R2) it adds the POST path; the heartbeat and ids come from SSE-3 and SSE-6.
import type { Facts } from '../facts.js';

export function sseSnippet(f: Facts) {
  const post = f.clientToServerRatio > 0;
  const server = `// GET /events: one long-lived response (web-standard handler: Next.js, Hono, Workers, Node 18+)
export function GET(req: Request): Response {
  const enc = new TextEncoder();
  let seq = Number(req.headers.get('last-event-id') ?? 0); // resume after a reconnect (SSE-6)
  const body = new ReadableStream({
    start(ctl) {
      const send = (data: unknown) => ctl.enqueue(enc.encode(\`id: \${++seq}\\ndata: \${JSON.stringify(data)}\\n\\n\`));
      const off = subscribe(send); // your pub/sub backplane (SSE-7)
      const ping = setInterval(() => ctl.enqueue(enc.encode(': ping\\n\\n')), 20_000); // SSE-3
      req.signal.addEventListener('abort', () => { off(); clearInterval(ping); });
    },
  });
  return new Response(body, {
    headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache, no-transform', 'X-Accel-Buffering': 'no' },
  });
}${
    post
      ? `

// POST /commands: the rare client message is an ordinary request (R2)
export async function POST(req: Request): Promise<Response> {
  await handleCommand(await req.json());
  return new Response(null, { status: 204 });
}`
      : ''
  }`;
  const client = `const events = new EventSource('/events', { withCredentials: true }); // cookies authenticate (SSE-5)
events.onmessage = (e) => render(JSON.parse(e.data)); // reconnect and Last-Event-ID are built in${
    post
      ? `

async function sendCommand(cmd: unknown) {
  await fetch('/commands', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(cmd) });
}`
      : ''
  }`;
  return { server, client };
}
