// A number the user may not know offhand: typical values to pick from, or type your own.
import { message, type Choice, type QuestionContext } from './types.js';

export const NOT_SURE = Symbol('not sure');
const TYPE_IT = Symbol('enter a number');

export interface NumberQuestion {
  question: string;
  hint: string;
  examples: readonly { label: string; value: number }[];
  /** shown after example values and in the typed prompt, e.g. "ms" */
  unit?: string;
  /** offers "not sure" and answers NOT_SURE when chosen */
  notSure?: string;
  /** the example highlighted first */
  default?: number;
}

export async function numberWithExamples(ctx: QuestionContext, q: NumberQuestion): Promise<number | typeof NOT_SURE> {
  type Value = number | typeof TYPE_IT | typeof NOT_SURE;
  const unit = q.unit ? ` ${q.unit}` : '';
  const choices: Choice<Value>[] = q.examples.map((e) => ({ name: `${e.label}: ${e.value}${unit}`, value: e.value }));
  choices.push({ name: 'Enter a number…', value: TYPE_IT });
  if (q.notSure) choices.push({ name: q.notSure, value: NOT_SURE });
  const picked = await ctx.prompt.select<Value>({
    message: message(ctx, q.question, q.hint),
    choices,
    default: q.default,
    pageSize: choices.length,
  });
  if (picked !== TYPE_IT) return picked;
  // min 0 rejects negatives, step 'any' allows fractions, required rejects an empty line.
  const typed = await ctx.prompt.number({
    message: `${q.question}${q.unit ? ` (${q.unit})` : ''}`,
    min: 0,
    step: 'any',
    required: true,
  });
  return typed as number;
}
