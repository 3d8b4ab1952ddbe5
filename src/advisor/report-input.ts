// What every reporter gets: the recommendation plus what only the caller knows (which answers the
// user gave, where the starter files are, today's date, the terminal's width).
import type { AnswerKey } from './answers.js';
import type { Reason, Recommendation } from './engine.js';

export interface ReportInput {
  rec: Recommendation;
  /** the answers the user gave (flags, file, prompts); the rest were defaults */
  given: ReadonlySet<AnswerKey>;
  /** the folder holding the starter files, as the user should read it */
  snippetDir: string;
  /** the text of a starter file, by its path under the snippet folder */
  readSnippet: (path: string) => string;
  /** YYYY-MM-DD */
  date: string;
  title?: string;
  deciders?: string;
  width: number;
  color: boolean;
  verbose: boolean;
}

/** The reasons that moved an outcome, strongest first: no zero effects, no R14 bookkeeping. */
export function movingReasons(reasons: readonly Reason[]): Reason[] {
  return reasons
    .filter((r) => r.effect !== 'decides' && r.effect !== '0')
    .sort((a, b) => Math.abs(b.points) - Math.abs(a.points) || Number(b.effect === 'x') - Number(a.effect === 'x'));
}

/** Up to three reasons for the pick: the deciding row's first. */
export function topReasons(rec: Recommendation, n = 3): Reason[] {
  const pick = rec.ranking[0];
  if (!pick) return [];
  const decider = pick.reasons.find((r) => r.row === rec.decidedByRow);
  const rest = movingReasons(pick.reasons).filter((r) => r !== decider && r.points > 0);
  return [...(decider ? [decider] : []), ...rest].slice(0, n);
}

/** Why an alternative lost: its veto, or its most negative reason. */
export function whyLost(reasons: readonly Reason[]): Reason | undefined {
  return (
    reasons.find((r) => r.effect === 'x') ??
    [...reasons].filter((r) => r.points < 0).sort((a, b) => a.points - b.points)[0]
  );
}
