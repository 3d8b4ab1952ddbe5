// Terminal report, about 20 lines: the pick, three reasons, the runner-up and when it would win,
// what would change the answer, the checklist titles and where the starter files are. `--verbose`
// adds every reason of every outcome and the checklist's full text. Pure: colour and width are inputs.
import { Chalk } from 'chalk';
import type { Flip } from './flip.js';
import { movingReasons, topReasons, type ReportInput } from './report-input.js';
import { effectSymbol } from './symbols.js';
import { OUTCOME_NAMES, transportLabel } from './transports.js';
import { wrap } from './wrap.js';

export function flipSentence(flip: Flip | undefined, forPick = true): string {
  if (!flip) return forPick ? 'no single change of answer flips it.' : 'no single change of answer makes it win.';
  return forPick ? `with ${flip.phrase}, ${flip.pick} would win.` : `it would win with ${flip.phrase}.`;
}

export function reportText(input: ReportInput): string {
  const { rec, verbose, width } = input;
  const c = new Chalk({ level: input.color ? 1 : 0 });
  const id = (rule: string) => c.cyan(rule.padEnd(4));
  const out: string[] = [];
  const put = (line: string, indent = '') => out.push(wrap(line, width, indent));

  put(
    `${c.bold('Recommendation:')} ${c.green.bold(transportLabel(rec.recommendation))}${rec.snippet.variant.includes('per-request') ? ', one stream per request' : ''}`,
  );
  for (const r of topReasons(rec)) put(`  ${id(r.rule)} ${r.text}`, '       ');
  if (rec.runnerUp) {
    put(
      `${c.bold('Runner-up:')} ${transportLabel(rec.runnerUp.transport)}. ${rec.runnerUp.why} It ${flipSentence(rec.runnerUp.winsWith, false).replace(/^it /, '')}`,
      '  ',
    );
  } else {
    put(`${c.bold('Runner-up:')} none: every other outcome is ruled out.`);
  }
  put(`${c.bold('What would change it:')} ${flipSentence(rec.wouldChange)}`, '  ');
  for (const w of rec.warnings) put(`${c.yellow('Warning')} ${id(w.rule)} ${w.text}`, '  ');
  for (const n of rec.notes) put(`${c.bold('Note')} ${id(n.rule)} ${n.text}`, '  ');

  out.push(c.bold(`Checklist for ${OUTCOME_NAMES[rec.recommendation]}:`));
  for (const i of rec.checklist)
    put(`  [ ] ${c.cyan(i.id.padEnd(7))}${verbose ? `${i.title}: ${i.text}` : i.title}`, '          ');

  const files = rec.snippet.files;
  put(
    `${c.bold('Starter')} (${rec.snippet.variant}): ${files.map((f) => `${input.snippetDir}/${f.path}`).join(', ')}`,
    '  ',
  );

  if (verbose) {
    out.push('', c.bold('Every outcome and the rows that moved it'));
    rec.ranking.forEach((t, i) => {
      out.push(`  ${i + 1}. ${t.transport.padEnd(16)} ${t.vetoed ? c.red('ruled out') : String(t.score)}`);
      for (const r of movingReasons(t.reasons))
        put(`       ${effectSymbol(r).padEnd(3)} ${id(r.rule)} ${c.dim(r.text)}`, '              ');
    });
  } else {
    out.push(c.dim('--verbose: every reason; --format markdown: an ADR with the starter code.'));
  }
  return `${out.join('\n')}\n`;
}
