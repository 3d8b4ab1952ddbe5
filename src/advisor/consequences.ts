// The costs a team accepts with each outcome (the ADR's Consequences), filtered by the facts.
import type { Facts } from './facts.js';
import type { OutcomeId } from './transports.js';

type Cost = { text: string; when?: (f: Facts) => boolean };

const COSTS: Record<OutcomeId, readonly Cost[]> = {
  sse: [
    { text: 'Every proxy hop must pass the stream unbuffered and uncompressed (SSE-1, SSE-2).' },
    { text: 'The server keeps a replay buffer so reconnecting clients resume from Last-Event-ID (SSE-6).' },
    {
      text: 'EventSource cannot POST or send headers: clients read the answer with fetch and resume it themselves.',
      when: (f) => f.perRequest,
    },
    {
      text: 'Client messages are separate POSTs, each a full request.',
      when: (f) => f.clientToServerRatio > 0 && !f.perRequest,
    },
    { text: 'Binary data travels as base64 (a third larger) or by URL.', when: (f) => f.binary },
    {
      text: 'HTTP/2 at the browser edge, or one shared EventSource, is required to stay under 6 connections per origin.',
      when: (f) => f.client === 'browser' && !f.perRequest,
    },
    {
      text: 'The platform cuts streams at its maximum duration; clients reconnect every few minutes.',
      when: (f) => f.serverless && !f.perRequest,
    },
  ],
  websocket: [
    { text: 'We write reconnect with backoff, resync from a sequence number and heartbeats ourselves (WS-1, WS-2).' },
    { text: 'Load balancers need sticky sessions or a pub/sub backplane, and deploys must drain sockets (WS-4).' },
    { text: 'Auth runs at the handshake, beside our HTTP middleware rather than through it (WS-5).' },
    {
      text: 'Corporate proxies that strip Upgrade need a fallback transport (WS-3).',
      when: (f) => f.client !== 'server',
    },
    { text: 'The socket needs a platform feature or a server beside the functions (WS-8).', when: (f) => f.serverless },
  ],
  'long-polling': [
    { text: 'Each delivery costs a request and a new round trip; events are batched per response (LP-3).' },
    { text: 'Every client holds a waiting request; the server must be asynchronous (LP-5).' },
  ],
  webrtc: [
    { text: 'We run a signaling service and TURN relays, and pay for relayed bandwidth (RTC-1, RTC-2).' },
    { text: 'Negotiation code (perfect negotiation, ICE restart) lives in every client (RTC-4).' },
  ],
  'http2-streaming': [
    { text: 'We write reconnect, the resume cursor and the framing ourselves (H2S-1, H2S-2).' },
    { text: 'The path hazards of SSE apply: buffering, compression, idle timeouts (H2S-3).' },
  ],
  polling: [
    { text: 'Updates arrive up to one polling interval late.', when: (f) => !f.perRequest },
    {
      text: 'Every client asks on every interval even when nothing changed; validators (304) and a CDN keep that cheap.',
      when: (f) => !f.perRequest,
    },
    { text: 'The job needs a status store and a result URL; the client polls until done.', when: (f) => f.perRequest },
  ],
  'batched-post': [
    { text: 'Data reaches the server up to one flush interval late.', when: (f) => !f.binary },
    { text: 'Unsent batches are lost if the page dies before a flush; the queue is bounded.', when: (f) => !f.binary },
    { text: 'Large files need a size cap, or a direct upload to object storage.', when: (f) => f.binary },
  ],
};

export function consequencesOf(pick: OutcomeId, facts: Facts): string[] {
  return COSTS[pick].filter((c) => !c.when || c.when(facts)).map((c) => c.text);
}
