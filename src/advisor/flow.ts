// Asks, in order, only the questions whose answers are still missing, with a way back to the
// previous question (create-astro style: the prompt functions and the exit are injected, so tests
// drive the flow without a TTY).
import { EXIT } from '../errors.js';
import type { AnswerKey, Answers } from './answers.js';
import { QUESTIONS } from './questions/index.js';
import { BACK, type PromptApi, type QuestionContext } from './questions/types.js';

export interface FlowContext {
  prompt: PromptApi;
  hint?: (text: string) => string;
  /** ends the run (Ctrl-C): prints the message, returns the exit code; must not return */
  exit: (code: number, message: string) => never;
}

export interface FlowResult {
  answers: Partial<Answers>;
  assumed: string[];
  /** the keys answered at a prompt, in order */
  asked: AnswerKey[];
}

/** Ctrl-C in Inquirer rejects with ExitPromptError; matched by name so no Inquirer import is needed. */
export function isPromptExit(err: unknown): boolean {
  return err instanceof Error && (err.name === 'ExitPromptError' || err.name === 'AbortPromptError');
}

export async function askMissing(given: Partial<Answers>, ctx: FlowContext): Promise<FlowResult> {
  const answers: Partial<Answers> = { ...given };
  const assumed = new Map<AnswerKey, string>();
  const asked: { key: AnswerKey; index: number }[] = [];
  const previous = new Map<AnswerKey, unknown>(); // answers taken back, offered again as defaults
  let i = 0;
  while (i < QUESTIONS.length) {
    const q = QUESTIONS[i];
    if (asked.some((a) => a.key === q.key) || answers[q.key] !== undefined || q.skip?.(answers)) {
      i++;
      continue;
    }
    const qctx: QuestionContext = {
      prompt: ctx.prompt,
      hint: ctx.hint ?? ((t: string) => t),
      assume: (t: string) => void assumed.set(q.key, t),
      canGoBack: asked.length > 0,
      previous: previous.get(q.key),
    };
    let value: unknown;
    try {
      value = await q.ask(qctx, answers);
    } catch (err) {
      if (isPromptExit(err)) ctx.exit(EXIT.interrupted, 'cancelled; no recommendation made');
      throw err;
    }
    if (value === BACK) {
      const last = asked.pop() as { key: AnswerKey; index: number };
      previous.set(last.key, answers[last.key]);
      delete answers[last.key];
      assumed.delete(last.key);
      if (last.key === 'platform') delete answers.serverless;
      i = last.index;
      continue;
    }
    asked.push({ key: q.key, index: i });
    if (value !== undefined) (answers as Record<AnswerKey, unknown>)[q.key] = value;
    if (q.key === 'platform') answers.serverless = value !== 'long-lived-server';
    i++;
  }
  return { answers, assumed: [...assumed.values()], asked: asked.map((a) => a.key) };
}
