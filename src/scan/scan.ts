// The scan pipeline: files → text → the few files that can matter → parse once → sockets → findings.
import { RULES } from '../../rules/index.js';
import { compareLocations, type FileNote, type Finding, type Report } from '../model.js';
import { VERSION } from '../version.js';
import { discoverFiles } from './discover.js';
import { extractScripts, looksMinified, readSource } from './read-source.js';
import { ModuleResolver } from './resolve-module.js';
import { filesThatMatter } from './select-files.js';
import type { ScanInput } from './scan-options.js';
import type { SourceText } from './analyze.js';
import type { ParsedFile, RuleContext, RuleModule } from '../../rules/rule.js';

export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;
const READ_CONCURRENCY = 64;
/** Sockets made in tests, mocks and stories are not the product's; their sends still count. */
const TEST_FILE = /(?:^|\/)(?:__tests__|__mocks__|e2e|cypress)\/|\.(?:test|spec|stories|story|e2e|cy)\.[cm]?[jt]sx?$/;

async function readAll(files: Array<{ absPath: string; relPath: string }>, input: ScanInput, notes: FileNote[]): Promise<SourceText[]> {
  const out: Array<SourceText | undefined> = new Array(files.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < files.length) {
      const i = next++;
      const f = files[i];
      const res = await readSource(f.absPath, input.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, input.fs?.open);
      if ('skip' in res) {
        notes.push({ file: f.relPath, kind: res.skip, message: res.reason });
        continue;
      }
      if (input.defaultIgnores && looksMinified(res.text)) {
        notes.push({ file: f.relPath, kind: 'skipped', message: 'looks minified (use --no-default-ignores to scan it)' });
        continue;
      }
      const ext = /\.(vue|svelte)$/.exec(f.absPath)?.[0] as '.vue' | '.svelte' | undefined;
      out[i] = { ...f, text: ext ? extractScripts(res.text, ext) : res.text };
    }
  }
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, files.length) }, worker));
  return out.filter((f): f is SourceText => f !== undefined);
}

export async function scan(input: ScanInput, options: { extraVerbs?: string[] } = {}): Promise<Report> {
  const started = performance.now();
  const { files, notes } = await discoverFiles(input);
  const sources = await readAll(files, input, notes);
  const resolver = new ModuleResolver(sources.map((s) => s.absPath));
  const toParse = filesThatMatter(sources, resolver);
  // files only a file rule wants (an SSE handler, a polling loop): parsed, never socket-analysed
  const socketSet = new Set(toParse);
  const hints = RULES.flatMap((r) => (r.fileHint ? [r.fileHint] : []));
  const ruleOnly = sources.filter((s) => !socketSet.has(s) && hints.some((h) => h.test(s.text)));

  let sockets: Report['sockets'] = [];
  let parsed: ParsedFile[] = [];
  let morph: RuleContext['morph'];
  if (toParse.length + ruleOnly.length > 0) {
    const [{ analyze }, tsMorph] = await Promise.all([import('./analyze.js'), import('ts-morph')]);
    const result = analyze(toParse, resolver, { extraVerbs: options.extraVerbs ?? [] }, ruleOnly);
    sockets = result.sockets;
    parsed = result.parsed;
    morph = tsMorph;
    notes.push(...result.notes);
  }
  if (!input.includeTests) sockets = sockets.filter((s) => !TEST_FILE.test(s.file));
  sockets.sort(compareLocations);
  const findings = RULES.flatMap((rule) => runRule(rule, { sockets, parsed, morph, includeTests: Boolean(input.includeTests) }, notes)).sort(
    (a, b) => compareLocations(a, b) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
  notes.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  return {
    version: VERSION,
    findings,
    sockets,
    notes,
    rules: RULES.map((r) => r.meta),
    stats: { filesScanned: sources.length, filesParsed: toParse.length, durationMs: Math.round(performance.now() - started) },
  };
}

/** One rule over its files; a rule that throws is an analyzer error, not a crash. */
function runRule(
  rule: RuleModule,
  input: { sockets: Report['sockets']; parsed: ParsedFile[]; morph: RuleContext['morph']; includeTests: boolean },
  notes: FileNote[],
): Finding[] {
  const hint = rule.fileHint;
  const files = hint ? input.parsed.filter((f) => hint.test(f.text) && (input.includeTests || !TEST_FILE.test(f.relPath))) : [];
  try {
    return rule.check({ sockets: input.sockets, files, morph: input.morph, options: rule.defaultOptions ?? {} });
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
    notes.push({ file: '.', kind: 'analyzer-error', message: `internal error in rule ${rule.meta.id}: ${message}` });
    return [];
  }
}
