// Where each decision row and checklist item comes from: the seed articles (quoted in
// framework.md §0) and public documentation, as checked in 2026. The ADR prints them as links.

export interface Source {
  title: string;
  /** none for the seed articles, which we cite by title (framework.md §0) */
  url?: string;
}

export const SOURCES = {
  seed000: { title: 'article "Stop Using WebSockets for Everything" (its decision table)' },
  seed001: { title: 'article "When to use WebSockets" (plain HTTP for what is not real time)' },
  seed002: { title: 'article "Server-Sent Events Beat WebSockets for 95% of Real-Time Apps" (Polliog, DEV)' },
  seed004: { title: 'article "The last three real-time features I shipped were all built on SSE"' },
  whatwgSse: {
    title: 'WHATWG HTML §9.2 Server-sent events',
    url: 'https://html.spec.whatwg.org/multipage/server-sent-events.html',
  },
  mdnEventSource: {
    title: 'MDN: EventSource (6 connections per origin on HTTP/1.1)',
    url: 'https://developer.mozilla.org/en-US/docs/Web/API/EventSource',
  },
  mdnWebSockets: {
    title: 'MDN: The WebSocket API (no backpressure)',
    url: 'https://developer.mozilla.org/en-US/docs/Web/API/WebSockets_API',
  },
  mdnWebTransport: {
    title: 'MDN: WebTransport API',
    url: 'https://developer.mozilla.org/en-US/docs/Web/API/WebTransport_API',
  },
  webFeaturesWebTransport: {
    title: 'web-features: WebTransport, Baseline 2026-03-24',
    url: 'https://web-platform-dx.github.io/web-features-explorer/features/webtransport',
  },
  rfc6455: { title: 'RFC 6455 The WebSocket Protocol', url: 'https://www.rfc-editor.org/rfc/rfc6455' },
  rfc9111: { title: 'RFC 9111 HTTP Caching (max-age, validators)', url: 'https://www.rfc-editor.org/rfc/rfc9111' },
  rfc5861: { title: 'RFC 5861 stale-while-revalidate', url: 'https://www.rfc-editor.org/rfc/rfc5861' },
  fetchDuplex: {
    title: 'whatwg/fetch#1254: fetch body streams are not full duplex',
    url: 'https://github.com/whatwg/fetch/issues/1254',
  },
  fetchKeepalive: {
    title: 'MDN: fetch() keepalive (requests that outlive the page)',
    url: 'https://developer.mozilla.org/en-US/docs/Web/API/RequestInit#keepalive',
  },
  asyncRequestReply: {
    title: 'Azure Architecture Center: Asynchronous Request-Reply pattern (202 + status)',
    url: 'https://learn.microsoft.com/en-us/azure/architecture/patterns/asynchronous-request-reply',
  },
  rxdb: {
    title: 'RxDB: WebSockets vs SSE vs Long-Polling vs WebRTC vs WebTransport',
    url: 'https://rxdb.info/articles/websockets-sse-polling-webrtc-webtransport.html',
  },
  openaiStreaming: {
    title: 'OpenAI: streaming responses are server-sent events',
    url: 'https://developers.openai.com/api/docs/guides/streaming-responses',
  },
  openaiRealtimeWebrtc: {
    title: 'OpenAI Realtime: WebRTC for browser and mobile clients',
    url: 'https://developers.openai.com/api/docs/guides/realtime-webrtc',
  },
  openaiRealtimeWs: {
    title: 'OpenAI Realtime: WebSocket for server-to-server',
    url: 'https://developers.openai.com/api/docs/guides/realtime-websocket',
  },
  grpcBidi: {
    title: 'gRPC core concepts: bidirectional streaming over HTTP/2',
    url: 'https://grpc.io/docs/what-is-grpc/core-concepts/',
  },
  nginxProxy: {
    title: 'nginx ngx_http_proxy_module (proxy_buffering, proxy_read_timeout)',
    url: 'https://nginx.org/en/docs/http/ngx_http_proxy_module.html',
  },
  socketIo: {
    title: 'Socket.IO: how it works (long-polling first, then upgrade)',
    url: 'https://socket.io/docs/v4/how-it-works/',
  },
  lambdaStreaming: {
    title: 'AWS Lambda response streaming (200 MB, 6 MB then 2 MB/s)',
    url: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-response-streaming.html',
  },
  lambdaQuotas: {
    title: 'AWS Lambda quotas (1,000 concurrent executions by default, 15 min timeout)',
    url: 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html',
  },
  apiGatewayWs: {
    title: 'API Gateway WebSocket quotas (2 h, 10 min idle, 128 KB messages)',
    url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-execution-service-websocket-limits-table.html',
  },
  vercelWs: {
    title: 'Vercel Functions: WebSockets (public beta)',
    url: 'https://vercel.com/docs/functions/websockets',
  },
  vercelDuration: {
    title: 'Vercel Functions: maximum duration (billed for the whole stream)',
    url: 'https://vercel.com/docs/functions/configuring-functions/duration',
  },
  cloudflareDoWs: {
    title: 'Cloudflare Durable Objects: WebSockets and the Hibernation API',
    url: 'https://developers.cloudflare.com/durable-objects/best-practices/websockets/',
  },
  cloudRunWs: {
    title: 'Google Cloud Run: WebSockets (request timeout up to 60 min)',
    url: 'https://cloud.google.com/run/docs/triggering/websockets',
  },
  apns: {
    title: 'Apple: user notifications (APNs) for apps in the background',
    url: 'https://developer.apple.com/documentation/usernotifications',
  },
  fcm: { title: 'Firebase Cloud Messaging', url: 'https://firebase.google.com/docs/cloud-messaging' },
  mqtt: { title: 'MQTT: the standard messaging protocol for devices', url: 'https://mqtt.org/' },
  pusherFallbacks: { title: 'Pusher: transport fallbacks', url: 'https://pusher.com/docs/fallbacks' },
  perfectNegotiation: {
    title: 'W3C WebRTC 1.0: perfect negotiation example',
    url: 'https://w3c.github.io/webrtc-pc/#perfect-negotiation-example',
  },
} as const satisfies Record<string, Source>;

export type SourceKey = keyof typeof SOURCES;
