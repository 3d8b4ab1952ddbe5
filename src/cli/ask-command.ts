// `rt-advisor ask`: answers from a file and flags, the missing ones asked in a terminal, then the
// recommendation rendered. Inquirer is imported only when a question must actually be asked.
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Chalk } from 'chalk';
import { AnswerError, checkAnswersObject, completeAnswers, missingKeys, type Answers } from '../advisor/answers.js';
import { recommend, type Recommendation } from '../advisor/engine.js';
import { askMissing } from '../advisor/flow.js';
import type { PromptApi } from '../advisor/questions/types.js';
import { reportJson } from '../advisor/report-json.js';
import { reportMarkdown } from '../advisor/report-markdown.js';
import { reportText } from '../advisor/report-text.js';
import { answersFromFlags, flagFor, type AskOptions } from './ask-flags.js';
import { colorWanted, writeReport } from './output.js';
import { UsageError } from '../errors.js';

export interface AskIo {
  /** may we prompt? stdin and stdout are TTYs and CI is not set */
  canPrompt: boolean;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
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
  };
}

/** An answers file is a few hundred bytes; a bigger one is a wrong path (a log, a bundle, /dev/zero). */
const MAX_ANSWERS_BYTES = 1024 * 1024;

function readAnswersFile(path: string, cwd: string): Partial<Answers> {
  let text: string;
  try {
    const abs = resolve(cwd, path);
    // stat first: a FIFO or a device would block or never end, a directory is no file
    const info = statSync(abs);
    if (!info.isFile())
      throw new UsageError(
        `cannot read answers file ${path}: ${info.isDirectory() ? 'it is a directory' : 'not a regular file'}`,
      );
    if (info.size > MAX_ANSWERS_BYTES)
      throw new UsageError(`cannot read answers file ${path}: larger than 1 MB, not an answers file`);
    text = readFileSync(abs, 'utf8');
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(
      `cannot read answers file ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, '')); // editors on Windows save a BOM
  } catch (err) {
    throw new UsageError(`answers file ${path} is not valid JSON: ${(err as Error).message.split('\n')[0]}`);
  }
  return checkAnswersObject(raw, `answers file ${path}`);
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

function render(rec: Recommendation, opts: AskOptions, color: boolean): string {
  if (opts.format === 'json') return reportJson(rec);
  if (opts.format === 'markdown') return reportMarkdown(rec);
  return reportText(rec, { color });
}

export async function runAsk(opts: AskOptions, io: AskIo = processIo()): Promise<number> {
  let given: Partial<Answers>;
  try {
    given = { ...(opts.answers ? readAnswersFile(opts.answers, io.cwd) : {}), ...answersFromFlags(opts) };
  } catch (err) {
    if (err instanceof AnswerError) throw new UsageError(err.message);
    throw err;
  }

  const color = colorWanted(opts.color, Boolean(opts.outputFile), io.env, io.isTTY);
  let assumed: string[] = [];
  if (opts.interactive && io.canPrompt) {
    const prompt: PromptApi = await import('@inquirer/prompts');
    const dim = new Chalk({ level: color ? 1 : 0 }).dim;
    try {
      ({ answers: given, assumed } = await askMissing(given, {
        prompt,
        hint: dim,
        exit: (code, message) => {
          throw new AskExit(code, message);
        },
      }));
    } catch (err) {
      if (!(err instanceof AskExit)) throw err;
      io.stderr(`rt-advisor: ${err.message}\n`);
      return err.code;
    }
  }

  const missing = missingKeys(given);
  if (missing.length > 0) {
    const why = opts.interactive
      ? 'no terminal to ask in: stdin or stdout is not a TTY, or CI is set'
      : 'not asked: --no-interactive';
    throw new UsageError(
      `missing answers: ${missing.map(flagFor).join(', ')}; pass them as flags or in --answers <file> (${why})`,
    );
  }
  const complete = completeAnswers(given);
  const rec = recommend(complete.answers, [...assumed, ...complete.assumed]);
  writeReport(render(rec, opts, color), opts.outputFile, io.cwd, io.stdout);
  return 0;
}
