// Reads http2-streaming/server.ts with fetch: the reader's pace is the server's pace (H2S-4).
// Nothing reconnects by itself here, so this does (H2S-1): backoff with full jitter, resuming
// after the last id seen. Authorization goes as a header (H2S-7).

export interface Item<T> {
  id: number;
  data: T;
}

/** NDJSON: buffers partial lines, since network chunks do not end where lines do (H2S-2). */
export async function* readNdjson<T>(body: ReadableStream<Uint8Array>): AsyncGenerator<Item<T>> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let partial = '';
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    const lines = (partial + decoder.decode(r.value, { stream: true })).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (line.trim() !== '') yield JSON.parse(line) as Item<T>;
  }
}

/** Binary: [u32 length][u32 id][payload] frames; an empty frame with id 0 is a heartbeat. */
export async function* readFrames(body: ReadableStream<Uint8Array>): AsyncGenerator<Item<Uint8Array>> {
  const reader = body.getReader();
  let buf = new Uint8Array(0);
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    const next = new Uint8Array(buf.length + r.value.length);
    next.set(buf);
    next.set(r.value, buf.length);
    buf = next;
    while (buf.length >= 8) {
      const view = new DataView(buf.buffer, buf.byteOffset);
      const length = view.getUint32(0);
      if (buf.length < 8 + length) break;
      const id = view.getUint32(4);
      if (id !== 0) yield { id, data: buf.slice(8, 8 + length) };
      buf = buf.subarray(8 + length);
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Follows the stream until `signal` aborts, reconnecting after drops; `after` is the last id already seen. */
export async function follow<T>(
  url: string,
  token: string,
  onItem: (item: Item<T>) => void,
  options: { binary?: boolean; after?: number; signal: AbortSignal },
): Promise<void> {
  let after = options.after;
  for (let failures = 0; !options.signal.aborted;) {
    try {
      const target = new URL(url);
      if (after !== undefined) target.searchParams.set('after', String(after));
      const res = await fetch(target, { headers: { Authorization: `Bearer ${token}` }, signal: options.signal });
      if (res.status === 401) throw Object.assign(new Error('unauthorized'), { fatal: true });
      if (!res.ok || !res.body) throw new Error(`stream failed: ${res.status}`);
      const items = options.binary ? readFrames(res.body) : readNdjson<T>(res.body);
      for await (const item of items) {
        after = item.id;
        failures = 0;
        onItem(item as Item<T>);
      }
    } catch (err) {
      if (options.signal.aborted || (err as { fatal?: boolean }).fatal) throw err;
    }
    await sleep(Math.random() * Math.min(30_000, 500 * 2 ** failures++));
  }
}
