// The ten inputs of the framework (framework.md §2): their types, validation, and R0 sanity checks.

export const DIRECTIONS = ['server-to-client', 'client-to-server', 'bidirectional', 'peer-to-peer'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export interface Answers {
  direction: Direction;
  /** client messages per server message; 0 = the client never sends over the channel */
  clientToServerRatio: number;
  latencyBudgetMs: number;
  binary: boolean;
  serverless: boolean;
  peerToPeerMedia: boolean;
  streamingBlockedByProxy: boolean;
  http1Only: boolean;
  existingWebSocketInfra: boolean;
  highThroughput: boolean;
}
export type AnswerKey = keyof Answers;

/** Order matters: it is the order of the questions and of every listing. */
export const REQUIRED_KEYS = ['direction', 'clientToServerRatio', 'latencyBudgetMs', 'binary', 'serverless'] as const;
export const OPTIONAL_KEYS = [
  'peerToPeerMedia',
  'streamingBlockedByProxy',
  'http1Only',
  'existingWebSocketInfra',
  'highThroughput',
] as const;
export const ANSWER_KEYS: readonly AnswerKey[] = [...REQUIRED_KEYS, ...OPTIONAL_KEYS];

/** R0: a ratio nobody measured defaults by direction, and the report says so. */
export const DEFAULT_RATIO: Record<Direction, number> = {
  'server-to-client': 0,
  bidirectional: 1,
  'client-to-server': 10,
  'peer-to-peer': 1,
};

export class AnswerError extends Error {
  override name = 'AnswerError';
}

/** A flag's text as a number ≥ 0; `where` names the flag in the error. */
export function parseAmount(text: string, where: string): number {
  const n = text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(n) || n < 0) throw new AnswerError(`${where} must be a number ≥ 0, got "${text}"`);
  return n;
}

/** A value as the error shows it: JSON, except that 1e309 (JSON.parse gives Infinity) must not read as `null`. */
function shown(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return `${value} (out of range)`;
  const json = JSON.stringify(value);
  return json === undefined ? String(value) : json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

/** Checks one input's value and type; `where` says where it came from (a flag or a file). */
export function checkAnswer<K extends AnswerKey>(key: K, value: unknown, where: string): Answers[K] {
  if (key === 'direction') {
    if (typeof value !== 'string' || !(DIRECTIONS as readonly string[]).includes(value)) {
      throw new AnswerError(`${where}: direction must be one of ${DIRECTIONS.join(', ')}, got ${shown(value)}`);
    }
  } else if (key === 'clientToServerRatio' || key === 'latencyBudgetMs') {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new AnswerError(`${where}: ${key} must be a number ≥ 0, got ${shown(value)}`);
    }
  } else if (typeof value !== 'boolean') {
    throw new AnswerError(`${where}: ${key} must be true or false, got ${shown(value)}`);
  }
  return value as Answers[K];
}

/** Validates a parsed answers file: a plain object with known keys and well-typed values. */
export function checkAnswersObject(raw: unknown, where: string): Partial<Answers> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new AnswerError(
      `${where}: expected a JSON object of answers, got ${Array.isArray(raw) ? 'an array' : raw === null ? 'null' : typeof raw}`,
    );
  }
  const unknown = Object.keys(raw).filter((k) => !(ANSWER_KEYS as readonly string[]).includes(k));
  if (unknown.length > 0) {
    throw new AnswerError(
      `${where}: unknown key${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (known: ${ANSWER_KEYS.join(', ')})`,
    );
  }
  const out: Partial<Answers> = {};
  for (const [key, value] of Object.entries(raw) as [AnswerKey, unknown][]) {
    (out as Record<AnswerKey, unknown>)[key] = checkAnswer(key, value, where);
  }
  return out;
}

/** The required inputs still unknown. Peer-to-peer needs no ratio (R2 excludes it), so R0 fills it. */
export function missingKeys(partial: Partial<Answers>): AnswerKey[] {
  return REQUIRED_KEYS.filter(
    (k) => partial[k] === undefined && !(k === 'clientToServerRatio' && partial.direction === 'peer-to-peer'),
  );
}

/** Fills what may be defaulted: optional flags to false, the ratio of a peer-to-peer flow (R0, said in `assumed`). */
export function completeAnswers(partial: Partial<Answers>): { answers: Answers; assumed: string[] } {
  const missing = missingKeys(partial);
  if (missing.length > 0) throw new AnswerError(`missing answers: ${missing.join(', ')}`);
  const direction = partial.direction as Direction;
  const assumed: string[] = [];
  if (partial.clientToServerRatio === undefined) {
    assumed.push(`client-to-server ratio not used between peers: set to ${DEFAULT_RATIO[direction]}.`);
  }
  const optional = Object.fromEntries(OPTIONAL_KEYS.map((k) => [k, partial[k] ?? false]));
  const answers = {
    ...(partial as Answers),
    ...optional,
    clientToServerRatio: partial.clientToServerRatio ?? DEFAULT_RATIO[direction],
  };
  return { answers, assumed };
}

/** R0: contradictions between what the user said and what they measured. The ratio wins. */
export function sanityWarnings(a: Answers): string[] {
  const out: string[] = [];
  if (a.direction === 'server-to-client' && a.clientToServerRatio >= 0.5) {
    out.push(
      `server-to-client with ${a.clientToServerRatio} client messages per server message is a conversation; trusting the ratio.`,
    );
  }
  if (a.direction === 'client-to-server' && a.clientToServerRatio < 1) {
    out.push(
      `client-to-server with a ratio of ${a.clientToServerRatio} means the server sends more; trusting the ratio.`,
    );
  }
  if (a.direction === 'peer-to-peer' && !a.peerToPeerMedia)
    out.push('peer-to-peer without media: treated as peer data channels (R17).');
  return out;
}
