// The rule table as Markdown, for the README: rendered from RULES so docs and engine cannot drift.
import { RULES } from './rules-table.js';
import { EFFECT_SYMBOLS } from './symbols.js';
import { TRANSPORT_IDS } from './transports.js';

export function renderRulesMarkdown(): string {
  const head = `| rule | when | ${TRANSPORT_IDS.join(' | ')} | picks | why |`;
  const rule = `| --- | --- | ${TRANSPORT_IDS.map(() => ':-:').join(' | ')} | --- | --- |`;
  const rows = RULES.map((r) => {
    const cells = TRANSPORT_IDS.map((t) => (r.effects[t] ? EFFECT_SYMBOLS[r.effects[t]] : ''));
    return `| ${r.id} | ${r.when} | ${cells.join(' | ')} | ${r.picks ? `\`${r.picks}\`` : ''} | ${r.reason} |`;
  });
  return [head, rule, ...rows].join('\n');
}
