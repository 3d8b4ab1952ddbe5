// Reads a completion streamed back to its POST. EventSource cannot POST nor send headers, so this
// is fetch with an SSE parser (WHATWG HTML §9.2.6); it resumes a dropped stream itself, with the
// Last-Event-ID header, from the run's URL the server gave in Content-Location.

export interface SseEvent {
  event: string;
  data: string;
  id: string;
}

/** Parses an event stream: `data:` lines joined by "\n", comments skipped, an event ends at a blank line. */
export async function* readEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let event = { event: 'message', data: [] as string[], id: '' };
  try {
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      buffer += decoder.decode(r.value, { stream: true });
      const lines = buffer.split(/\r\n|\r|\n/);
      buffer = lines.pop() ?? ''; // an unfinished line waits for the next chunk
      for (const line of lines) {
        if (line === '') {
          if (event.data.length > 0 || event.event !== 'message')
            yield { event: event.event, data: event.data.join('\n'), id: event.id };
          event = { event: 'message', data: [], id: event.id };
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'data') event.data.push(value);
        else if (field === 'event') event.event = value;
        else if (field === 'id') event.id = value;
      }
    }
  } finally {
    reader.releaseLock();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Streams the answer to `prompt` into `onPiece`; resolves when the server says it is done. */
export async function streamCompletion(
  url: string,
  prompt: string,
  headers: Record<string, string>,
  onPiece: (text: string) => void,
  signal?: AbortSignal,
): Promise<void> {
  let response = await fetch(url, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: JSON.stringify({ prompt }),
    signal,
  });
  const runUrl = new URL(response.headers.get('content-location') ?? '', url).href;
  let lastId = '';
  for (let attempt = 0; ; attempt++) {
    if (response.status === 204) return; // the run is gone
    if (!response.ok || !response.body) throw new Error(`completion failed: ${response.status}`);
    try {
      for await (const e of readEvents(response.body)) {
        if (e.id) lastId = e.id;
        if (e.event === 'done') return;
        if (e.event === 'message') onPiece(JSON.parse(e.data) as string);
      }
    } catch (err) {
      if (signal?.aborted) throw err;
    }
    if (attempt >= 5) throw new Error('completion stream kept dropping');
    await sleep(Math.random() * Math.min(5000, 250 * 2 ** attempt)); // backoff with full jitter
    response = await fetch(runUrl, { headers: { ...headers, 'Last-Event-ID': lastId }, signal });
  }
}
