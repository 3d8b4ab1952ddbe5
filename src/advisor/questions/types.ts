// What a question needs from the outside world. Injected, so tests can drive a question with
// @inquirer/testing's mocked prompts or with plain stubs, and no module here imports Inquirer.
import type { AnswerKey, Answers } from '../answers.js';

export interface Choice<T> {
  name: string;
  value: T;
  description?: string;
  /** what the finished question shows as its answer (default: the name) */
  short?: string;
}

/** The subset of Inquirer's prompts (@inquirer/select, @inquirer/input) the questions use. */
export interface PromptApi {
  select<T>(config: { message: string; choices: readonly Choice<T>[]; default?: T; pageSize?: number }): Promise<T>;
  input(config: { message: string; default?: string; validate?: (value: string) => boolean | string }): Promise<string>;
}

/** A question answers this to return to the one before it. */
export const BACK = Symbol('back');
export type Back = typeof BACK;

export interface QuestionContext {
  prompt: PromptApi;
  /** styles the one-line hint (dim in a colour terminal, plain otherwise) */
  hint: (text: string) => string;
  /** records a default the user accepted without giving a value (reported as an R0 warning) */
  assume: (text: string) => void;
  /** a question was asked before this one: offer "back" */
  canGoBack: boolean;
  /** the answer given before the user came back to this question: the cursor starts there */
  previous?: unknown;
}

export interface Question<K extends AnswerKey = AnswerKey> {
  key: K;
  /** true when earlier answers make this question irrelevant */
  skip?: (soFar: Partial<Answers>) => boolean;
  ask: (ctx: QuestionContext, soFar: Partial<Answers>) => Promise<Answers[K] | Back>;
}

/** The question, and under it a one-line hint of why the answer matters (each fits 80 columns). */
export function message(ctx: QuestionContext, question: string, hint: string): string {
  return `${question}\n  ${ctx.hint(hint)}`;
}

/** The "back" choice, offered when there is a question to go back to. */
export function backChoice<T>(ctx: QuestionContext): Choice<T | Back>[] {
  return ctx.canGoBack ? [{ name: '← Back to the previous question', value: BACK, short: '(back)' }] : [];
}
