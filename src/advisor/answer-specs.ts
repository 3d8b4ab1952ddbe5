// Every input `ask` takes, in question order: its type, allowed values and meaning. One table drives
// validation, the answers-file schema (schema/ask-answers.schema.json), the flags and the docs.

export const DIRECTIONS = ['server-to-client', 'client-to-server', 'bidirectional', 'peer-to-peer'] as const;
export const SCOPES = ['subscription', 'per-request'] as const;
export const CLIENTS = ['browser', 'native-mobile', 'device', 'server'] as const;
export const PLATFORMS = [
  'long-lived-server',
  'aws-lambda',
  'vercel',
  'cloudflare',
  'cloud-run',
  'other-serverless',
] as const;
export const AUDIENCES = ['per-user', 'group', 'public'] as const;

export type Direction = (typeof DIRECTIONS)[number];
export type StreamScope = (typeof SCOPES)[number];
export type ClientKind = (typeof CLIENTS)[number];
export type Platform = (typeof PLATFORMS)[number];
export type Audience = (typeof AUDIENCES)[number];

/** Complete answers: what the engine reads. The last three stay unknown unless given. */
export interface Answers {
  direction: Direction;
  /** client messages per server message; 0 = the client never sends */
  clientToServerRatio: number;
  latencyBudgetMs: number;
  binary: boolean;
  serverless: boolean;
  platform: Platform;
  streamScope: StreamScope;
  client: ClientKind;
  peerToPeerMedia: boolean;
  streamingBlockedByProxy: boolean;
  http1Only: boolean;
  existingWebSocketInfra: boolean;
  highThroughput: boolean;
  audience?: Audience;
  concurrentClients?: number;
  eventsPerMinute?: number;
}
export type AnswerKey = keyof Answers;

interface Common {
  description: string;
  /** the value when not given (none: the answer stays unknown, or is required) */
  default?: string | boolean;
}
export type AnswerSpec = Common &
  (
    | { kind: 'enum'; values: readonly string[] }
    | { kind: 'number'; minimum: number; unit?: string }
    | { kind: 'boolean' }
  );

export const ANSWER_SPECS: { readonly [K in AnswerKey]-?: AnswerSpec } = {
  direction: { kind: 'enum', values: DIRECTIONS, description: 'who sends the real-time messages' },
  clientToServerRatio: {
    kind: 'number',
    minimum: 0,
    description: 'client messages per server message (0 = the client never sends); optional between peers',
  },
  latencyBudgetMs: {
    kind: 'number',
    minimum: 1,
    unit: 'ms',
    description: 'latency budget in milliseconds (event to screen, or round trip)',
  },
  binary: { kind: 'boolean', description: 'payloads are bytes (audio, images, files, protobuf, CRDT updates)' },
  serverless: {
    kind: 'boolean',
    description: 'handlers run on serverless functions or edge workers (implied by `platform`)',
  },
  platform: {
    kind: 'enum',
    values: PLATFORMS,
    description: 'where the handlers run; names the serverless platform',
    default: 'long-lived-server, or other-serverless with serverless: true',
  },
  streamScope: {
    kind: 'enum',
    values: SCOPES,
    default: 'subscription',
    description: 'a long-lived subscription, or one stream per request (an LLM completion, an export)',
  },
  client: {
    kind: 'enum',
    values: CLIENTS,
    default: 'browser',
    description: 'what runs the client: a browser, a native mobile app, a device, or another server',
  },
  peerToPeerMedia: { kind: 'boolean', default: false, description: 'live audio/video/screen between users' },
  streamingBlockedByProxy: {
    kind: 'boolean',
    default: false,
    description: 'a proxy you cannot reconfigure buffers or strips streaming responses',
  },
  http1Only: { kind: 'boolean', default: false, description: 'browsers reach the origin over HTTP/1.1 only' },
  existingWebSocketInfra: {
    kind: 'boolean',
    default: false,
    description: 'a WebSocket stack stays in production for other features anyway',
  },
  highThroughput: {
    kind: 'boolean',
    default: false,
    description: 'bulk server-to-client data (thousands of events/s, MB/s)',
  },
  audience: {
    kind: 'enum',
    values: AUDIENCES,
    description: 'who receives each event: one user, a group (room, team, document), or everyone (public data)',
  },
  concurrentClients: { kind: 'number', minimum: 1, description: 'clients connected at once, at peak' },
  eventsPerMinute: { kind: 'number', minimum: 0, description: 'events one client receives per minute, on average' },
};

export const ANSWER_KEYS = Object.keys(ANSWER_SPECS) as AnswerKey[];
/** Without these there is no recommendation; `serverless` may come from `platform`, the ratio is not asked between peers. */
export const REQUIRED_KEYS = ['direction', 'clientToServerRatio', 'latencyBudgetMs', 'binary', 'serverless'] as const;
export const OPTIONAL_BOOLEANS = [
  'peerToPeerMedia',
  'streamingBlockedByProxy',
  'http1Only',
  'existingWebSocketInfra',
  'highThroughput',
] as const;

/** R0: a ratio nobody measured defaults by direction, and the report says so. */
export const DEFAULT_RATIO: Record<Direction, number> = {
  'server-to-client': 0,
  bidirectional: 1,
  'client-to-server': 10,
  'peer-to-peer': 1,
};
