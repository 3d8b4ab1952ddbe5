import type { SourceFile } from 'ts-morph';
import type { Finding, RuleMeta, Socket } from './model.js';

/** A file the scanner parsed (once, for every rule that wants it). */
export interface ParsedFile {
  absPath: string;
  /** relative to the working directory, `/` separators: the `file` of a Finding */
  relPath: string;
  text: string;
  sourceFile: SourceFile;
}

/** What a rule sees. */
export interface RuleContext {
  /** Every socket client the scanner found and followed, with its sends and verdict. */
  sockets: readonly Socket[];
  /** The parsed files whose text matched this rule's `fileHint` (and `codeHint`); empty for a rule without one. */
  files: readonly ParsedFile[];
  /**
   * ts-morph itself, loaded lazily by the scanner once anything is parsed. Rule modules import ts-morph
   * for types only, so `--help` and a scan of a tree with nothing to parse never load it.
   */
  morph?: typeof import('ts-morph');
  /** Verbs the user added to the control vocabulary (`--control-verb`), for rules that classify messages. */
  extraVerbs?: readonly string[];
  /** The rule's options: its `defaultOptions` merged with the user's configuration. */
  options: Readonly<Record<string, unknown>>;
}

/** A rule: its metadata (id, default severity, docs) and a pure check from context to findings. */
export interface RuleModule {
  meta: RuleMeta;
  /**
   * A raw-text prefilter: only files whose text matches are parsed for this rule. A rule that works
   * on sockets alone has none.
   */
  fileHint?: RegExp;
  /**
   * A second prefilter, for a rule whose words also fill comments and docs: matched against the text
   * without its whole-line comments, after `fileHint` matched (src/engine/text-hints.ts).
   */
  codeHint?: RegExp;
  defaultOptions?: Readonly<Record<string, unknown>>;
  /** JSON Schema (an object schema) of the options, for config validation and the shipped config schema. */
  optionsSchema?: Readonly<Record<string, unknown>>;
  check(context: RuleContext): Finding[];
}

export function docsPath(id: string): string {
  return `rules/${id}.md`;
}
