// Markdown report: an architecture decision record to paste into a repository or a PR.
import { ANSWER_KEYS } from './answers.js';
import type { Ranked, Reason, Recommendation } from './engine.js';
import { effectSymbol } from './symbols.js';
import { TRANSPORT_NAMES } from './transports.js';

const name = (t: Ranked['transport']) => `${TRANSPORT_NAMES[t]} (\`${t}\`)`;
const bullet = (r: Reason) => `- ${effectSymbol(r)} **${r.rule}**: ${r.text}`;

export function reportMarkdown(rec: Recommendation): string {
  const [pick, ...others] = rec.ranking as [Ranked, ...Ranked[]];
  const out: string[] = [
    `# ADR: real-time transport: ${name(rec.recommendation)}`,
    '',
    'Status: proposed (drafted by `rt-advisor ask`; rule ids refer to its decision framework).',
    '',
  ];

  out.push(
    '## Context',
    '',
    '| input | answer |',
    '| --- | --- |',
    ...ANSWER_KEYS.map((k) => `| \`${k}\` | ${String(rec.answers[k])} |`),
  );
  if (rec.warnings.length > 0) out.push('', ...rec.warnings.map((w) => `> **${w.rule}**: ${w.text}`));

  out.push(
    '',
    '## Decision',
    '',
    `We use ${name(rec.recommendation)}, decided by **${rec.decidedBy}** under the R14 precedence.`,
    '',
  );
  out.push(...pick.reasons.filter((r) => r.effect !== 'decides').map(bullet));
  if (rec.notes.length > 0) out.push('', ...rec.notes.map((n) => `- Note (${n.rule}): ${n.text}`));

  out.push('', '## Alternatives considered');
  for (const t of others) {
    const verdict = t.vetoed
      ? 'ruled out'
      : t.transport === rec.runnerUp?.transport
        ? `runner-up, score ${t.score}`
        : `score ${t.score}`;
    out.push('', `### ${name(t.transport)}: ${verdict}`, '');
    if (t.transport === rec.runnerUp?.transport) out.push(`Prefer it ${rec.runnerUp.when}`, '');
    out.push(...(t.reasons.length > 0 ? t.reasons.map(bullet) : ['- No rule moved it.']));
  }

  out.push('', '## Review checklist', '', ...rec.checklist.map((i) => `- [ ] **${i.id}** ${i.text}`));
  return `${out.join('\n')}\n`;
}
