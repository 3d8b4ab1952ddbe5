// Uploads that can wait, as plain requests (R19): POST /events takes a batch of items, POST
// /uploads one file. Complete requests pass any proxy; an id on each makes a retry harmless
// (POST-2); sizes are capped (POST-4). A web-standard handler: mount it as in sse/server.ts.

export interface IngestOptions {
  authorize: (request: Request) => boolean | Promise<boolean>;
  /** stores a batch's items (called once per batch id) */
  onBatch: (items: unknown[]) => void | Promise<void>;
  /** stores an uploaded file (called once per upload id) */
  onFile: (bytes: Uint8Array, type: string) => void | Promise<void>;
  maxBatchBytes?: number;
  maxFileBytes?: number;
}

export function createIngestHandler(o: IngestOptions): (request: Request) => Promise<Response> {
  const seen = new Set<string>(); // in production: a unique key in the table the items go to
  const once = async (id: string, work: () => void | Promise<void>) => {
    if (seen.has(id)) return;
    seen.add(id);
    if (seen.size > 100_000) seen.delete(seen.values().next().value as string);
    await work();
  };
  const tooBig = (request: Request, max: number) => Number(request.headers.get('content-length') ?? Infinity) > max;

  return async (request) => {
    if (!(await o.authorize(request))) return new Response('sign in first', { status: 401 });
    const { pathname } = new URL(request.url);
    if (request.method === 'POST' && pathname === '/events') {
      if (tooBig(request, o.maxBatchBytes ?? 64 * 1024)) return new Response('batch too large', { status: 413 });
      const batch = (await request.json().catch(() => null)) as { id?: unknown; items?: unknown } | null;
      if (typeof batch?.id !== 'string' || !Array.isArray(batch.items))
        return new Response('{"id", "items"} please', { status: 400 });
      await once(`batch:${batch.id}`, () => o.onBatch(batch.items as unknown[]));
      return new Response(null, { status: 204 });
    }
    if (request.method === 'POST' && pathname === '/uploads') {
      const id = request.headers.get('idempotency-key');
      if (!id) return new Response('an Idempotency-Key header, please', { status: 400 });
      if (tooBig(request, o.maxFileBytes ?? 10 * 1024 * 1024))
        return new Response('file too large: upload it to storage with a pre-signed URL', { status: 413 });
      const bytes = new Uint8Array(await request.arrayBuffer());
      await once(`file:${id}`, () =>
        o.onFile(bytes, request.headers.get('content-type') ?? 'application/octet-stream'),
      );
      return new Response(null, { status: 201 });
    }
    return new Response('not found', { status: 404 });
  };
}
