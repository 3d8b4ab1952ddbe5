// Markdown report: an architecture decision record (title, date, status, context in sentences,
// decision, consequences, alternatives with the reason each lost, checklist, starter code, sources).
import { consequencesOf } from './consequences.js';
import { contextSentences } from './context.js';
import { DECISION_ROWS } from './decision-table.js';
import type { Reason } from './engine.js';
import { factsOf } from './facts.js';
import { topReasons, whyLost, type ReportInput } from './report-input.js';
import { flipSentence } from './report-text.js';
import { SOURCES, type SourceKey } from './sources.js';
import { OUTCOME_NAMES } from './transports.js';

const name = (t: keyof typeof OUTCOME_NAMES) => `${OUTCOME_NAMES[t]} (\`${t}\`)`;
/** Rule ids link to the Sources section, where each cited row is listed with its links. */
const ruleLink = (id: string) => `[${id}](#sources)`;
const bullet = (r: Reason) => `- **${ruleLink(r.rule)}** ${r.text}`;

function sourcesSection(rules: ReadonlySet<string>, extra: readonly SourceKey[]): string[] {
  const byRule = new Map<string, Set<SourceKey>>();
  for (const row of DECISION_ROWS) {
    if (!rules.has(row.id)) continue;
    const set = byRule.get(row.id) ?? new Set<SourceKey>();
    row.sources.forEach((s) => set.add(s));
    byRule.set(row.id, set);
  }
  const link = (k: SourceKey) => {
    const s = SOURCES[k] as { title: string; url?: string };
    return s.url ? `[${s.title}](${s.url})` : s.title;
  };
  const lines = [...byRule]
    .sort(([a], [b]) => Number(a.slice(1)) - Number(b.slice(1)))
    .map(([rule, keys]) => `- **${rule}**: ${[...keys].map(link).join('; ')}`);
  if (extra.length > 0) lines.push(`- Notes: ${[...new Set(extra)].map(link).join('; ')}`);
  return lines;
}

export function reportMarkdown(input: ReportInput): string {
  const { rec } = input;
  const facts = factsOf(rec.answers);
  const [, ...others] = rec.ranking;
  const cited = new Set<string>();
  const cite = (r: Reason) => (cited.add(r.rule), r);

  const title = input.title ?? `Real-time transport: ${OUTCOME_NAMES[rec.recommendation]}`;
  const out: string[] = [`# ${title}`, '', `- Date: ${input.date}`, '- Status: Proposed'];
  if (input.deciders) out.push(`- Deciders: ${input.deciders}`);
  out.push('- Drafted with `rt-advisor ask`; R-numbers are its decision rows, listed under Sources.');

  out.push('', '## Context', '', contextSentences(rec.answers, input.given).join(' '));
  for (const w of rec.warnings) out.push('', `> ${w.text}`);

  out.push(
    '',
    '## Decision',
    '',
    `We will use ${name(rec.recommendation)}${rec.snippet.variant.includes('per-request') ? ', one stream per request' : ''}.`,
    '',
  );
  out.push(...topReasons(rec, 10).map((r) => bullet(cite(r))));
  for (const n of rec.notes) out.push(`- ${n.text} (${ruleLink(n.rule)})`);
  out.push('', `What would change this decision: ${flipSentence(rec.wouldChange)}`);

  out.push(
    '',
    '## Consequences',
    '',
    'Costs we accept:',
    '',
    ...consequencesOf(rec.recommendation, facts).map((t) => `- ${t}`),
  );

  out.push('', '## Alternatives considered');
  for (const t of others) {
    const isRunnerUp = t.transport === rec.runnerUp?.transport;
    out.push('', `### ${name(t.transport)}${t.vetoed ? ': ruled out' : isRunnerUp ? ': runner-up' : ''}`, '');
    const lost = whyLost(t.reasons);
    out.push(
      lost
        ? `Lost on ${ruleLink(cite(lost).rule)}: ${lost.text}`
        : `No row counts against it; ${ruleLink(rec.decidedBy)} decides for ${rec.recommendation} first.`,
    );
    if (isRunnerUp && rec.runnerUp)
      out.push('', `${rec.runnerUp.why} ${flipSentence(rec.runnerUp.winsWith, false).replace(/^it/, 'It')}`);
  }
  cited.add(rec.decidedBy);
  rec.notes.forEach((n) => cited.add(n.rule));

  out.push('', '## Checklist', '', ...rec.checklist.map((i) => `- [ ] **${i.id} ${i.title}.** ${i.text}`));

  out.push(
    '',
    '## Starter',
    '',
    `Variant \`${rec.snippet.variant}\`; the files ship with rt-advisor under \`${input.snippetDir}\`.`,
  );
  for (const f of rec.snippet.files)
    out.push('', `### ${f.path} (${f.role})`, '', '```ts', input.readSnippet(f.path).trimEnd(), '```');

  out.push(
    '',
    '## Sources',
    '',
    ...sourcesSection(
      cited,
      rec.notes.flatMap((n) => n.sources ?? []),
    ),
  );
  return `${out.join('\n')}\n`;
}
