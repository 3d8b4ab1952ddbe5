// `rt-advisor ask`: answers from a preset, a file (or stdin) and flags, the missing ones asked in a
// terminal, then the recommendation rendered. Inquirer is imported only when a question must be asked.
import { readFileSync } from 'node:fs';
import { extname, isAbsolute, relative } from 'node:path';
import { Chalk } from 'chalk';
import {
  AnswerError,
  checkPlatform,
  completeAnswers,
  missingKeys,
  type AnswerKey,
  type Answers,
} from '../advisor/answers.js';
import { recommend } from '../advisor/engine.js';
import { askMissing } from '../advisor/flow.js';
import { layerAnswers, PRESETS, type PresetName } from '../advisor/presets.js';
import type { ReportInput } from '../advisor/report-input.js';
import { reportJson } from '../advisor/report-json.js';
import { reportMarkdown } from '../advisor/report-markdown.js';
import { reportText } from '../advisor/report-text.js';
import { readAnswers, saveAnswers } from './ask-answers-file.js';
import { answersFromFlags, equivalentCommand, flagFor, type AskFormat, type AskOptions } from './ask-flags.js';
import { signalExitCode, terminalPrompts, type TerminalPrompts } from './ask-prompts.js';
import { snippetFolder } from './ask-snippets.js';
import { colorWanted, writeReport } from './output.js';
import { UsageError } from '../errors.js';
import { stderrLine } from '../terminal-text.js';

export interface AskIo {
  /** may we prompt? stdin and stdout are TTYs and CI is not set */
  canPrompt: boolean;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
  /** the prompts to ask with; the terminal's (Inquirer) when not given */
  prompts?: () => Promise<TerminalPrompts>;
  /** stdin to its end, for `--answers -` */
  readStdin?: () => string;
  stdinIsTTY?: boolean;
  /** terminal width for the text report */
  columns?: number;
  /** today, for the ADR */
  today?: () => Date;
}

/** CI=1, CI=true, CI=TRUE… all count; CI=0 and CI=false do not. */
function inCI(env: NodeJS.ProcessEnv): boolean {
  const ci = env.CI?.trim().toLowerCase();
  return ci !== undefined && ci !== '' && ci !== '0' && ci !== 'false';
}

export function processIo(): AskIo {
  const isTTY = Boolean(process.stdout.isTTY);
  return {
    canPrompt: Boolean(process.stdin.isTTY) && isTTY && !inCI(process.env),
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
    isTTY,
    readStdin: () => readFileSync(0, 'utf8'),
    stdinIsTTY: Boolean(process.stdin.isTTY),
    columns: process.stdout.columns,
  };
}

/** Thrown by the flow's injected exit; carries the exit code out of the prompts. */
class AskExit extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** `--format` wins; else `-o`'s extension says it; else text. */
export function formatFor(opts: AskOptions): AskFormat {
  if (opts.format) return opts.format;
  const ext = opts.outputFile ? extname(opts.outputFile).toLowerCase() : '';
  return ext === '.md' || ext === '.markdown' ? 'markdown' : ext === '.json' ? 'json' : 'text';
}

function givenAnswers(opts: AskOptions, io: AskIo): Partial<Answers> {
  try {
    const preset = opts.preset ? PRESETS[opts.preset as PresetName] : {};
    const file = opts.answers
      ? readAnswers(opts.answers, {
          cwd: io.cwd,
          readStdin: io.readStdin ?? (() => ''),
          stdinIsTTY: Boolean(io.stdinIsTTY),
        })
      : {};
    const flags = answersFromFlags(opts);
    checkPlatform(file);
    checkPlatform(flags);
    return layerAnswers(preset, file, flags);
  } catch (err) {
    if (err instanceof AnswerError) throw new UsageError(err.message);
    throw err;
  }
}

export async function runAsk(opts: AskOptions, io: AskIo = processIo()): Promise<number> {
  let given = givenAnswers(opts, io);
  const format = formatFor(opts);
  const color = colorWanted(opts.color, Boolean(opts.outputFile), io.env, io.isTTY) && format === 'text';
  let assumed: string[] = [];
  let asked: AnswerKey[] = [];
  // Prompt only when a required answer is missing: flags, a file or a preset that answer them all
  // get the report at once (optional answers take their defaults). `--answers -` used stdin up.
  if (opts.interactive && io.canPrompt && opts.answers !== '-' && missingKeys(given).length > 0) {
    const terminal = await (io.prompts ?? terminalPrompts)();
    const dim = new Chalk({ level: color ? 1 : 0 }).dim;
    try {
      ({
        answers: given,
        assumed,
        asked,
      } = await askMissing(given, {
        prompt: terminal.prompt,
        hint: dim,
        exit: (code, message) => {
          throw new AskExit(code, message);
        },
      }));
    } catch (err) {
      if (!(err instanceof AskExit)) throw err;
      const signal = terminal.stoppedBy();
      io.stderr(
        stderrLine(`rt-advisor: ${signal ? err.message.replace('cancelled', `cancelled (${signal})`) : err.message}`),
      );
      return signal ? signalExitCode(signal) : err.code;
    } finally {
      terminal.release();
    }
  }

  const missing = missingKeys(given);
  if (missing.length > 0) {
    const why = !opts.interactive
      ? 'not asked: --no-interactive'
      : opts.answers === '-'
        ? 'not asked: stdin carried the answers file'
        : 'no terminal to ask in: stdin or stdout is not a TTY, or CI is set';
    throw new UsageError(
      `missing answers: ${missing.map(flagFor).join(', ')}; pass them as flags or in --answers <file> (${why})`,
    );
  }
  const complete = completeAnswers(given);
  const rec = recommend(complete.answers, [...assumed, ...complete.assumed]);
  const folder = snippetFolder();
  const shown = relative(io.cwd, folder);
  const input: ReportInput = {
    rec,
    given: new Set(Object.keys(given) as AnswerKey[]),
    snippetDir: shown && !shown.startsWith('..') && !isAbsolute(shown) ? shown : folder,
    readSnippet: (path) => readFileSync(`${folder}/${path}`, 'utf8'),
    date: (io.today?.() ?? new Date()).toISOString().slice(0, 10),
    title: opts.title,
    deciders: opts.deciders,
    width: Math.max(40, Math.min(io.columns ?? 80, 120)),
    color,
    verbose: Boolean(opts.verbose),
  };
  const text =
    format === 'json' ? reportJson(input) : format === 'markdown' ? reportMarkdown(input) : reportText(input);
  writeReport(text, opts.outputFile, io.cwd, io.stdout);
  if (opts.saveAnswers) saveAnswers(opts.saveAnswers, given, io.cwd);
  if (asked.length > 0) io.stderr(stderrLine(`Without the questions: ${equivalentCommand(given)}`));
  return 0;
}
