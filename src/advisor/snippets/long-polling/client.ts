// The other half of long-polling/server.ts: one request at a time, in a loop (not a promise chain
// that grows), backing off with full jitter on errors (LP-4), stopping when `signal` aborts.

export interface Batch<T> {
  cursor: number;
  reset: boolean;
  events: { id: number; data: T }[];
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

export async function poll<T>(
  url: string,
  onBatch: (batch: Batch<T>) => void,
  options: { since?: number; signal: AbortSignal },
): Promise<void> {
  let cursor = options.since;
  let failures = 0;
  while (!options.signal.aborted) {
    try {
      const target = new URL(url);
      if (cursor !== undefined) target.searchParams.set('since', String(cursor));
      const res = await fetch(target, { credentials: 'include', cache: 'no-store', signal: options.signal });
      if (!res.ok) throw new Error(`poll failed: ${res.status}`);
      const batch = (await res.json()) as Batch<T>;
      cursor = batch.cursor;
      failures = 0;
      if (batch.events.length > 0 || batch.reset) onBatch(batch); // reset: reload the state (events were dropped)
    } catch {
      if (options.signal.aborted) return;
      await sleep(Math.random() * Math.min(30_000, 1000 * 2 ** failures++), options.signal);
    }
  }
}
