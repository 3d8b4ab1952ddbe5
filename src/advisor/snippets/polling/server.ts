// No persistent channel (R18): the state is a plain GET that caches. An ETag lets an unchanged
// state cost a bodyless 304 (POLL-1); for public data `public, max-age` lets a CDN answer every
// viewer, and stale-while-revalidate keeps answers instant while it refreshes (POLL-2).
// A web-standard handler: mount it as in sse/server.ts.

export interface SnapshotOptions {
  /** the current state, as JSON-able data */
  load: (request: Request) => unknown; // or a Promise of it
  /** seconds a cache may keep an answer: about the polling interval */
  maxAgeSeconds: number;
  /** public data (same for everyone, no cookie) may be cached by CDNs; otherwise only by the browser */
  shared: boolean;
}

async function etagOf(body: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(body));
  return `"${Buffer.from(digest).toString('base64url').slice(0, 27)}"`;
}

export function createSnapshotHandler(o: SnapshotOptions): (request: Request) => Promise<Response> {
  const cacheControl = `${o.shared ? 'public' : 'private'}, max-age=${o.maxAgeSeconds}, stale-while-revalidate=${o.maxAgeSeconds}`;
  return async (request) => {
    if (request.method !== 'GET') return new Response(null, { status: 405, headers: { Allow: 'GET' } });
    const body = JSON.stringify(await o.load(request));
    const etag = await etagOf(body);
    const headers = { ETag: etag, 'Cache-Control': cacheControl, ...(o.shared ? {} : { Vary: 'Cookie' }) };
    const known = request.headers.get('if-none-match');
    if (known !== null && known.split(',').some((t) => t.trim().replace(/^W\//, '') === etag))
      return new Response(null, { status: 304, headers });
    return new Response(body, { headers: { ...headers, 'Content-Type': 'application/json' } });
  };
}
