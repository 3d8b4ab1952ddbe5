// One shape for questions with fixed answers: a select with a description per choice, and "back".
import type { AnswerKey, Answers } from '../answers.js';
import { backChoice, message, type Back, type Question } from './types.js';

type Options<K extends AnswerKey> = {
  question: string;
  hint: string;
  choices: readonly { name: string; value: Answers[K]; description?: string }[];
  default?: (soFar: Partial<Answers>) => Answers[K];
  skip?: Question['skip'];
};

export function choose<K extends AnswerKey>(key: K, o: Options<K>): Question<K> {
  return {
    key,
    skip: o.skip,
    ask: (ctx, soFar) =>
      ctx.prompt.select<Answers[K] | Back>({
        message: message(ctx, o.question, o.hint),
        choices: [...o.choices, ...backChoice<Answers[K]>(ctx)],
        default: (ctx.previous as Answers[K] | undefined) ?? o.default?.(soFar),
      }),
  };
}

/** A yes/no question, default "no". */
export function yesNo<K extends AnswerKey>(
  key: K,
  question: string,
  hint: string,
  skip?: Question['skip'],
): Question<K> {
  return choose(key, {
    question,
    hint,
    skip,
    choices: [
      { name: 'No', value: false as Answers[K] },
      { name: 'Yes', value: true as Answers[K] },
    ],
  });
}
