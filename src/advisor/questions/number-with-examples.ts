// A number the user may not know offhand: typical values to pick from, or type your own (plain
// decimal notation only, at least `minimum`), or "not sure" where a default exists, or "back".
import { AnswerError, parseAmount } from '../answers.js';
import { backChoice, message, type Back, type Choice, type QuestionContext } from './types.js';

export const NOT_SURE = Symbol('not sure');
const TYPE_IT = Symbol('enter a number');

export interface NumberQuestion {
  question: string;
  hint: string;
  examples: readonly { label: string; value: number }[];
  /** shown after example values and in the typed prompt, e.g. "ms" */
  unit?: string;
  minimum: number;
  /** offers "not sure" and answers NOT_SURE when chosen */
  notSure?: string;
  /** the example highlighted first */
  default?: number;
}

/** undefined when `text` is a usable answer, else what is wrong with it. */
export function numberProblem(text: string, minimum: number, unit = ''): string | undefined {
  try {
    const n = parseAmount(text.trim(), 'the answer');
    return n < minimum ? `must be at least ${minimum}${unit ? ` ${unit}` : ''}` : undefined;
  } catch (err) {
    if (err instanceof AnswerError) return 'a plain decimal number, such as 0.5 or 300';
    throw err;
  }
}

export async function numberWithExamples(
  ctx: QuestionContext,
  q: NumberQuestion,
): Promise<number | typeof NOT_SURE | Back> {
  type Value = number | typeof TYPE_IT | typeof NOT_SURE | Back;
  const unit = q.unit ? ` ${q.unit}` : '';
  const choices: Choice<Value>[] = q.examples.map((e) => ({ name: `${e.label}: ${e.value}${unit}`, value: e.value }));
  choices.push({ name: 'Enter a number…', value: TYPE_IT });
  if (q.notSure) choices.push({ name: q.notSure, value: NOT_SURE });
  choices.push(...backChoice<Value>(ctx));
  const previous =
    typeof ctx.previous === 'number' && q.examples.some((e) => e.value === ctx.previous) ? ctx.previous : undefined;
  const picked = await ctx.prompt.select<Value>({
    message: message(ctx, q.question, q.hint),
    choices,
    default: previous ?? q.default,
    pageSize: choices.length,
  });
  if (picked !== TYPE_IT) return picked;
  const typed = await ctx.prompt.input({
    message: `${q.question}${q.unit ? ` (${q.unit})` : ''}`,
    validate: (text) => numberProblem(text, q.minimum, q.unit) ?? true,
  });
  return Number(typed.trim());
}
