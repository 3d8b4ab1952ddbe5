// Checking answers (from flags, a file or the prompts) against ANSWER_SPECS, and completing them:
// defaults for what may be left out, and the R0 sanity warnings.
import { closest } from '../suggest.js';
import {
  ANSWER_KEYS,
  ANSWER_SPECS,
  DEFAULT_RATIO,
  OPTIONAL_BOOLEANS,
  REQUIRED_KEYS,
  type AnswerKey,
  type Answers,
  type Direction,
  type Platform,
} from './answer-specs.js';

export * from './answer-specs.js';

export class AnswerError extends Error {
  override name = 'AnswerError';
}

/** Plain decimal notation only: Number() would also read "0x10", " 5", "1e3", "0b11" and "-1e-400". */
const DECIMAL = /^(?:\d+(?:\.\d+)?|\.\d+)$/;

/** A flag's text as a number; `where` names the flag in the error. */
export function parseAmount(text: string, where: string): number {
  const n = DECIMAL.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(n))
    throw new AnswerError(`${where} must be a plain decimal number such as 0.5 or 300, got "${text}"`);
  return n;
}

/** A value as the error shows it: JSON, except that 1e309 (JSON.parse gives Infinity) must not read as `null`. */
function shown(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return `${value} (out of range)`;
  if (Object.is(value, -0)) return '-0';
  const json = JSON.stringify(value);
  return json === undefined ? String(value) : json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

/** Checks one input's value and type; `where` says where it came from (a flag or a file). */
export function checkAnswer<K extends AnswerKey>(key: K, value: unknown, where: string): Answers[K] {
  const spec = ANSWER_SPECS[key];
  const what = where.startsWith('--') ? where : `${where}: ${key}`; // a flag names itself; a file names the key
  if (spec.kind === 'enum') {
    if (typeof value !== 'string' || !spec.values.includes(value))
      throw new AnswerError(`${what} must be one of ${spec.values.join(', ')}, got ${shown(value)}`);
  } else if (spec.kind === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || Object.is(value, -0)) {
      throw new AnswerError(`${what} must be a number ≥ 0, got ${shown(value)}`);
    }
    if (value < spec.minimum)
      throw new AnswerError(
        `${what} must be at least ${spec.minimum}${spec.unit ? ` (${spec.unit})` : ''}, got ${value}`,
      );
  } else if (typeof value !== 'boolean') {
    throw new AnswerError(`${what} must be true or false, got ${shown(value)}`);
  }
  return value as Answers[K];
}

/** Validates a parsed answers file: a plain object of known keys (plus `$schema`) with well-typed values. */
export function checkAnswersObject(raw: unknown, where: string): Partial<Answers> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new AnswerError(
      `${where}: expected a JSON object of answers, got ${Array.isArray(raw) ? 'an array' : raw === null ? 'null' : typeof raw}`,
    );
  }
  const keys = Object.keys(raw).filter((k) => k !== '$schema');
  const unknown = keys.filter((k) => !(ANSWER_KEYS as string[]).includes(k));
  if (unknown.length > 0) {
    const hints = unknown.map((k) => {
      const near = closest(k, ANSWER_KEYS);
      return near ? `${k} (did you mean ${near}?)` : k;
    });
    throw new AnswerError(
      `${where}: unknown key${unknown.length > 1 ? 's' : ''} ${hints.join(', ')}; known: ${ANSWER_KEYS.join(', ')}`,
    );
  }
  const out: Partial<Answers> = {};
  for (const key of keys as AnswerKey[]) {
    (out as Record<AnswerKey, unknown>)[key] = checkAnswer(key, (raw as Record<string, unknown>)[key], where);
  }
  return out;
}

const serverlessOf = (p: Platform) => p !== 'long-lived-server';

/** `serverless` and `platform` must agree; `platform` alone answers `serverless`. */
export function checkPlatform(partial: Partial<Answers>): void {
  const { serverless, platform } = partial;
  if (serverless !== undefined && platform !== undefined && serverless !== serverlessOf(platform)) {
    throw new AnswerError(
      `serverless: ${serverless} contradicts platform: ${platform}; give one of them, or make them agree`,
    );
  }
}

/** The required inputs still unknown. */
export function missingKeys(partial: Partial<Answers>): AnswerKey[] {
  return REQUIRED_KEYS.filter((k) => {
    if (partial[k] !== undefined) return false;
    if (k === 'clientToServerRatio') return partial.direction !== 'peer-to-peer';
    if (k === 'serverless') return partial.platform === undefined;
    return true;
  });
}

export interface Completed {
  answers: Answers;
  /** defaults the report must state (R0) */
  assumed: string[];
}

/** Fills what may be defaulted: the optional answers, the ratio between peers, serverless from the platform. */
export function completeAnswers(partial: Partial<Answers>): Completed {
  checkPlatform(partial);
  const missing = missingKeys(partial);
  if (missing.length > 0) throw new AnswerError(`missing answers: ${missing.join(', ')}`);
  const direction = partial.direction as Direction;
  const assumed: string[] = [];
  if (partial.clientToServerRatio === undefined) {
    assumed.push(`client-to-server ratio not used between peers: set to ${DEFAULT_RATIO[direction]}.`);
  }
  const platform = partial.platform ?? (partial.serverless ? 'other-serverless' : 'long-lived-server');
  const answers: Answers = {
    ...(Object.fromEntries(OPTIONAL_BOOLEANS.map((k) => [k, false])) as Pick<
      Answers,
      (typeof OPTIONAL_BOOLEANS)[number]
    >),
    ...(partial as Answers),
    streamScope: partial.streamScope ?? 'subscription',
    client: partial.client ?? 'browser',
    clientToServerRatio: partial.clientToServerRatio ?? DEFAULT_RATIO[direction],
    platform,
    serverless: serverlessOf(platform),
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
  if (a.streamScope === 'per-request' && a.direction !== 'server-to-client' && a.clientToServerRatio > 0.1) {
    out.push(
      'one stream per request fits a response streamed back to one request; this flow is read as a subscription.',
    );
  }
  return out;
}
