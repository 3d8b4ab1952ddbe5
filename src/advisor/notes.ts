// Notes the report adds beside the ranking: consequences the framework asks us to spell out.
import type { Facts } from './facts.js';
import type { TransportId } from './transports.js';

export interface Note {
  rule: string;
  text: string;
}

type NoteRule = {
  rule: string;
  applies: (pick: TransportId, runnerUp: TransportId | undefined, f: Facts) => boolean;
  text: string;
};

const NOTES: readonly NoteRule[] = [
  {
    rule: 'R2',
    applies: (p, _r, f) => p === 'sse' && f.clientToServerRatio > 0,
    text: 'Client messages travel as ordinary POST/fetch requests beside the stream (the snippet shows both).',
  },
  {
    rule: 'R4',
    applies: (p, _r, f) => p === 'websocket' && f.latency === 'ultra' && f.flow === 'push',
    text: 'For one-way push over an open connection WebSocket is not measurably faster; SSE or HTTP/2 streaming are acceptable too.',
  },
  {
    rule: 'R6',
    applies: (p, _r, f) => p === 'sse' && f.binary,
    text: 'For images and files, send a URL in the event and fetch the bytes over cacheable HTTP.',
  },
  {
    rule: 'R7',
    applies: (p, _r, f) => f.serverless && (p === 'sse' || p === 'http2-streaming' || p === 'long-polling'),
    text: 'The platform cuts every stream at its maximum duration: reconnect and resume are mandatory, not optional.',
  },
  {
    rule: 'R9',
    applies: (p, _r, f) => f.http1Only && (p === 'sse' || p === 'http2-streaming'),
    text: 'On HTTP/1.1: turn on HTTP/2 at the edge, share one EventSource across tabs (SharedWorker or leader tab), close unused streams.',
  },
  {
    rule: 'R12',
    applies: (_p, _r, f) => f.flow === 'upstream',
    text: 'Low-rate uploads are not real-time at all: batched plain POSTs may be all you need.',
  },
  {
    rule: 'R16',
    applies: (p, r) => p === 'long-polling' || r === 'long-polling',
    text: 'Long polling: batch every pending event into each response, one poller per browser (leader tab), an async server.',
  },
  {
    rule: '§1',
    applies: (p, _r, f) => p === 'websocket' && (f.latency === 'ultra' || f.binary) && f.flow !== 'push',
    text: 'WebTransport (Baseline since March 2026) is the forward path for games and media-like data; server and proxy support is still thin.',
  },
];

export function notesFor(pick: TransportId, runnerUp: TransportId | undefined, facts: Facts): Note[] {
  return NOTES.filter((n) => n.applies(pick, runnerUp, facts)).map(({ rule, text }) => ({ rule, text }));
}
