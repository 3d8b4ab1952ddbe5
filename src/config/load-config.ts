// rt-advisor.config.json: found from the scanned paths upwards (stopping at the repository root),
// or named with --config. Everything in it is checked up front; a mistake is one line naming the
// file and the key (exit 2), never a rule silently left at its default.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ignore from 'ignore';
import { UsageError } from '../cli/usage-error.js';
import { SETTINGS, type Setting } from './config-schema.js';
import { KNOWN_RULES, type KnownRule } from './known-rules.js';
import { closest } from './suggest.js';
import { schemaError } from './validate-options.js';

export const CONFIG_FILE = 'rt-advisor.config.json';

export interface RuleSetting {
  severity: Setting;
  /** The rule's defaultOptions merged with the configured ones. */
  options: Record<string, unknown>;
}

export interface ConfigContent {
  rules: Map<string, RuleSetting>;
  /** gitignore-style globs relative to the config file's folder */
  ignore: string[];
  controlVerbs: string[];
}

export interface ProjectConfig extends ConfigContent {
  /** Absolute path of the file. */
  file: string;
  /** Whether an absolute path matches one of the `ignore` globs. */
  isIgnored(absPath: string): boolean;
}

const TOP_LEVEL = ['$schema', 'rules', 'ignore', 'controlVerbs'];
/** ESLint spellings people will type out of habit. */
const ESLINT_SEVERITY: Record<string, Setting> = { warn: 'warning', '0': 'off', '1': 'warning', '2': 'error' };

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

function parseRuleSetting(key: string, value: unknown, rule: KnownRule, fail: (key: string, message: string) => never): RuleSetting {
  const shape = rule.optionsSchema ? `"<severity>" or ["<severity>", { options }]` : '"off", "info", "warning" or "error"';
  const severityOf = (v: unknown, at: string): Setting => {
    if (typeof v === 'string' && (SETTINGS as readonly string[]).includes(v)) return v as Setting;
    const hint = ESLINT_SEVERITY[String(v)] ? ` (ESLint's ${quote(v)} is ${quote(ESLINT_SEVERITY[String(v)])} here)` : '';
    return fail(at, `${quote(v)} is not a severity: use "off", "info", "warning" or "error"${hint}`);
  };
  if (!Array.isArray(value)) {
    if (typeof value === 'string' || typeof value === 'number') return { severity: severityOf(value, key), options: { ...rule.defaultOptions } };
    return fail(key, `must be ${shape}, not ${value === null ? 'null' : typeof value}`);
  }
  if (value.length === 0 || value.length > 2) return fail(key, `must be ${shape}`);
  const severity = severityOf(value[0], `${key}[0]`);
  if (value.length === 1) return { severity, options: { ...rule.defaultOptions } };
  if (!rule.optionsSchema) return fail(`${key}[1]`, `${rule.meta.id} takes no options`);
  const error = schemaError(value[1], rule.optionsSchema, `${key}[1]`);
  if (error) {
    const colon = error.indexOf(': ');
    return fail(error.slice(0, colon), error.slice(colon + 2));
  }
  return { severity, options: { ...rule.defaultOptions, ...(value[1] as Record<string, unknown>) } };
}

/** Parses and checks the text of a config file; `display` names the file in errors. */
export function parseConfig(text: string, display: string, known: readonly KnownRule[] = KNOWN_RULES): ConfigContent {
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
    if (!obj.rules || typeof obj.rules !== 'object' || Array.isArray(obj.rules)) fail('rules', 'must be an object of rule id → severity');
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

/** The config file for a scan: the nearest one above any scanned path, up to the repository root. */
export function findConfigFile(paths: readonly string[], cwd: string): string | undefined {
  const found = new Set<string>();
  for (const p of paths.length > 0 ? paths : ['.']) {
    const abs = path.resolve(cwd, p);
    let dir: string;
    try {
      dir = statSync(abs).isDirectory() ? abs : path.dirname(abs);
    } catch {
      continue; // the scan reports missing paths itself
    }
    for (;;) {
      const candidate = path.join(dir, CONFIG_FILE);
      if (existsSync(candidate)) {
        found.add(candidate);
        break;
      }
      if (existsSync(path.join(dir, '.git')) || path.dirname(dir) === dir) break;
      dir = path.dirname(dir);
    }
  }
  if (found.size > 1) {
    const names = [...found].map((f) => path.relative(cwd, f) || f).sort();
    throw new UsageError(`the scanned paths have different config files (${names.join(', ')}): scan them separately or pass --config`);
  }
  return [...found][0];
}

function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}

export function readConfig(file: string, cwd: string, known: readonly KnownRule[] = KNOWN_RULES): ProjectConfig {
  const display = toPosix(path.relative(cwd, file)) || file;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read config ${display}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const content = parseConfig(text, display, known);
  const dir = path.dirname(file);
  const matcher = ignore().add(content.ignore);
  return {
    ...content,
    file,
    isIgnored(absPath: string): boolean {
      const rel = toPosix(path.relative(dir, absPath));
      if (content.ignore.length === 0 || rel === '' || rel.startsWith('../') || path.isAbsolute(rel)) return false;
      return matcher.ignores(rel);
    },
  };
}

/**
 * The configuration a scan uses: `--config <file>`, none with `--no-config` (`false`), or the
 * discovered file. Undefined when there is none.
 */
export function loadProjectConfig(paths: readonly string[], cwd: string, flag: string | false | undefined): ProjectConfig | undefined {
  if (flag === false) return undefined;
  if (typeof flag === 'string') {
    const file = path.resolve(cwd, flag);
    if (!existsSync(file)) throw new UsageError(`config file not found: ${flag}`);
    return readConfig(file, cwd);
  }
  const found = findConfigFile(paths, cwd);
  return found ? readConfig(found, cwd) : undefined;
}
