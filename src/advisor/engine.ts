// recommend(): a pure function from complete answers to the report's content: the decision
// (decide.ts), the runner-up with when it would win, what would change the pick, notes, warnings,
// the checklist and the starter files.
import { sanityWarnings, type Answers } from './answers.js';
import { checklistFor, type ChecklistItem } from './checklists.js';
import { decide, type Ranked, type Reason } from './decide.js';
import { nearestFlip, type Flip } from './flip.js';
import { notesFor, type Note } from './notes.js';
import { runnerUpSentence } from './runner-up.js';
import { snippetFor, type Snippet } from './snippets/index.js';
import type { OutcomeId } from './transports.js';

export type { Ranked, Reason };

export interface RunnerUp {
  transport: OutcomeId;
  /** why it is worth knowing, for this situation */
  why: string;
  /** the nearest one-answer change that makes it the pick, if one exists */
  winsWith?: Flip;
}

export interface Recommendation {
  recommendation: OutcomeId;
  /** the decision row (framework rule id) whose R14 step fixed the pick */
  decidedBy: string;
  decidedByRow: string;
  runnerUp: RunnerUp | null;
  /** the nearest one-answer change that flips the pick */
  wouldChange?: Flip;
  ranking: Ranked[];
  answers: Answers;
  warnings: Note[];
  notes: Note[];
  checklist: ChecklistItem[];
  snippet: Snippet;
}

/** `assumed` lists defaults filled in for the user (R0); they come back as warnings. */
export function recommend(answers: Answers, assumed: readonly string[] = []): Recommendation {
  const d = decide(answers);
  const second = d.ranking[1] && !d.ranking[1].vetoed ? d.ranking[1] : undefined;
  const winsWith = second ? nearestFlip(answers, second.transport) : undefined;
  const wouldChange = nearestFlip(answers);
  return {
    recommendation: d.pick,
    decidedBy: d.decider.id,
    decidedByRow: d.decider.key,
    runnerUp: second
      ? {
          transport: second.transport,
          why: runnerUpSentence(d.decider.key, second, d.facts),
          ...(winsWith ? { winsWith } : {}),
        }
      : null,
    ...(wouldChange ? { wouldChange } : {}),
    ranking: d.ranking,
    answers,
    warnings: [...assumed, ...sanityWarnings(answers)].map((text) => ({ rule: 'R0', text })),
    notes: notesFor(d.pick, second?.transport, d.facts),
    checklist: checklistFor(d.pick, d.facts),
    snippet: snippetFor(d.pick, d.facts),
  };
}
