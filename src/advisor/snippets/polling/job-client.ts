// Starts a job on polling/job-server.ts and polls its status as the server's Retry-After says,
// until it is done; `onProgress` sees how far it got.

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

export async function runJob<T>(
  url: string,
  input: unknown,
  onProgress: (done: number) => void,
  signal?: AbortSignal,
): Promise<T> {
  const started = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
    signal,
  });
  if (started.status !== 202) throw new Error(`job refused: ${started.status}`);
  const statusUrl = new URL(started.headers.get('location') ?? '', url).href;
  let wait = Number(started.headers.get('retry-after') ?? 2) * 1000;
  for (let failures = 0; ;) {
    await sleep(wait, signal);
    if (signal?.aborted) throw new Error('aborted');
    try {
      const res = await fetch(statusUrl, { signal });
      if (!res.ok) throw new Error(`status ${res.status}`);
      const job = (await res.json()) as { status: string; progress?: number; result?: T; error?: string };
      if (job.status === 'done') return job.result as T;
      if (job.status === 'failed') throw Object.assign(new Error(job.error), { fatal: true });
      onProgress(job.progress ?? 0);
      failures = 0;
      wait = Number(res.headers.get('retry-after') ?? 2) * 1000;
    } catch (err) {
      if ((err as { fatal?: boolean }).fatal || ++failures > 5) throw err;
      wait = Math.random() * Math.min(30_000, 1000 * 2 ** failures);
    }
  }
}
