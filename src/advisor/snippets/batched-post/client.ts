// Collects items in the browser and sends them as batched POSTs (batched-post/server.ts): every
// `flushMs` or `maxItems`, and once more when the page is hidden or closed, with `keepalive` so the
// request outlives the page (at most 64 KB in flight). Unsent batches are retried with backoff and
// kept bounded, oldest dropped first (POST-1, POST-3).

export interface Batcher {
  add(item: unknown): void;
  /** sends what is queued now */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

export function createBatcher(
  url: string,
  options: { flushMs?: number; maxItems?: number; maxQueuedBatches?: number } = {},
): Batcher {
  const maxItems = options.maxItems ?? 100;
  const unsent: { id: string; items: unknown[] }[] = [];
  let items: unknown[] = [];
  let failures = 0;
  let sending: Promise<void> | undefined;

  function seal(): void {
    if (items.length === 0) return;
    unsent.push({ id: crypto.randomUUID(), items });
    items = [];
    if (unsent.length > (options.maxQueuedBatches ?? 50)) unsent.shift(); // offline too long: drop the oldest
  }

  async function send(keepalive: boolean): Promise<void> {
    while (unsent.length > 0) {
      const batch = unsent[0] as { id: string; items: unknown[] };
      const res = await fetch(url, {
        method: 'POST',
        keepalive,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(batch),
      });
      if (!res.ok && res.status !== 413) throw new Error(`batch refused: ${res.status}`); // 413: never fits, drop it
      unsent.shift();
    }
  }

  function flush(keepalive = false): Promise<void> {
    seal();
    sending ??= send(keepalive)
      .then(() => void (failures = 0))
      .catch(() => void failures++) // kept in `unsent`; the timer tries again, later each time
      .finally(() => (sending = undefined));
    return sending;
  }

  let skip = 0;
  const timer = setInterval(() => {
    if (skip > 0) return void skip--;
    skip = Math.floor(Math.random() * 2 ** Math.min(failures, 5)); // backoff with jitter, in timer ticks
    void flush();
  }, options.flushMs ?? 5000);
  const onHide = () => void flush(true);
  if (typeof addEventListener === 'function') addEventListener('pagehide', onHide);

  return {
    add(item) {
      items.push(item);
      if (items.length >= maxItems) void flush();
    },
    flush: () => flush(),
    async stop() {
      clearInterval(timer);
      if (typeof removeEventListener === 'function') removeEventListener('pagehide', onHide);
      // a last few tries for what is still queued (an in-flight send may have failed just now)
      for (let attempt = 0; attempt < 4 && (items.length > 0 || unsent.length > 0 || sending); attempt++) {
        await flush();
        if (unsent.length > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * 250 * 2 ** attempt));
      }
    },
  };
}
