// The browser side of the WebSocket snippets. The WebSocket API does none of this by itself:
// reconnect with capped exponential backoff and full jitter (WS-1), resume after the last event id,
// keep sent messages until the server acknowledges them and resend them after a reconnect (WS-9),
// close when the page goes away (WS-10).

export interface Connection {
  send(data: unknown): void;
  close(): void;
}

type ServerMessage = { type: 'event'; id: number; data: unknown } | { type: 'ack'; ref: string } | { type: 'reset' };

export function connect(url: string, onEvent: (data: unknown, id: number) => void, onReset: () => void): Connection {
  let socket: WebSocket | undefined;
  let lastId: number | undefined;
  let attempt = 0;
  let stopped = false;
  const pending = new Map<string, string>(); // ref → message, until acknowledged

  function open(): void {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      ws.send(JSON.stringify({ type: 'resume', after: lastId ?? null })); // the server replays from there
      for (const message of pending.values()) ws.send(message); // resend what was not acknowledged
    };
    ws.onmessage = (e: MessageEvent) => {
      const message = JSON.parse(String(e.data)) as ServerMessage;
      if (message.type === 'event') {
        if (lastId !== undefined && message.id <= lastId) return; // already seen
        lastId = message.id;
        onEvent(message.data, message.id);
      } else if (message.type === 'ack') {
        pending.delete(message.ref);
      } else {
        onReset();
      }
    };
    ws.onclose = () => {
      socket = undefined;
      if (stopped) return;
      const delay = Math.random() * Math.min(30_000, 500 * 2 ** attempt++);
      setTimeout(open, delay);
    };
  }

  const close = () => {
    stopped = true;
    socket?.close(1000, 'bye');
  };
  if (typeof addEventListener === 'function') addEventListener('pagehide', close);
  open();

  return {
    send(data) {
      if (pending.size >= 1000) throw new Error('offline for too long: too many unsent messages');
      const ref = crypto.randomUUID();
      const message = JSON.stringify({ type: 'send', ref, data });
      pending.set(ref, message);
      if (socket?.readyState === WebSocket.OPEN) socket.send(message);
    },
    close,
  };
}
