// One typed table of `ask` options: it drives parsing, `--help`, the docs' table, the mapping from
// flags to answers (each answer flag names its answers-file key) and the equivalent command line.
import { Option } from 'commander';
import {
  ANSWER_SPECS,
  AnswerError,
  checkAnswer,
  parseAmount,
  type AnswerKey,
  type Answers,
} from '../advisor/answers.js';
import { PRESET_NAMES } from '../advisor/presets.js';
import type { FlagSpec } from './scan-flags.js';

export const ASK_FORMATS = ['text', 'json', 'markdown'] as const;
export type AskFormat = (typeof ASK_FORMATS)[number];

export interface AskFlag extends FlagSpec {
  /** the answers-file key this flag sets */
  answer?: AnswerKey;
  /** a boolean answer: also adds --no-<name>, so "not given" stays distinguishable from "no" */
  negatable?: boolean;
  /** shown in the docs' default column */
  shownDefault?: string;
}

const choicesOf = (key: AnswerKey) => {
  const spec = ANSWER_SPECS[key];
  return spec.kind === 'enum' ? spec.values : undefined;
};
const answerFlag = (flags: string, answer: AnswerKey, description = ANSWER_SPECS[answer].description): AskFlag => ({
  flags,
  answer,
  description,
  choices: choicesOf(answer),
  ...(ANSWER_SPECS[answer].kind === 'boolean' ? { negatable: true } : {}),
  ...(typeof ANSWER_SPECS[answer].default === 'string' && choicesOf(answer)
    ? { shownDefault: ANSWER_SPECS[answer].default }
    : {}),
});

export const ASK_FLAGS: readonly AskFlag[] = [
  {
    flags: '--preset <name>',
    description: 'start from the answers of a typical feature; flags and --answers override them',
    choices: PRESET_NAMES,
  },
  { flags: '--answers <file>', description: 'read answers from a JSON file, or `-` for stdin (flags override it)' },
  answerFlag('--direction <direction>', 'direction'),
  answerFlag(
    '--ratio <number>',
    'clientToServerRatio',
    'client messages per server message (0 = the client never sends)',
  ),
  answerFlag(
    '--latency <ms>',
    'latencyBudgetMs',
    'latency budget in milliseconds, at least 1 (event to screen, or round trip)',
  ),
  answerFlag('--binary', 'binary'),
  answerFlag('--serverless', 'serverless'),
  answerFlag(
    '--platform <platform>',
    'platform',
    'where the handlers run (names the serverless platform; implies --serverless or --no-serverless)',
  ),
  answerFlag('--scope <scope>', 'streamScope'),
  answerFlag('--client <client>', 'client'),
  answerFlag('--audience <audience>', 'audience'),
  answerFlag('--concurrent-clients <number>', 'concurrentClients'),
  answerFlag('--events-per-minute <number>', 'eventsPerMinute'),
  answerFlag('--peer-to-peer-media', 'peerToPeerMedia'),
  answerFlag('--streaming-blocked-by-proxy', 'streamingBlockedByProxy'),
  answerFlag('--http1-only', 'http1Only'),
  answerFlag('--existing-websocket-infra', 'existingWebSocketInfra'),
  answerFlag('--high-throughput', 'highThroughput'),
  {
    flags: '--no-interactive',
    description: 'never prompt; missing answers are an error (the default without a TTY or when CI is set)',
  },
  {
    flags: '--save-answers <file>',
    description: 'write the answers given (flags, file, prompts) to a JSON answers file',
  },
  {
    flags: '-f, --format <format>',
    description: 'report format',
    choices: ASK_FORMATS,
    shownDefault: 'text, or from the -o extension (.md, .json)',
  },
  { flags: '-o, --output-file <path>', description: 'write the report to a file instead of stdout' },
  { flags: '--title <text>', description: 'markdown: the ADR title' },
  { flags: '--deciders <names>', description: 'markdown: the ADR deciders line' },
  { flags: '--verbose', description: 'text: every reason of every outcome and the full checklist' },
  { flags: '--no-color', description: 'plain text output (also when stdout is not a TTY or NO_COLOR is set)' },
];

export interface AskOptions {
  preset?: string;
  answers?: string;
  interactive: boolean;
  saveAnswers?: string;
  format?: AskFormat;
  outputFile?: string;
  title?: string;
  deciders?: string;
  verbose?: boolean;
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
    const typed =
      typeof value === 'string' && ANSWER_SPECS[f.answer].kind === 'number' ? parseAmount(value, where) : value;
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

/** The command line that gives these answers without prompts (printed after an interactive run). */
export function equivalentCommand(answers: Partial<Answers>): string {
  const args = ['rt-advisor', 'ask'];
  for (const f of ASK_FLAGS) {
    if (!f.answer) continue;
    const value = answers[f.answer];
    if (value === undefined || (f.answer === 'serverless' && answers.platform !== undefined)) continue;
    if (typeof value === 'boolean') args.push(value ? longName(f) : `--no-${longName(f).slice(2)}`);
    else args.push(longName(f), String(value));
  }
  return args.join(' ');
}

/** The docs' option table, rendered from ASK_FLAGS (a test keeps the docs in step). */
export function renderAskFlagsMarkdown(flags: readonly AskFlag[] = ASK_FLAGS): string {
  const rows = flags.map((f) => {
    const names = f.negatable ? `\`${f.flags}\`, \`--no-${longName(f).slice(2)}\`` : `\`${f.flags}\``;
    const choices = f.choices ? ` (${f.choices.map((c) => `\`${c}\``).join(', ')})` : '';
    return `| ${names} | ${f.answer ? `\`${f.answer}\`` : ''} | ${f.description}${choices} | ${f.shownDefault ?? ''} |`;
  });
  return ['| option | answers-file key | meaning | default |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
