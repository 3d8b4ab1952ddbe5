// The decision table as Markdown, for the docs: rendered from DECISION_ROWS so docs and engine cannot drift.
import { DECISION_ROWS } from './decision-table.js';
import { EFFECT_SYMBOLS } from './symbols.js';
import { TRANSPORT_IDS } from './transports.js';

export function renderDecisionTableMarkdown(): string {
  const head = `| row | when | ${TRANSPORT_IDS.join(' | ')} | picks | why |`;
  const ruler = `| --- | --- | ${TRANSPORT_IDS.map(() => ':-:').join(' | ')} | --- | --- |`;
  const rows = DECISION_ROWS.map((r) => {
    const cells = TRANSPORT_IDS.map((t) => (r.effects[t] ? EFFECT_SYMBOLS[r.effects[t]] : ''));
    return `| ${r.id} | ${r.when} | ${cells.join(' | ')} | ${r.picks ? `\`${r.picks}\`` : ''} | ${r.reason} |`;
  });
  return [head, ruler, ...rows].join('\n');
}
