// The five transports `ask` ranks. The ids are the public vocabulary: output, JSON, docs.

export const TRANSPORT_IDS = ['sse', 'websocket', 'long-polling', 'webrtc', 'http2-streaming'] as const;
export type TransportId = (typeof TRANSPORT_IDS)[number];

export const TRANSPORT_NAMES: Record<TransportId, string> = {
  sse: 'Server-Sent Events',
  websocket: 'WebSocket',
  'long-polling': 'Long polling',
  webrtc: 'WebRTC',
  'http2-streaming': 'HTTP/2 streaming',
};

/** "Server-Sent Events (sse)": the form every report uses, so ids stay greppable. */
export function transportLabel(id: TransportId): string {
  return `${TRANSPORT_NAMES[id]} (${id})`;
}
