// The checks on the text of rt-advisor.config.json: every key, severity and option is validated up
// front, and a mistake is one line naming the file and the key (exit 2), never a rule silently
// left at its default.
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

export interface ConfigContent {
  rules: Map<string, RuleSetting>;
  /** gitignore-style globs relative to the config file's folder */
  ignore: string[];
  controlVerbs: string[];
}

const TOP_LEVEL = ['$schema', 'rules', 'ignore', 'controlVerbs'];
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

/** Line and column of a JSON.parse error, when V8 gives its position. */
function jsonErrorAt(text: string, err: Error): string {
  const message = err.message.split('\n')[0];
  const pos = /at position (\d+)/.exec(message);
  const reason = message.replace(/ in JSON at position \d+.*$/, '').replace(/,? ".*" is not valid JSON$/, '');
  if (!pos) return `invalid JSON: ${reason}`;
  const before = text.slice(0, Number(pos[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `invalid JSON at line ${line}, column ${column}: ${reason}`;
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
  const fail = (key: string, message: string): never => {
    throw new UsageError(`${display}: ${key}: ${message}`);
  };
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new UsageError(`${display}: ${jsonErrorAt(text, err as Error)}`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new UsageError(`${display}: must be a JSON object like { "rules": { … } }`);
  }
  const obj = data as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!TOP_LEVEL.includes(key)) fail(key, `unknown key${unknownHint(key, TOP_LEVEL)}`);
  }
  if ('$schema' in obj && typeof obj.$schema !== 'string') fail('$schema', 'must be a string');

  const rules = new Map<string, RuleSetting>();
  if (obj.rules !== undefined) {
    if (!obj.rules || typeof obj.rules !== 'object' || Array.isArray(obj.rules))
      fail('rules', 'must be an object of rule id → severity');
    const ids = known.map((r) => r.meta.id);
    for (const [id, value] of Object.entries(obj.rules as Record<string, unknown>)) {
      const rule = known.find((r) => r.meta.id === id);
      if (!rule) fail(`rules.${id}`, `unknown rule${unknownHint(id, ids)}`);
      rules.set(id, parseRuleSetting(`rules.${id}`, value, rule as KnownRule, fail));
    }
  }

  const words = (key: 'ignore' | 'controlVerbs'): string[] => {
    if (obj[key] === undefined) return [];
    const error = schemaError(obj[key], { type: 'array', items: { type: 'string', minLength: 1 } }, key);
    if (error) throw new UsageError(`${display}: ${error}`);
    return obj[key] as string[];
  };
  return { rules, ignore: words('ignore'), controlVerbs: words('controlVerbs') };
}
