// `rt-advisor rules`: every rule with its id, default severity, one-line description and page;
// with a config file in reach, also the severity it sets (so the command doubles as a config check).
import path from 'node:path';
import { RULES } from '../../rules/index.js';
import { knownRules } from '../config/known-rules.js';
import { loadProjectConfig } from '../config/load-config.js';
import { optionsOf } from '../engine/apply-config.js';
import { escapeControls } from '../terminal-text.js';

export interface RulesOptions {
  format: 'text' | 'json';
  config?: string | false;
}

export function runRules(
  opts: RulesOptions,
  cwd = process.cwd(),
  write = (s: string) => process.stdout.write(s),
): number {
  const known = knownRules(RULES);
  const config = loadProjectConfig(cwd, opts.config, known);
  const rows = known
    .map((r) => {
      const setting = config?.rules.get(r.meta.id);
      return {
        id: r.meta.id,
        defaultSeverity: r.meta.defaultSeverity,
        severity: setting?.severity ?? r.meta.defaultSeverity,
        description: r.meta.description,
        docsPath: r.meta.docsPath,
        ...(r.optionsSchema ? { options: optionsOf(r, setting?.options) } : {}),
      };
    })
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  // nested configs: every file that applies here, outermost first (`config`: the nearest, as before)
  const configFiles = (config?.files ?? []).map((f) => path.relative(cwd, f.file) || f.file);
  const configFile = configFiles.at(-1) ?? null;

  if (opts.format === 'json') {
    write(`${JSON.stringify({ config: configFile, configs: configFiles, rules: rows }, null, 2)}\n`);
    return 0;
  }
  const head = ['rule', 'default', ...(config ? ['setting'] : []), 'description'];
  const table = rows.map((r) => [
    r.id,
    r.defaultSeverity,
    ...(config ? [r.severity] : []),
    `${r.description} (${r.docsPath})`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ');
  const lines = [line(head), ...table.map(line)];
  if (configFile) lines.push('', `setting: from ${configFiles.map(escapeControls).join(', ')}`);
  write(`${lines.join('\n')}\n`);
  return 0;
}
