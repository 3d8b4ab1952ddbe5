// Serves a web-standard handler (Request in, Response out: what Vercel, Cloudflare Workers, Deno,
// Bun and most frameworks call) from Node's own HTTP server, for a long-lived server or Cloud Run.
// The response body is written at the pace the socket drains, and a client that goes away aborts
// `request.signal`, so the handler stops its work.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export type WebHandler = (request: Request) => Response | Promise<Response>;

/** Request bodies here are commands and batches: anything larger is refused, not buffered. */
const MAX_BODY_BYTES = 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw Object.assign(new Error('body too large'), { status: 413 });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function respond(handler: WebHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const aborted = new AbortController();
  res.on('close', () => aborted.abort());
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) value.forEach((v) => headers.append(name, v));
  }
  let response: Response;
  try {
    const body = await readBody(req);
    response = await handler(
      new Request(new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`), {
        method: req.method,
        headers,
        body: body && new Uint8Array(body),
        signal: aborted.signal,
      }),
    );
  } catch (err) {
    response = new Response(null, { status: (err as { status?: number }).status ?? 500 });
  }
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.flushHeaders(); // the client sees the response start at once (SSE-10)
  if (!response.body) return void res.end();
  const reader = response.body.getReader();
  aborted.signal.addEventListener('abort', () => void reader.cancel().catch(() => undefined));
  try {
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      if (!res.write(r.value)) await once(res, 'drain'); // wait for the socket: backpressure
    }
    res.end();
  } catch {
    res.destroy(); // the client left, or the handler's stream failed
  }
}

export function serve(handler: WebHandler, port = Number(process.env.PORT ?? 8080)): Server {
  const server = createServer((req, res) => void respond(handler, req, res));
  return server.listen(port);
}
