// One typed table of `ask` options: it drives parsing, `--help`, the README section, and the
// mapping from flags to answers (each answer flag names its answers-file key).
import { Option } from 'commander';
import { AnswerError, DIRECTIONS, checkAnswer, parseAmount, type AnswerKey, type Answers } from '../advisor/answers.js';
import type { FlagSpec } from './scan-flags.js';

export const ASK_FORMATS = ['text', 'json', 'markdown'] as const;
export type AskFormat = (typeof ASK_FORMATS)[number];

export interface AskFlag extends FlagSpec {
  /** the answers-file key this flag sets */
  answer?: AnswerKey;
  /** a boolean answer: also adds --no-<name>, so "not given" stays distinguishable from "no" */
  negatable?: boolean;
}

export const ASK_FLAGS: readonly AskFlag[] = [
  { flags: '--answers <file>', description: 'read answers from a JSON file (flags override it)' },
  {
    flags: '--direction <direction>',
    answer: 'direction',
    description: 'who sends the real-time messages',
    choices: DIRECTIONS,
  },
  {
    flags: '--ratio <number>',
    answer: 'clientToServerRatio',
    description: 'client messages per server message (0 = the client never sends)',
  },
  {
    flags: '--latency <ms>',
    answer: 'latencyBudgetMs',
    description: 'latency budget in milliseconds (event to screen, or round trip)',
  },
  {
    flags: '--binary',
    answer: 'binary',
    negatable: true,
    description: 'payloads are bytes (audio, images, protobuf, CRDT updates)',
  },
  {
    flags: '--serverless',
    answer: 'serverless',
    negatable: true,
    description: 'handlers run on serverless functions or edge workers',
  },
  {
    flags: '--peer-to-peer-media',
    answer: 'peerToPeerMedia',
    negatable: true,
    description: 'live audio/video/screen between users',
  },
  {
    flags: '--streaming-blocked-by-proxy',
    answer: 'streamingBlockedByProxy',
    negatable: true,
    description: 'a proxy you cannot reconfigure buffers or strips streaming responses',
  },
  {
    flags: '--http1-only',
    answer: 'http1Only',
    negatable: true,
    description: 'browsers reach the origin over HTTP/1.1 only',
  },
  {
    flags: '--existing-websocket-infra',
    answer: 'existingWebSocketInfra',
    negatable: true,
    description: 'a WebSocket stack stays in production for other features anyway',
  },
  {
    flags: '--high-throughput',
    answer: 'highThroughput',
    negatable: true,
    description: 'bulk server-to-client data (thousands of events/s, MB/s)',
  },
  {
    flags: '--no-interactive',
    description: 'never prompt; missing answers are an error (the default without a TTY or when CI is set)',
  },
  { flags: '-f, --format <format>', description: 'report format', choices: ASK_FORMATS, defaultValue: 'text' },
  { flags: '-o, --output-file <path>', description: 'write the report to a file instead of stdout' },
  { flags: '--no-color', description: 'plain text output (also when stdout is not a TTY or NO_COLOR is set)' },
];

export interface AskOptions {
  answers?: string;
  interactive: boolean;
  format: AskFormat;
  outputFile?: string;
  color: boolean;
  [answerFlag: string]: unknown;
}

const longName = (f: AskFlag) => (f.flags.match(/--[\w-]+/) as RegExpMatchArray)[0];

/** The commander options: each negatable row becomes `--x` and `--no-x`. */
export function askFlagSpecs(flags: readonly AskFlag[] = ASK_FLAGS): FlagSpec[] {
  return flags.flatMap((f) =>
    f.negatable ? [f, { flags: `--no-${longName(f).slice(2)}`, description: `answer no to ${longName(f)}` }] : [f],
  );
}

/** The answers given as flags, validated; commander's attribute names map back through the table. */
export function answersFromFlags(opts: AskOptions): Partial<Answers> {
  const out: Partial<Answers> = {};
  for (const f of ASK_FLAGS) {
    if (!f.answer) continue;
    const value = opts[new Option(f.flags).attributeName()];
    if (value === undefined) continue;
    const where = longName(f);
    const typed = typeof value === 'string' && f.answer !== 'direction' ? parseAmount(value, where) : value;
    (out as Record<AnswerKey, unknown>)[f.answer] = checkAnswer(f.answer, typed, where);
  }
  return out;
}

/** "--ratio (clientToServerRatio)": how a missing answer is named in errors. */
export function flagFor(key: AnswerKey): string {
  const f = ASK_FLAGS.find((x) => x.answer === key);
  if (!f) throw new AnswerError(`no flag for ${key}`);
  return `${longName(f)} (${key})`;
}

/** The README's option table, rendered from ASK_FLAGS (a test keeps the docs in step). */
export function renderAskFlagsMarkdown(flags: readonly AskFlag[] = ASK_FLAGS): string {
  const rows = flags.map((f) => {
    const names = f.negatable ? `\`${f.flags}\`, \`--no-${longName(f).slice(2)}\`` : `\`${f.flags}\``;
    const choices = f.choices ? ` (${f.choices.map((c) => `\`${c}\``).join(', ')})` : '';
    const def = typeof f.defaultValue === 'string' ? `\`${f.defaultValue}\`` : '';
    return `| ${names} | ${f.answer ? `\`${f.answer}\`` : ''} | ${f.description}${choices} | ${def} |`;
  });
  return ['| option | answers-file key | meaning | default |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
