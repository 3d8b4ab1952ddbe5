// HTTP/2 streaming starter: NDJSON (or raw bytes) over a streamed response, read with fetch.
import type { Facts } from '../facts.js';

export function http2StreamingSnippet(f: Facts) {
  const server = f.binary
    ? `// GET /stream: raw bytes, length-prefixed so the client can split frames (H2S-2)
export function GET(req: Request): Response {
  const body = new ReadableStream<Uint8Array>({
    start(ctl) {
      const off = subscribe((frame: Uint8Array) => {
        const head = new Uint8Array(4);
        new DataView(head.buffer).setUint32(0, frame.length);
        ctl.enqueue(head);
        ctl.enqueue(frame);
      });
      req.signal.addEventListener('abort', off); // H2S-5
    },
  });
  return new Response(body, { headers: { 'Content-Type': 'application/octet-stream', 'Cache-Control': 'no-store' } });
}`
    : `// GET /stream: one JSON object per line (NDJSON, H2S-2)
export function GET(req: Request): Response {
  const enc = new TextEncoder();
  const body = new ReadableStream({
    start(ctl) {
      const off = subscribe((item: unknown) => ctl.enqueue(enc.encode(JSON.stringify(item) + '\\n')));
      req.signal.addEventListener('abort', off); // H2S-5
    },
  });
  return new Response(body, { headers: { 'Content-Type': 'application/x-ndjson', 'Cache-Control': 'no-store' } });
}`;
  const client = f.binary
    ? `const res = await fetch('/stream', { headers: { Authorization: \`Bearer \${token}\` } }); // H2S-7
const reader = res.body!.getReader();
let buf = new Uint8Array(0);
for (let r = await reader.read(); !r.done; r = await reader.read()) { // the reader paces the server (H2S-4)
  buf = concat(buf, r.value);
  while (buf.length >= 4) {
    const len = new DataView(buf.buffer, buf.byteOffset).getUint32(0);
    if (buf.length < 4 + len) break;
    handle(buf.subarray(4, 4 + len));
    buf = buf.subarray(4 + len);
  }
}
// on end or error: reconnect with backoff and a resume cursor (H2S-1)`
    : `const res = await fetch('/stream', { headers: { Authorization: \`Bearer \${token}\` } }); // H2S-7
const lines = res.body!.pipeThrough(new TextDecoderStream()).getReader();
let partial = '';
for (let r = await lines.read(); !r.done; r = await lines.read()) { // the reader paces the server (H2S-4)
  const parts = (partial + r.value).split('\\n');
  partial = parts.pop() ?? ''; // keep the incomplete last line
  parts.filter(Boolean).forEach((line) => handle(JSON.parse(line)));
}
// on end or error: reconnect with backoff and a resume cursor (H2S-1)`;
  return { server, client };
}
