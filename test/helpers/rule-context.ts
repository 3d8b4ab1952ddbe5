import * as morph from 'ts-morph';
import type { Finding } from '../../src/model.js';
import type { ParsedFile, RuleContext, RuleModule } from '../../rules/rule.js';

/**
 * A file rule's context for in-memory files (path → text), parsed as the scanner parses them: only
 * files matching the rule's `fileHint`, options = the rule's defaults merged with `options`.
 */
export function fileRuleContext(rule: RuleModule, files: Record<string, string>, options: Record<string, unknown> = {}): RuleContext {
  const project = new morph.Project({ useInMemoryFileSystem: true, skipLoadingLibFiles: true, compilerOptions: { allowJs: true, noLib: true } });
  const parsed: ParsedFile[] = Object.entries(files)
    .filter(([, text]) => !rule.fileHint || rule.fileHint.test(text))
    .map(([relPath, text]) => ({ absPath: `/virtual/${relPath}`, relPath, text, sourceFile: project.createSourceFile(`/virtual/${relPath}`, text) }));
  return { sockets: [], files: parsed, morph, options: { ...rule.defaultOptions, ...options } };
}

/** The rule's findings for one snippet (as `src/a.ts`) or several files. */
export function ruleFindings(rule: RuleModule, files: Record<string, string> | string, options: Record<string, unknown> = {}): Finding[] {
  return rule.check(fileRuleContext(rule, typeof files === 'string' ? { 'src/a.ts': files } : files, options));
}
