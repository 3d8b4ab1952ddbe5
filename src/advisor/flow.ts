// Asks, in order, only the questions whose answers are still missing (create-astro style:
// the prompt functions and the exit are injected, so tests drive the flow without a TTY).
import { EXIT } from '../errors.js';
import type { AnswerKey, Answers } from './answers.js';
import { QUESTIONS } from './questions/index.js';
import type { PromptApi } from './questions/types.js';

export interface FlowContext {
  prompt: PromptApi;
  hint?: (text: string) => string;
  /** ends the run (Ctrl-C): prints the message, returns the exit code; must not return */
  exit: (code: number, message: string) => never;
}

/** Ctrl-C in Inquirer rejects with ExitPromptError; matched by name so no Inquirer import is needed. */
export function isPromptExit(err: unknown): boolean {
  return err instanceof Error && (err.name === 'ExitPromptError' || err.name === 'AbortPromptError');
}

export async function askMissing(
  given: Partial<Answers>,
  ctx: FlowContext,
): Promise<{ answers: Partial<Answers>; assumed: string[] }> {
  const answers: Partial<Answers> = { ...given };
  const assumed: string[] = [];
  const qctx = {
    prompt: ctx.prompt,
    hint: ctx.hint ?? ((t: string) => t),
    assume: (t: string) => void assumed.push(t),
  };
  for (const q of QUESTIONS) {
    if (answers[q.key] !== undefined || q.skip?.(answers)) continue;
    try {
      (answers as Record<AnswerKey, unknown>)[q.key] = await q.ask(qctx, answers);
    } catch (err) {
      if (isPromptExit(err)) ctx.exit(EXIT.interrupted, 'cancelled; no recommendation made');
      throw err;
    }
  }
  return { answers, assumed };
}
