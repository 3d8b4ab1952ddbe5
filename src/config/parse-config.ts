// The checks on the text of rt-advisor.config.json: every key, severity and option is validated up
// front, and a mistake is one line naming the file and the key (exit 2), never a rule silently
// left at its default.
import {
  createScanner,
  findNodeAtLocation,
  parse,
  parseTree,
  printParseErrorCode,
  type JSONPath,
  type Node,
  type ParseError,
  SyntaxKind,
} from 'jsonc-parser';
import { UsageError } from '../errors.js';
import { SETTINGS, type Setting } from './config-schema.js';
import type { KnownRule } from './known-rules.js';
import { closest } from '../suggest.js';
import { schemaError } from './validate-options.js';

export interface RuleSetting {
  severity: Setting;
  /** The options the file gives (the engine merges them over the rule's defaults). */
  options: Record<string, unknown>;
}

/** Settings for some files only: `files` are gitignore-style globs relative to the config file's folder. */
export interface ConfigOverride {
  files: string[];
  rules: Map<string, RuleSetting>;
}

export interface ConfigContent {
  rules: Map<string, RuleSetting>;
  /** applied in order after `rules`, to the files they match */
  overrides: ConfigOverride[];
  /** gitignore-style globs relative to the config file's folder */
  ignore: string[];
  controlVerbs: string[];
  /** gitignore-style patterns added to the default non-product ones (tests, examples); `!` re-includes */
  nonProduct: string[];
}

const TOP_LEVEL = ['$schema', 'rules', 'overrides', 'ignore', 'controlVerbs', 'nonProduct'];
const OVERRIDE_KEYS = ['files', 'rules'];
/** ESLint spellings people will type out of habit. */
const ESLINT_SEVERITY: ReadonlyMap<string, Setting> = new Map([
  ['warn', 'warning'],
  ['0', 'off'],
  ['1', 'warning'],
  ['2', 'error'],
]);

const quote = (v: unknown) => JSON.stringify(v);

/** `, did you mean "rules"? (known: …)` */
function unknownHint(word: string, candidates: readonly string[]): string {
  const near = closest(word, candidates);
  return `${near ? `, did you mean ${quote(near)}?` : ''} (known: ${candidates.join(', ')})`;
}

/** `line:column` (1-based) of an offset in the text. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  return `${before.split('\n').length}:${offset - before.lastIndexOf('\n')}`;
}

/** `a.b[1].c` → ['a', 'b', 1, 'c']: the JSON path of a key as errors name it (rule ids have no dots). */
function jsonPath(key: string): JSONPath {
  return key
    .split(/\.|(?=\[)/)
    .filter(Boolean)
    .map((part) => (/^\[\d+\]$/.test(part) ? Number(part.slice(1, -1)) : part));
}

/** `ColonExpected` → `colon expected` */
const readable = (code: string) => code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/** Deeper than any config needs; the parser recurses per level, so a hostile file could overflow the stack. */
const MAX_DEPTH = 64;

/**
 * One linear pass over the tokens before parsing: nesting deeper than MAX_DEPTH, and a `__proto__`
 * key (which the parser would turn into the object's prototype, hiding it from the checks), are errors.
 */
function precheck(text: string, display: string): void {
  const scanner = createScanner(text, true);
  let depth = 0;
  let lastString: { value: string; offset: number } | undefined;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) {
      if (++depth > MAX_DEPTH)
        throw new UsageError(`${display}:${lineColumn(text, scanner.getTokenOffset())}: nested too deeply`);
    } else if (token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken) depth--;
    else if (token === SyntaxKind.ColonToken && lastString?.value === '__proto__')
      throw new UsageError(`${display}:${lineColumn(text, lastString.offset)}: __proto__: not an allowed key`);
    lastString =
      token === SyntaxKind.StringLiteral
        ? { value: scanner.getTokenValue(), offset: scanner.getTokenOffset() }
        : undefined;
  }
}

/** JSON with comments and trailing commas (as tsconfig.json and VS Code settings are); a syntax error names its line and column. */
function parseJsonc(text: string, display: string): { data: unknown; tree: Node | undefined } {
  precheck(text, display);
  const errors: ParseError[] = [];
  const options = { allowTrailingComma: true, disallowComments: false };
  const data: unknown = parse(text, errors, options);
  if (errors.length > 0) {
    const first = errors[0];
    throw new UsageError(
      `${display}:${lineColumn(text, first.offset)}: invalid JSON: ${readable(printParseErrorCode(first.error))}`,
    );
  }
  return { data, tree: parseTree(text, [], options) };
}

function parseRuleSetting(
  key: string,
  value: unknown,
  rule: KnownRule,
  fail: (key: string, message: string) => never,
): RuleSetting {
  const shape = rule.optionsSchema
    ? `"<severity>" or ["<severity>", { options }]`
    : '"off", "info", "warning" or "error"';
  const severityOf = (v: unknown, at: string): Setting => {
    if (typeof v === 'string' && (SETTINGS as readonly string[]).includes(v)) return v as Setting;
    const eslint = ESLINT_SEVERITY.get(String(v));
    const hint = eslint ? ` (ESLint's ${quote(v)} is ${quote(eslint)} here)` : '';
    return fail(at, `${quote(v)} is not a severity: use "off", "info", "warning" or "error"${hint}`);
  };
  if (!Array.isArray(value)) {
    if (typeof value === 'string' || typeof value === 'number')
      return { severity: severityOf(value, key), options: {} };
    return fail(key, `must be ${shape}, not ${value === null ? 'null' : typeof value}`);
  }
  if (value.length === 0 || value.length > 2) return fail(key, `must be ${shape}`);
  const severity = severityOf(value[0], `${key}[0]`);
  if (value.length === 1) return { severity, options: {} };
  if (!rule.optionsSchema) return fail(`${key}[1]`, `${rule.meta.id} takes no options`);
  const error = schemaError(value[1], rule.optionsSchema, `${key}[1]`);
  if (error) {
    const colon = error.indexOf(': ');
    return fail(error.slice(0, colon), error.slice(colon + 2));
  }
  return { severity, options: { ...(value[1] as Record<string, unknown>) } };
}

/** Parses and checks the text of a config file; `display` names the file in errors. */
export function parseConfig(text: string, display: string, known: readonly KnownRule[]): ConfigContent {
  const { data, tree } = parseJsonc(text.replace(/^\uFEFF/, ''), display);
  /** `file:line:col: key: message`, at the key's value (or the file, for a key it cannot place). */
  const fail = (key: string, message: string): never => {
    const node = tree && findNodeAtLocation(tree, jsonPath(key));
    const at = node ? `:${lineColumn(text.replace(/^\uFEFF/, ''), node.offset)}` : '';
    throw new UsageError(`${display}${at}: ${key}: ${message}`);
  };
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new UsageError(`${display}: must be a JSON object like { "rules": { … } }`);
  }
  const obj = data as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!TOP_LEVEL.includes(key)) fail(key, `unknown key${unknownHint(key, TOP_LEVEL)}`);
  }
  if ('$schema' in obj && typeof obj.$schema !== 'string') fail('$schema', 'must be a string');

  const ids = known.map((r) => r.meta.id);
  const rulesAt = (value: unknown, key: string): Map<string, RuleSetting> => {
    const rules = new Map<string, RuleSetting>();
    if (value === undefined) return rules;
    if (!value || typeof value !== 'object' || Array.isArray(value))
      fail(key, 'must be an object of rule id → severity');
    for (const [id, setting] of Object.entries(value as Record<string, unknown>)) {
      const rule = known.find((r) => r.meta.id === id);
      if (!rule) fail(`${key}.${id}`, `unknown rule${unknownHint(id, ids)}`);
      rules.set(id, parseRuleSetting(`${key}.${id}`, setting, rule as KnownRule, fail));
    }
    return rules;
  };
  const globs = (value: unknown, key: string): string[] => {
    const error = schemaError(value, { type: 'array', items: { type: 'string', minLength: 1 } }, key);
    if (error) {
      const colon = error.indexOf(': ');
      return fail(error.slice(0, colon), error.slice(colon + 2));
    }
    return value as string[];
  };
  const rules = rulesAt(obj.rules, 'rules');
  const overrides: ConfigOverride[] = [];
  if (obj.overrides !== undefined) {
    if (!Array.isArray(obj.overrides)) fail('overrides', 'must be an array of { "files": [globs], "rules": { … } }');
    (obj.overrides as unknown[]).forEach((o, i) => {
      const at = `overrides[${i}]`;
      if (!o || typeof o !== 'object' || Array.isArray(o))
        fail(at, 'must be an object like { "files": [globs], "rules": { … } }');
      const entry = o as Record<string, unknown>;
      for (const key of Object.keys(entry)) {
        if (!OVERRIDE_KEYS.includes(key)) fail(`${at}.${key}`, `unknown key${unknownHint(key, OVERRIDE_KEYS)}`);
      }
      if (entry.files === undefined) fail(at, '"files" is required');
      const files = globs(entry.files, `${at}.files`);
      if (files.length === 0) fail(`${at}.files`, 'must have at least 1 item(s)');
      overrides.push({ files, rules: rulesAt(entry.rules, `${at}.rules`) });
    });
  }

  const words = (key: 'ignore' | 'controlVerbs' | 'nonProduct'): string[] =>
    obj[key] === undefined ? [] : globs(obj[key], key);
  return {
    rules,
    overrides,
    ignore: words('ignore'),
    controlVerbs: words('controlVerbs'),
    nonProduct: words('nonProduct'),
  };
}
