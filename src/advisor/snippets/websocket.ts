// WebSocket starter: the `ws` package with ping/pong and an Origin check; a client with backoff.
import type { Facts } from '../facts.js';

export function websocketSnippet(f: Facts) {
  const server = `import { WebSocketServer } from 'ws';

const wss = new WebSocketServer({
  port: 8080,
  verifyClient: ({ origin, req }) => ALLOWED_ORIGINS.has(origin) && isAuthenticated(req), // WS-5
});
wss.on('connection', (ws) => {
  let alive = true;
  ws.on('pong', () => (alive = true));
  const beat = setInterval(() => { if (!alive) return ws.terminate(); alive = false; ws.ping(); }, 25_000); // WS-2
  ws.on('message', (data, isBinary) => handle(ws, data, isBinary));
  ws.on('close', () => clearInterval(beat));
});`;
  const client = `let attempt = 0;
function connect() {
  const ws = new WebSocket('wss://example.com/socket');${f.binary ? `\n  ws.binaryType = 'arraybuffer';` : ''}
  ws.onopen = () => { attempt = 0; resync(ws); }; // resubscribe and catch up (WS-1)
  ws.onmessage = (e) => handle(e.data);
  ws.onclose = () => {
    const delay = Math.random() * Math.min(30_000, 500 * 2 ** attempt++); // capped backoff, full jitter
    setTimeout(connect, delay);
  };
}
connect();`;
  return { server, client };
}
