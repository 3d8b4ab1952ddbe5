// The control-message vocabulary: verbs a client sends to manage a stream rather than to say something.
// A message is `control` when its verb (the discriminant, the socket.io event name, the first word
// of a text frame or the first element of an array frame) is one of these, after normalisation:
// lower case, `-`/`_`/`.`/`:`/space separated words, and the words of camelCase split.

/** Fields a message's verb goes in (`{ type: 'subscribe' }`, `{ op: … }`, `{ action: … }`), in the order they are tried. */
export const DISCRIMINANTS = [
  'type',
  'op',
  'action',
  'event',
  'method',
  'cmd',
  'command',
  'kind',
  'messageType',
  'msgType',
  't',
];

export const CONTROL_VERBS: Readonly<Record<string, string>> = {
  // subscription management
  subscribe: 'subscription',
  unsubscribe: 'subscription',
  sub: 'subscription',
  unsub: 'subscription',
  listen: 'subscription',
  unlisten: 'subscription',
  watch: 'subscription',
  unwatch: 'subscription',
  follow: 'subscription',
  unfollow: 'subscription',
  track: 'subscription',
  subscription: 'subscription',
  untrack: 'subscription',
  req: 'subscription', // Nostr ["REQ", id, filter]
  close: 'subscription', // Nostr ["CLOSE", id]
  start: 'stream',
  stop: 'stream',
  complete: 'stream', // graphql-ws complete of a subscription
  resume: 'stream',
  pause: 'stream',
  // channel / room membership
  join: 'membership',
  leave: 'membership',
  part: 'membership',
  enter: 'membership',
  exit: 'membership',
  // delivery receipts: with SSE, Last-Event-ID does this job
  ack: 'delivery',
  acknowledge: 'delivery',
  // liveness
  ping: 'heartbeat',
  pong: 'heartbeat',
  heartbeat: 'heartbeat',
  keepalive: 'heartbeat',
  alive: 'heartbeat',
  hb: 'heartbeat',
  // handshakes
  auth: 'handshake',
  authenticate: 'handshake',
  authorize: 'handshake',
  login: 'handshake',
  identify: 'handshake',
  hello: 'handshake',
  hi: 'handshake',
  handshake: 'handshake',
  init: 'handshake',
  connect: 'handshake',
  connection: 'handshake', // graphql-ws connection_init
  token: 'handshake',
};

const STRONG_VERBS = new Set([
  'subscribe',
  'unsubscribe',
  'sub',
  'unsub',
  'listen',
  'unlisten',
  'watch',
  'unwatch',
  'subscription',
  'join',
  'leave',
  'ping',
  'pong',
  'heartbeat',
  'keepalive',
  'auth',
  'authenticate',
  'authorize',
  'identify',
  'handshake',
]);

/** Words that, when present next to a control verb, do not change its nature (`connection_init`, `phx_join`). */
const NOISE_WORDS = new Set([
  'phx',
  'init',
  'request',
  'req',
  'msg',
  'message',
  'channel',
  'channels',
  'room',
  'topic',
  'event',
  'events',
  'all',
  'to',
  'from',
  'ws',
  'client',
  'op',
  'opcode',
  'code',
  'cmd',
  'type',
  'frame',
  'keep',
]);

/** The verbs, for lookups: `w in CONTROL_VERBS` also matched `constructor`, `toString`, … of Object.prototype. */
const CONTROL_VERB_SET: ReadonlySet<string> = new Set(Object.keys(CONTROL_VERBS));

/** The vocabulary as a Markdown table, grouped by what the verbs do (the rule page shows it). */
export function renderVocabularyMarkdown(): string {
  const groups = new Map<string, string[]>();
  for (const [verb, group] of Object.entries(CONTROL_VERBS)) groups.set(group, [...(groups.get(group) ?? []), verb]);
  const rows = [...groups].map(([group, verbs]) => `| ${group} | ${verbs.map((v) => `\`${v}\``).join(', ')} |`);
  return ['| group | verbs |', '| --- | --- |', ...rows].join('\n');
}

export function splitWords(verb: string): string[] {
  return verb
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * Classifies a verb. `subscribe`, `phx_join`, `connection_init`, `unsubscribeAll`, `PING` are control;
 * `chat_message`, `place_order` are not. Extra verbs come from configuration.
 */
export function isControlVerb(verb: string, extra: readonly string[] = []): boolean {
  const words = splitWords(verb);
  if (words.length === 0) return false;
  const known = (w: string) => CONTROL_VERB_SET.has(w) || extra.some((e) => e.toLowerCase() === w);
  const quiet = (w: string) => known(w) || NOISE_WORDS.has(w);
  // every word a control verb or noise, at least one a verb (`unsubscribe_all`, `connection_init`) …
  if (words.some(known) && words.every(quiet)) return true;
  // … or a namespace prefix before such a verb (`eth_subscribe`, `mining.subscribe`, `presence:join`)
  const rest = words.slice(1);
  if (rest.length > 0 && known(rest[rest.length - 1]) && rest.every(quiet)) return true;
  // … or a strong verb followed by its object (`subscribe_ticker`, `join_room`); weak verbs such as
  // `start` or `close` are not enough (`start_game` is a game action)
  return STRONG_VERBS.has(words[0]) && words.length > 1;
}
