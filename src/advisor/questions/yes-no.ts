// The boolean inputs share one shape: a confirm with its hint, default "no".
import type { AnswerKey, Answers } from '../answers.js';
import { message, type Question } from './types.js';

type BooleanKey = { [K in AnswerKey]: Answers[K] extends boolean ? K : never }[AnswerKey];

export function yesNo(key: BooleanKey, question: string, hint: string, skip?: Question['skip']): Question<BooleanKey> {
  return {
    key,
    skip,
    ask: (ctx) => ctx.prompt.confirm({ message: message(ctx, question, hint), default: false }),
  };
}
