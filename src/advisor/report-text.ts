// Terminal report: the pick and why, the runner-up, the ranking with every reason, the checklist
// and the starter. Pure: colour is a parameter, decided by the caller (TTY, NO_COLOR, --no-color).
import { Chalk } from 'chalk';
import type { Recommendation } from './engine.js';
import { effectSymbol } from './symbols.js';
import { transportLabel } from './transports.js';

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((l) => (l ? by + l : l))
    .join('\n');
}

export function reportText(rec: Recommendation, opts: { color: boolean }): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const rule = (id: string) => c.cyan(id.padEnd(4));
  const out: string[] = [];
  const pick = rec.ranking[0];
  out.push(`${c.bold('Recommendation:')} ${c.green.bold(transportLabel(rec.recommendation))}`);
  out.push(`Decided by ${c.cyan(rec.decidedBy)}: ${pick.reasons.find((r) => r.rule === rec.decidedBy)?.text ?? ''}`);
  const runnerUp = rec.runnerUp
    ? `${transportLabel(rec.runnerUp.transport)}, ${rec.runnerUp.when}`
    : 'none: every other transport is ruled out.';
  out.push(`${c.bold('Runner-up:')} ${runnerUp}`);

  const notes = (title: string, list: Recommendation['notes'], paint: (s: string) => string) => {
    if (list.length > 0) out.push('', c.bold(title), ...list.map((n) => `  ${rule(n.rule)} ${paint(n.text)}`));
  };
  notes('Warnings', rec.warnings, c.yellow);
  notes('Notes', rec.notes, (s) => s);

  out.push('', c.bold('Ranking'));
  rec.ranking.forEach((t, i) => {
    const score = t.vetoed ? c.red('ruled out') : String(t.score);
    out.push(`  ${i + 1}. ${t.transport.padEnd(16)} ${score}`);
    for (const r of t.reasons) out.push(`       ${effectSymbol(r).padEnd(3)} ${rule(r.rule)} ${c.dim(r.text)}`);
  });

  out.push(
    '',
    c.bold(`Checklist for ${rec.recommendation}`),
    ...rec.checklist.map((i) => `  [ ] ${c.cyan(i.id.padEnd(6))} ${i.text}`),
  );
  out.push(
    '',
    c.bold('Starter: server'),
    indent(rec.snippet.server, '  '),
    '',
    c.bold('Starter: client'),
    indent(rec.snippet.client, '  '),
  );
  return `${out.join('\n')}\n`;
}
