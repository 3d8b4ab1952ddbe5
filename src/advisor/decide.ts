// decide(): the pure core. Complete answers in, every considered outcome scored and ranked out,
// with the row that fixed the pick (R14). Everything else in a report is built on this.
import type { Answers } from './answers.js';
import { DECIDES, DECISION_ROWS, POINTS, type DecisionRow, type Effect } from './decision-table.js';
import { factsOf, type Facts } from './facts.js';
import { OUTCOME_IDS, TRANSPORT_IDS, type OutcomeId } from './transports.js';

export interface Reason {
  rule: string;
  /** the decision row's key */
  row: string;
  text: string;
  effect: Effect | 'decides';
  points: number;
}

export interface Ranked {
  transport: OutcomeId;
  score: number;
  /** a ✗ from any row: never recommended, whatever the score */
  vetoed: boolean;
  reasons: Reason[];
}

export interface Decision {
  pick: OutcomeId;
  decider: DecisionRow;
  /** best first; vetoed outcomes last */
  ranking: Ranked[];
  facts: Facts;
  /** every row that applied, in table order */
  applied: DecisionRow[];
}

function reasonOf(row: DecisionRow, effect: Effect): Reason {
  return { rule: row.id, row: row.key, text: row.reason, effect, points: effect === 'x' ? 0 : POINTS[effect] };
}

export function decide(answers: Answers): Decision {
  const facts = factsOf(answers);
  const applied = DECISION_ROWS.filter((r) => r.applies(facts));
  // The five transports are always weighed; plain HTTP only when a row that applies picks it or
  // speaks for it (a row that only counts against it does not bring it in).
  const speaksFor = (r: DecisionRow, t: OutcomeId) => r.picks === t || ['++', '+', '0'].includes(r.effects[t] ?? '');
  const considered = OUTCOME_IDS.filter(
    (t) => (TRANSPORT_IDS as readonly string[]).includes(t) || applied.some((r) => speaksFor(r, t)),
  );
  const entries = considered.map((transport): Ranked => {
    const reasons = applied.flatMap((r) => {
      const effect = r.effects[transport];
      return effect ? [reasonOf(r, effect)] : [];
    });
    return {
      transport,
      score: reasons.reduce((sum, r) => sum + r.points, 0),
      vetoed: reasons.some((r) => r.effect === 'x'),
      reasons,
    };
  });
  const byId = new Map(entries.map((e) => [e.transport, e]));

  // R14: the first applicable row that picks decides; a vetoed pick falls through to the next one.
  const decider = applied.find((r) => r.picks && !byId.get(r.picks)?.vetoed);
  if (!decider?.picks) throw new Error('no decision row picked a transport'); // R1, R3, R12, R13 or R17 always applies
  const pick = byId.get(decider.picks) as Ranked;
  pick.score += DECIDES;
  pick.reasons.unshift({
    rule: 'R14',
    row: 'precedence',
    text: `First step of the precedence that applies: ${decider.id} (${decider.when}).`,
    effect: 'decides',
    points: DECIDES,
  });

  // Vetoed last, then by score; ties keep the OUTCOME_IDS order (the sort is stable).
  const ranking = [...entries].sort((a, b) => Number(a.vetoed) - Number(b.vetoed) || b.score - a.score);
  return { pick: pick.transport, decider, ranking, facts, applied };
}
