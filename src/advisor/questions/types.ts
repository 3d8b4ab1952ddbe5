// What a question needs from the outside world. Injected, so tests can drive a question with
// @inquirer/testing's mocked prompts or with plain stubs, and no module here imports Inquirer.
import type { AnswerKey, Answers } from '../answers.js';

export interface Choice<T> {
  name: string;
  value: T;
  description?: string;
}

/** The subset of @inquirer/prompts the questions use. */
export interface PromptApi {
  select<T>(config: { message: string; choices: readonly Choice<T>[]; default?: T; pageSize?: number }): Promise<T>;
  number(config: {
    message: string;
    default?: number;
    min?: number;
    step?: 'any';
    required?: boolean;
  }): Promise<number | undefined>;
  confirm(config: { message: string; default?: boolean }): Promise<boolean>;
}

export interface QuestionContext {
  prompt: PromptApi;
  /** styles the one-line hint (dim in a colour terminal, plain otherwise) */
  hint: (text: string) => string;
  /** records a default the user accepted without giving a value (reported as an R0 warning) */
  assume: (text: string) => void;
}

export interface Question<K extends AnswerKey = AnswerKey> {
  key: K;
  /** true when earlier answers make this question irrelevant */
  skip?: (soFar: Partial<Answers>) => boolean;
  ask: (ctx: QuestionContext, soFar: Partial<Answers>) => Promise<Answers[K]>;
}

/** The question, and under it a one-line hint of why the answer matters (each fits 80 columns). */
export function message(ctx: QuestionContext, question: string, hint: string): string {
  return `${question}\n  ${ctx.hint(hint)}`;
}
