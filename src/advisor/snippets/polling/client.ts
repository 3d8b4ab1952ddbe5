// Polls polling/server.ts: a conditional GET every interval (a 304 when nothing changed), a random
// offset so clients do not arrive together, a pause while the tab is hidden, and Retry-After when
// the server asks to slow down (POLL-3, POLL-4).

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

const hidden = () => typeof document !== 'undefined' && document.visibilityState === 'hidden';

export async function pollSnapshot<T>(
  url: string,
  onChange: (state: T) => void,
  options: { intervalMs: number; signal: AbortSignal },
): Promise<void> {
  let etag: string | null = null;
  await sleep(Math.random() * options.intervalMs, options.signal); // spread the first requests
  while (!options.signal.aborted) {
    let wait = options.intervalMs;
    if (!hidden()) {
      try {
        const res: Response = await fetch(url, {
          headers: etag ? { 'If-None-Match': etag } : {},
          signal: options.signal,
        });
        if (res.status === 200) {
          etag = res.headers.get('etag');
          onChange((await res.json()) as T);
        } else if (res.status === 429 || res.status === 503) {
          wait = Math.max(wait, Number(res.headers.get('retry-after') ?? 0) * 1000);
        }
      } catch {
        if (options.signal.aborted) return;
        wait = options.intervalMs * 2; // a failed poll: try again, a little later
      }
    }
    await sleep(wait, options.signal);
  }
}
