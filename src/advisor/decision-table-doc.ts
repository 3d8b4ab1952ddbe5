// The decision table as Markdown, for docs/ask.md: rendered from DECISION_ROWS so docs and engine
// cannot drift (a test compares them).
import { DECISION_ROWS } from './decision-table.js';
import { SOURCES } from './sources.js';
import { EFFECT_SYMBOLS } from './symbols.js';
import { OUTCOME_IDS } from './transports.js';

export function renderDecisionTableMarkdown(): string {
  const head = `| row | when | ${OUTCOME_IDS.join(' | ')} | picks | why | sources |`;
  const ruler = `| --- | --- | ${OUTCOME_IDS.map(() => ':-:').join(' | ')} | --- | --- | --- |`;
  const rows = DECISION_ROWS.map((r) => {
    const cells = OUTCOME_IDS.map((t) => (r.effects[t] ? EFFECT_SYMBOLS[r.effects[t]] : ''));
    const sources = r.sources.map((k) => {
      const s = SOURCES[k] as { title: string; url?: string };
      return s.url ? `[${k}](${s.url})` : k;
    });
    return `| ${r.id} | ${r.when} | ${cells.join(' | ')} | ${r.picks ? `\`${r.picks}\`` : ''} | ${r.reason} | ${sources.join(', ')} |`;
  });
  return [head, ruler, ...rows].join('\n');
}
