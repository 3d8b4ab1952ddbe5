// The control-message vocabulary: verbs a client sends to manage a stream rather than to say something.
// A message is `control` when its verb (the discriminant, the socket.io event name, the first word
// of a text frame or the first element of an array frame) is made of these words, after normalisation:
// lower case, `-`/`_`/`.`/`:`/space separated words, and the words of camelCase split.

/**
 * Fields a message's verb goes in (`{ type: 'subscribe' }`, `{ op: … }`, `{ action: … }`), in the order they
 * are tried. Client messages match them in any spelling (`Type`, `MessageType`, `message_type`): see
 * {@link discriminantRank}.
 */
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
  'tag',
  't',
];

const DISCRIMINANT_RANK = new Map(DISCRIMINANTS.map((key, i) => [normalKey(key), i]));

function normalKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Where a key stands among the discriminants in any spelling (`Type`, `MessageType`, `msg_type`), or undefined. */
export function discriminantRank(key: string): number | undefined {
  return DISCRIMINANT_RANK.get(normalKey(key.replace(/^['"]|['"]$/g, '')));
}

/** The discriminant among `keys` that wins (the lowest rank), if any. */
export function pickDiscriminant<T>(items: readonly T[], keyOf: (item: T) => string | undefined): T | undefined {
  let best: T | undefined;
  let bestRank = Infinity;
  for (const item of items) {
    const key = keyOf(item);
    const rank = key === undefined ? undefined : discriminantRank(key);
    if (rank !== undefined && rank < bestRank) [best, bestRank] = [item, rank];
  }
  return best;
}

export type VerbGroup = 'subscription' | 'stream' | 'membership' | 'delivery' | 'heartbeat' | 'handshake';

/** One word of the vocabulary. */
interface Word {
  /** a control verb of this group, or a qualifier that keeps a control verb's nature (`connection_init`) */
  role: VerbGroup | 'qualifier';
  /** followed by its object the verb is still control (`subscribe_ticker`, `join_room`; not `start_game`) */
  strong?: true;
  /** control only as the whole verb: `info` is, `kernel_info_request` and `get_info` are not */
  whole?: true;
}

const verbOf = (role: VerbGroup, flags: Omit<Word, 'role'> = {}): Word => ({ role, ...flags });
const STRONG = { strong: true } as const;
const QUALIFIER: Word = { role: 'qualifier' };

/**
 * The one table: every word, what it does, and why it is here. A Map, so `constructor` or `toString`
 * (Object.prototype's keys) never count as words.
 */
export const VOCABULARY: ReadonlyMap<string, Word> = new Map<string, Word>([
  // subscription management
  ['subscribe', verbOf('subscription', STRONG)], // the canonical one
  ['unsubscribe', verbOf('subscription', STRONG)], // its inverse
  ['sub', verbOf('subscription', STRONG)], // NATS `SUB`, short forms
  ['unsub', verbOf('subscription', STRONG)], // NATS `UNSUB`
  ['subscription', verbOf('subscription', STRONG)], // noun form (`subscription_start`)
  ['listen', verbOf('subscription', STRONG)], // Postgres/Alpaca style `listen` to streams
  ['unlisten', verbOf('subscription', STRONG)], // its inverse
  ['watch', verbOf('subscription', STRONG)], // Kubernetes-style resource watches
  ['unwatch', verbOf('subscription', STRONG)], // its inverse
  ['follow', verbOf('subscription')], // follow a feed; weak: `follow_up` is not control
  ['unfollow', verbOf('subscription')], // its inverse
  ['track', verbOf('subscription')], // track a symbol or a topic
  ['untrack', verbOf('subscription')], // its inverse
  ['req', verbOf('subscription')], // Nostr `["REQ", id, filter]` opens a subscription (`request` alone is not control)
  ['close', verbOf('subscription')], // Nostr `["CLOSE", id]` ends one
  // stream control
  ['start', verbOf('stream')], // subscriptions-transport-ws `start` of an operation; weak: `start_game` is an action
  ['stop', verbOf('stream')], // its inverse
  ['complete', verbOf('stream')], // graphql-ws `complete` of a subscription
  ['terminate', verbOf('stream')], // subscriptions-transport-ws `connection_terminate`
  ['resume', verbOf('stream')], // resume a paused stream (gateway `RESUME`)
  ['pause', verbOf('stream')], // pause a stream
  // channel / room membership
  ['join', verbOf('membership', STRONG)], // `join`, `phx_join`, `join_room`
  ['leave', verbOf('membership', STRONG)], // its inverse
  ['part', verbOf('membership')], // IRC `PART`
  ['enter', verbOf('membership')], // enter a room
  ['exit', verbOf('membership')], // its inverse
  // delivery and flow control: with SSE, Last-Event-ID and the server's own pacing do these jobs
  ['ack', verbOf('delivery')], // acknowledge a pushed message
  ['acknowledge', verbOf('delivery')], // long form
  ['throttle', verbOf('delivery')], // ask the server to push less often
  // liveness
  ['ping', verbOf('heartbeat', STRONG)], // the canonical probe
  ['pong', verbOf('heartbeat', STRONG)], // its answer
  ['heartbeat', verbOf('heartbeat', STRONG)], // `heartbeat`, `Heartbeat` opcodes
  ['keepalive', verbOf('heartbeat', STRONG)], // one word (`keep-alive` splits into `keep` + `alive`)
  ['alive', verbOf('heartbeat')], // `KeepAlive`, `keep_alive`
  ['hb', verbOf('heartbeat')], // short heartbeat
  // handshakes: who the client is, said once at open
  ['auth', verbOf('handshake', STRONG)], // `auth`, `auth_token`
  ['authenticate', verbOf('handshake', STRONG)], // verb form
  ['authentication', verbOf('handshake', STRONG)], // noun form (`{ type: 'authentication' }`)
  ['authorize', verbOf('handshake', STRONG)], // verb form
  ['authorization', verbOf('handshake', STRONG)], // noun form
  ['login', verbOf('handshake')], // weak: `login_attempt` reads like data
  ['identify', verbOf('handshake', STRONG)], // Discord-style `IDENTIFY`
  ['hello', verbOf('handshake')], // protocol greeting (LiveReload `hello`)
  ['hi', verbOf('handshake')], // short greeting
  ['info', verbOf('handshake', { whole: true })], // a client describing itself at open; as a whole verb only
  ['handshake', verbOf('handshake', STRONG)], // explicit
  ['init', verbOf('handshake')], // `init`, `connection_init`
  ['connect', verbOf('handshake')], // a connect frame at open
  ['connection', verbOf('handshake')], // graphql-ws `connection_init`, `connection_terminate`
  ['token', verbOf('handshake')], // a token refresh frame
  // qualifiers: words that, next to a control verb, do not change its nature
  ['phx', QUALIFIER], // Phoenix `phx_join`, `phx_leave`
  ['request', QUALIFIER], // `subscribe_request`; alone it is not control
  ['msg', QUALIFIER], // `ping_msg`
  ['message', QUALIFIER], // `subscribe_message`; alone it is data
  ['channel', QUALIFIER], // `join_channel`
  ['channels', QUALIFIER], // `subscribe_channels`
  ['room', QUALIFIER], // `leave_room`
  ['topic', QUALIFIER], // `subscribe_topic`
  ['event', QUALIFIER], // `subscribe_event`; alone (Nostr `EVENT`) it is data
  ['events', QUALIFIER], // `unsubscribe_events`
  ['all', QUALIFIER], // `unsubscribe_all`
  ['to', QUALIFIER], // `subscribe_to`
  ['from', QUALIFIER], // `unsubscribe_from`
  ['ws', QUALIFIER], // `ws_ping`
  ['client', QUALIFIER], // `client_hello`
  ['op', QUALIFIER], // `OP_SUBSCRIBE`
  ['opcode', QUALIFIER], // `OPCODE_HEARTBEAT`
  ['code', QUALIFIER], // `CODE_PING`
  ['cmd', QUALIFIER], // `CMD_SUBSCRIBE`
  ['type', QUALIFIER], // `TYPE_PING`
  ['frame', QUALIFIER], // `ping_frame`
  ['keep', QUALIFIER], // `keep_alive`
  ['error', QUALIFIER], // a control exchange's failure notice (`connection_error`); alone it is not control
]);

/** The vocabulary's verbs as a Markdown table, grouped by what they do (the rule page shows it). */
/** The group of a control verb (`ping` → heartbeat); undefined for a qualifier or a word not in the table. */
export function verbGroup(word: string): VerbGroup | undefined {
  const entry = VOCABULARY.get(word);
  return entry && entry.role !== 'qualifier' ? entry.role : undefined;
}

export function renderVocabularyMarkdown(): string {
  const groups = new Map<string, string[]>();
  for (const [word, { role, whole }] of VOCABULARY) {
    if (role === 'qualifier') continue;
    groups.set(role, [...(groups.get(role) ?? []), whole ? `${word} (alone)` : word]);
  }
  const rows = [...groups].map(([group, verbs]) => `| ${group} | ${verbs.map((v) => `\`${v}\``).join(', ')} |`);
  const qualifiers = [...VOCABULARY].filter(([, w]) => w.role === 'qualifier').map(([word]) => `\`${word}\``);
  return ['| group | verbs |', '| --- | --- |', ...rows, `| (qualifiers) | ${qualifiers.join(', ')} |`].join('\n');
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
 * `chat_message`, `place_order`, `kernel_info_request` are not. Extra verbs come from configuration.
 */
export function isControlVerb(verb: string, extra: readonly string[] = []): boolean {
  const words = splitWords(verb);
  if (words.length === 0) return false;
  const added = (w: string) => extra.some((e) => e.toLowerCase() === w);
  const entry = (w: string) => VOCABULARY.get(w);
  const known = (w: string) => {
    const e = entry(w);
    return added(w) || (!!e && e.role !== 'qualifier' && (!e.whole || words.length === 1));
  };
  const quiet = (w: string) => known(w) || entry(w)?.role === 'qualifier';
  // every word a control verb or qualifier, at least one a verb (`unsubscribe_all`, `connection_init`) …
  if (words.some(known) && words.every(quiet)) return true;
  // … or a namespace prefix before such a verb (`eth_subscribe`, `mining.subscribe`, `presence:join`,
  // `GQL_CONNECTION_ERROR`)
  const rest = words.slice(1);
  if (rest.some(known) && rest.every(quiet)) return true;
  // … or a strong verb followed by its object (`subscribe_ticker`, `join_room`); weak verbs such as
  // `start` or `close` are not enough (`start_game` is a game action)
  return !!entry(words[0])?.strong && words.length > 1;
}
