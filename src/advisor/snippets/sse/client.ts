// The browser side of sse/server.ts: EventSource reconnects by itself and resends the id of the
// last event it saw (Last-Event-ID), so the server replays what was missed. Cookies authenticate.

export interface Subscription {
  close(): void;
}

export function subscribe(
  url: string,
  onEvent: (data: unknown, id: string) => void,
  onReset: () => void,
): Subscription {
  const source = new EventSource(url, { withCredentials: true });
  source.onmessage = (e: MessageEvent<string>) => onEvent(JSON.parse(e.data), e.lastEventId);
  // The server dropped events this client had not seen yet: reload the state, then carry on.
  source.addEventListener('reset', () => onReset());
  source.onerror = () => {
    // CONNECTING: the browser retries by itself. CLOSED: the server answered an error (401, 404…)
    // and EventSource gives up for good, as the spec says; show it instead of retrying in a loop.
    if (source.readyState === EventSource.CLOSED) console.warn(`event stream ${url} closed by the server`);
  };
  return { close: () => source.close() };
}

/** The rare client message: an ordinary POST beside the stream (R2). */
export async function sendCommand(url: string, command: unknown): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    credentials: 'include',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(command),
  });
  if (!res.ok) throw new Error(`command refused: ${res.status}`);
}
