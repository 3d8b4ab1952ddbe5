// recommend(): a pure function from complete answers to a full ranking, the pick and its advice.
import { sanityWarnings, type Answers } from './answers.js';
import { checklistFor, type ChecklistItem } from './checklists.js';
import { factsOf } from './facts.js';
import { notesFor, type Note } from './notes.js';
import { DECIDES, POINTS, RULES, type Effect, type Rule } from './rules-table.js';
import { whenToPrefer } from './runner-up.js';
import { snippetFor, type Snippet } from './snippets/index.js';
import { TRANSPORT_IDS, type TransportId } from './transports.js';

export interface Reason {
  rule: string;
  text: string;
  effect: Effect | 'decides';
  points: number;
}

export interface Ranked {
  transport: TransportId;
  score: number;
  /** a ✗ from any rule: never recommended, whatever the score */
  vetoed: boolean;
  reasons: Reason[];
}

export interface Recommendation {
  recommendation: TransportId;
  /** the rule whose R14 step fixed the pick */
  decidedBy: string;
  runnerUp: { transport: TransportId; when: string } | null;
  ranking: Ranked[];
  answers: Answers;
  warnings: Note[];
  notes: Note[];
  checklist: ChecklistItem[];
  snippet: Snippet;
}

function reasonOf(rule: Rule, effect: Effect): Reason {
  return { rule: rule.id, text: rule.reason, effect, points: effect === 'x' ? 0 : POINTS[effect] };
}

/** `assumed` lists defaults filled in for the user (R0); they come back as warnings. */
export function recommend(answers: Answers, assumed: readonly string[] = []): Recommendation {
  const facts = factsOf(answers);
  const applicable = RULES.filter((r) => r.applies(facts));
  const entries = TRANSPORT_IDS.map((transport): Ranked => {
    const reasons = applicable.flatMap((r) => (r.effects[transport] ? [reasonOf(r, r.effects[transport])] : []));
    return {
      transport,
      score: reasons.reduce((sum, r) => sum + r.points, 0),
      vetoed: reasons.some((r) => r.effect === 'x'),
      reasons,
    };
  });
  const byId = new Map(entries.map((e) => [e.transport, e]));

  // R14: the first applicable step decides; a vetoed pick falls through to the next step.
  const decider = applicable.find((r) => r.picks && !byId.get(r.picks)?.vetoed);
  if (!decider?.picks) throw new Error('no rule picked a transport'); // R1 or R3/R12/R13/R17 always applies
  const pick = byId.get(decider.picks) as Ranked;
  pick.score += DECIDES;
  pick.reasons.unshift({
    rule: 'R14',
    text: `First step of the precedence that applies: ${decider.id} (${decider.when}).`,
    effect: 'decides',
    points: DECIDES,
  });

  // Vetoed last, then by score; ties keep the TRANSPORT_IDS order (the sort is stable).
  const ranking = [...entries].sort((a, b) => Number(a.vetoed) - Number(b.vetoed) || b.score - a.score);
  const second = ranking[1] && !ranking[1].vetoed ? ranking[1].transport : undefined;
  return {
    recommendation: pick.transport,
    decidedBy: decider.id,
    runnerUp: second ? { transport: second, when: whenToPrefer(pick.transport, second, decider.id) } : null,
    ranking,
    answers,
    warnings: [...assumed, ...sanityWarnings(answers)].map((text) => ({ rule: 'R0', text })),
    notes: notesFor(pick.transport, second, facts),
    checklist: checklistFor(pick.transport, facts),
    snippet: snippetFor(pick.transport, facts),
  };
}
