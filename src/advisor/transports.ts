// What `ask` can recommend. The five transport ids are the public vocabulary (output, JSON, docs);
// the two plain-HTTP outcomes are the honest answer when no persistent channel is needed.

export const TRANSPORT_IDS = ['sse', 'websocket', 'long-polling', 'webrtc', 'http2-streaming'] as const;
export type TransportId = (typeof TRANSPORT_IDS)[number];

/** Plain HTTP: cacheable polling (or a job polled for its status), and uploads in batched POSTs. */
export const PLAIN_HTTP_IDS = ['polling', 'batched-post'] as const;
export const OUTCOME_IDS = [...TRANSPORT_IDS, ...PLAIN_HTTP_IDS] as const;
export type OutcomeId = (typeof OUTCOME_IDS)[number];

export const OUTCOME_NAMES: Record<OutcomeId, string> = {
  sse: 'Server-Sent Events',
  websocket: 'WebSocket',
  'long-polling': 'Long polling',
  webrtc: 'WebRTC',
  'http2-streaming': 'HTTP/2 streaming',
  polling: 'Plain HTTP polling',
  'batched-post': 'Batched POSTs',
};

/** "Server-Sent Events (sse)": the form every report uses, so ids stay greppable. */
export function transportLabel(id: OutcomeId): string {
  return `${OUTCOME_NAMES[id]} (${id})`;
}
