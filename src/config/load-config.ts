// rt-advisor.config.json: found from the scanned paths upwards (stopping at the repository root),
// or named with --config, then read and checked (parse-config.ts) before anything is scanned.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import ignore from 'ignore';
import { UsageError } from '../errors.js';
import { readRegularTextSync, SMALL_FILE_CAP } from '../io/read-regular-file.js';
import type { KnownRule } from './known-rules.js';
import { parseConfig, type ConfigContent } from './parse-config.js';

export type { RuleSetting } from './parse-config.js';

export const CONFIG_FILE = 'rt-advisor.config.json';

export interface ProjectConfig extends ConfigContent {
  /** Absolute path of the file. */
  file: string;
  /** Whether an absolute path matches one of the `ignore` globs. */
  isIgnored(absPath: string): boolean;
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
    throw new UsageError(
      `the scanned paths have different config files (${names.join(', ')}): scan them separately or pass --config`,
    );
  }
  return [...found][0];
}

function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}

export function readConfig(file: string, cwd: string, known: readonly KnownRule[]): ProjectConfig {
  const display = toPosix(path.relative(cwd, file)) || file;
  // a regular file only, at most 1 MB: a FIFO or a symlink to /dev/zero must not hang the scan; a
  // symlink is followed only to a file under the working directory (a config shared in a monorepo)
  const read = readRegularTextSync(file, SMALL_FILE_CAP, { symlinksWithin: cwd });
  if (!read.ok) throw new UsageError(`cannot read config ${display}: ${read.missing ? 'ENOENT' : read.reason}`);
  const { text } = read;
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
 * discovered file, checked against the `known` rules. Undefined when there is none.
 */
export function loadProjectConfig(
  paths: readonly string[],
  cwd: string,
  flag: string | false | undefined,
  known: readonly KnownRule[],
): ProjectConfig | undefined {
  if (flag === false) return undefined;
  if (typeof flag === 'string') {
    const file = path.resolve(cwd, flag);
    if (!existsSync(file)) throw new UsageError(`config file not found: ${flag}`);
    return readConfig(file, cwd, known);
  }
  const found = findConfigFile(paths, cwd);
  return found ? readConfig(found, cwd, known) : undefined;
}
