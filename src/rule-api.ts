// The one interface between the engine and rules/: what a rule declares, what it is given, what it
// returns. A rule says what it works on (the sockets the analysis found, or the files its text hints
// pick) and returns problems; the engine owns the rest (src/engine/run-rules.ts): the loop over the
// files, the rule id and the configured severity on every finding, test files left out, the options
// merged over their defaults, and an error a rule throws, which becomes an analyzer-error note on
// the file it was checking.
import type { SourceFile, ts } from 'ts-morph';
import type { Location, RuleMeta, Socket } from './model.js';

/** The TypeScript compiler API that ts-morph bundles, which the raw-node helpers of src/syntax/ take. */
export type TS = typeof ts;

/** A file the scanner parsed (once, for every rule that wants it). */
export interface ParsedFile {
  absPath: string;
  /** relative to the working directory, `/` separators: the `file` of a Finding */
  relPath: string;
  text: string;
  sourceFile: SourceFile;
}

/** What a rule reports: a place, why it matters and what to do, and the other places the message names. */
export interface Problem extends Location {
  message: string;
  related?: Array<Location & { message: string }>;
}

export type RuleOptions = Readonly<Record<string, unknown>>;

/** What a rule is given besides the sockets or the file it checks: one context per rule and group of linked files. */
export interface RuleContext<Options extends RuleOptions = RuleOptions> {
  /**
   * ts-morph itself, loaded lazily by the engine once anything is parsed. Rule modules import ts-morph
   * for types only, so `--help` and a scan of a tree with nothing to parse never load it.
   */
  morph: typeof import('ts-morph');
  /** `morph.ts`: the compiler API, for the raw-node helpers of src/syntax/. */
  ts: TS;
  /** The rule's `defaultOptions` with the user's configured options merged over them. */
  options: Options;
  /** Verbs the user added to the control vocabulary (`--control-verb`, `controlVerbs`), for rules that classify messages. */
  extraVerbs: readonly string[];
  /**
   * The rule's files in the group of import-linked files being checked (those its hints matched,
   * non-product files left out unless `--include-tests`): where a rule looks for the callers of a wrapper.
   */
  files: readonly ParsedFile[];
}

/** A rule: its metadata (id, default severity, docs), its prefilters and options, and its checks. */
export interface RuleModule<Options extends RuleOptions = RuleOptions> {
  meta: RuleMeta;
  /**
   * A raw-text prefilter: only files whose text matches are parsed for this rule and given to
   * `checkFile`. A rule that works on sockets alone has none.
   */
  fileHint?: RegExp;
  /**
   * A second prefilter, for a rule whose words also fill comments and docs: matched against the text
   * without its whole-line comments, after `fileHint` matched (src/engine/text-hints.ts).
   */
  codeHint?: RegExp;
  defaultOptions?: Options;
  /** JSON Schema (an object schema) of the options, for config validation and the shipped config schema. */
  optionsSchema?: Readonly<Record<string, unknown>>;
  /** Called once per file that creates sockets, with those sockets (followed, their sends classified). */
  checkSockets?(this: void, sockets: readonly Socket[], ctx: RuleContext<Options>): Problem[];
  /** Called once per file of the rule's (see `fileHint`). */
  checkFile?(this: void, file: ParsedFile, ctx: RuleContext<Options>): Problem[];
  /**
   * One problem per place: a problem at a location the rule already reported in the same group is
   * dropped (several sockets can take their URL from one caller's argument).
   */
  oncePerLocation?: boolean;
}

/** A rule module, typed by its options; the rule list holds them all as RuleModule. */
export function defineRule<Options extends RuleOptions>(rule: RuleModule<Options>): RuleModule {
  return rule;
}

export function docsPath(id: string): string {
  return `rules/${id}.md`;
}
