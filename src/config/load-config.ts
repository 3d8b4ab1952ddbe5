// rt-advisor.config.json files, nested as in ESLint's config cascade: a file applies to everything
// under its folder, merged over the files in the folders above, up to the repository root (the
// nearest folder holding `.git`) or, outside any repository, up to the working directory (never
// above it: a config planted in /tmp must not rule a tarball checkout below it). Or one file named
// with --config for everything. Each file is read and checked (parse-config.ts) once. Within a file,
// `overrides` entries apply to the files their globs match, after its `rules`.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import ignore from 'ignore';
import { UsageError } from '../errors.js';
import { readRegularTextSync, SMALL_FILE_CAP } from '../io/read-regular-file.js';
import type { KnownRule } from './known-rules.js';
import { parseConfig, type ConfigContent, type RuleSetting } from './parse-config.js';
import { findRepoRoot, hasGit } from './repo-root.js';

export type { RuleSetting } from './parse-config.js';

export const CONFIG_FILE = 'rt-advisor.config.json';

export interface ProjectConfig extends ConfigContent {
  /** Absolute path of the file. */
  file: string;
  /** Whether an absolute path matches one of the `ignore` globs. */
  isIgnored(absPath: string): boolean;
  /** The indexes of the `overrides` whose globs match an absolute path. */
  overridesFor(absPath: string): number[];
}

/** What applies to the files of one folder: its config files, outermost first, merged. */
export interface FolderConfig {
  files: readonly ProjectConfig[];
  rules: ReadonlyMap<string, RuleSetting>;
}

const NO_CONFIG: FolderConfig = { files: [], rules: new Map() };

function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}

/** The text of a config file: the one place a config is read from disk. A regular file only, at most
 * 1 MB: a FIFO or a symlink to /dev/zero must not hang the scan; a symlink is followed only to a file
 * under the working directory (a config shared in a monorepo). */
function readConfigText(file: string, display: string, cwd: string): string {
  const read = readRegularTextSync(file, SMALL_FILE_CAP, { symlinksWithin: cwd });
  if (!read.ok) throw new UsageError(`cannot read config ${display}: ${read.missing ? 'ENOENT' : read.reason}`);
  return read.text;
}

export function readConfig(file: string, cwd: string, known: readonly KnownRule[]): ProjectConfig {
  const display = toPosix(path.relative(cwd, file)) || file;
  const content = parseConfig(readConfigText(file, display, cwd), display, known);
  const dir = path.dirname(file);
  /** the path relative to the config's folder, undefined outside it */
  const inside = (absPath: string): string | undefined => {
    const rel = toPosix(path.relative(dir, absPath));
    return rel === '' || rel.startsWith('../') || path.isAbsolute(rel) ? undefined : rel;
  };
  const matcher = ignore().add(content.ignore);
  const overrideMatchers = content.overrides.map((o) => ignore().add(o.files));
  return {
    ...content,
    file,
    isIgnored(absPath: string): boolean {
      const rel = content.ignore.length === 0 ? undefined : inside(absPath);
      return rel !== undefined && matcher.ignores(rel);
    },
    overridesFor(absPath: string): number[] {
      const rel = overrideMatchers.length === 0 ? undefined : inside(absPath);
      if (rel === undefined) return [];
      return overrideMatchers.flatMap((m, i) => (m.ignores(rel) ? [i] : []));
    },
  };
}

/**
 * The rule settings of several files, outermost first: a deeper file's setting replaces the one
 * above; a severity alone (`"error"`) keeps the options set above, as in ESLint.
 */
export function mergeRules(
  layers: ReadonlyArray<{ rules: ReadonlyMap<string, RuleSetting> }>,
): Map<string, RuleSetting> {
  const rules = new Map<string, RuleSetting>();
  for (const layer of layers) {
    for (const [id, s] of layer.rules) {
      const inherited = rules.get(id)?.options ?? {};
      rules.set(id, { severity: s.severity, options: Object.keys(s.options).length > 0 ? s.options : inherited });
    }
  }
  return rules;
}

/**
 * A file's settings: `chain.rules` with each config's `overrides` that match the file laid over it,
 * after that config's own rules. `memo` keeps one merge per set of matched overrides.
 */
export function rulesWithOverrides(
  chain: FolderConfig,
  absPath: string,
  memo: Map<string, ReadonlyMap<string, RuleSetting>>,
): ReadonlyMap<string, RuleSetting> {
  if (!chain.files.some((f) => f.overrides.length > 0)) return chain.rules;
  const layers: Array<{ rules: ReadonlyMap<string, RuleSetting> }> = [];
  const matched: string[] = [];
  chain.files.forEach((f, i) => {
    layers.push(f);
    for (const o of f.overridesFor(absPath)) {
      layers.push(f.overrides[o]);
      matched.push(`${i}:${o}`);
    }
  });
  if (matched.length === 0) return chain.rules;
  const key = matched.join(',');
  let rules = memo.get(key);
  if (!rules) memo.set(key, (rules = mergeRules(layers)));
  return rules;
}

function isInside(dir: string, parent: string): boolean {
  const rel = path.relative(parent, dir);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The config files of a scan, found folder by folder as the scanned files need them. */
export class ConfigCascade {
  private readonly chains = new Map<string, FolderConfig>();
  private readonly loaded = new Map<string, ProjectConfig | undefined>();
  private readonly inUse = new Set<ProjectConfig>();
  /** per chain, the settings with the overrides that match a file: by the matched overrides */
  private readonly withOverrides = new Map<FolderConfig, Map<string, ReadonlyMap<string, RuleSetting>>>();
  /** outside any repository, discovery stops at the working directory or at a scanned folder outside it */
  private readonly ceilings: Set<string>;
  private readonly cwdInRepo: boolean;

  constructor(
    private readonly cwd: string,
    private readonly known: readonly KnownRule[],
    scannedPaths: readonly string[] = ['.'],
  ) {
    this.cwdInRepo = findRepoRoot(cwd) !== undefined;
    this.ceilings = new Set([cwd]);
    for (const p of scannedPaths) {
      const dir = this.folderOf(path.resolve(cwd, p));
      if (!isInside(dir, cwd)) this.ceilings.add(dir);
    }
  }

  private folderOf(abs: string): string {
    try {
      return statSync(abs).isDirectory() ? abs : path.dirname(abs);
    } catch {
      return path.dirname(abs); // the scan reports missing paths itself
    }
  }

  private own(dir: string): ProjectConfig | undefined {
    if (!this.loaded.has(dir)) {
      const file = path.join(dir, CONFIG_FILE);
      this.loaded.set(dir, existsSync(file) ? readConfig(file, this.cwd, this.known) : undefined);
    }
    return this.loaded.get(dir);
  }

  /** Whether discovery goes no higher than `dir`. */
  private stopsAt(dir: string): boolean {
    if (hasGit(dir) || path.dirname(dir) === dir) return true;
    if (!this.ceilings.has(dir)) return false;
    return dir === this.cwd ? !this.cwdInRepo : findRepoRoot(dir) === undefined;
  }

  /** The configs that apply to the files directly in `dir` (absolute), merged; a folder without its own shares its parent's. */
  forFolder(dir: string): FolderConfig {
    // up to the first folder already known or where discovery stops, then down again (no recursion: paths can be deep)
    const chain_dirs: string[] = [];
    let top: FolderConfig = NO_CONFIG;
    for (let d = dir; ; d = path.dirname(d)) {
      const known = this.chains.get(d);
      if (known) {
        top = known;
        break;
      }
      chain_dirs.push(d);
      if (this.stopsAt(d)) break;
    }
    let chain = top;
    for (const d of chain_dirs.reverse()) {
      const own = this.own(d);
      if (own) {
        const files = [...chain.files, own];
        chain = { files, rules: mergeRules(files) };
      }
      this.chains.set(d, chain);
    }
    return chain;
  }

  /** The configs that apply to a file (absolute path); counted as in use. */
  forFile(absPath: string): FolderConfig {
    const chain = this.forFolder(path.dirname(absPath));
    for (const f of chain.files) this.inUse.add(f);
    return chain;
  }

  /** The configs that apply to a scanned path (a file or folder, absolute); counted as in use. */
  forScannedPath(absPath: string): FolderConfig {
    const chain = this.forFolder(this.folderOf(absPath));
    for (const f of chain.files) this.inUse.add(f);
    return chain;
  }

  /** The rule settings for a file (absolute path): its folder's, with the `overrides` that match it. */
  rulesForFile(absPath: string): ReadonlyMap<string, RuleSetting> {
    const chain = this.forFile(absPath);
    let memo = this.withOverrides.get(chain);
    if (!memo) this.withOverrides.set(chain, (memo = new Map<string, ReadonlyMap<string, RuleSetting>>()));
    return rulesWithOverrides(chain, absPath, memo);
  }

  isIgnored(absPath: string): boolean {
    return this.forFile(absPath).files.some((f) => f.isIgnored(absPath));
  }

  /** Every config that applied to a file so far, outermost first. */
  used(): ProjectConfig[] {
    return [...this.inUse].sort(
      (a, b) => a.file.split(path.sep).length - b.file.split(path.sep).length || (a.file < b.file ? -1 : 1),
    );
  }
}

/**
 * The configuration of the working directory's files (`rt-advisor rules`): `--config <file>`, none
 * with `--no-config` (`false`), or the cascade down to the working directory. Undefined when there is none.
 */
export function loadProjectConfig(
  cwd: string,
  flag: string | false | undefined,
  known: readonly KnownRule[],
): { files: ProjectConfig[]; rules: ReadonlyMap<string, RuleSetting> } | undefined {
  if (flag === false) return undefined;
  if (typeof flag === 'string') {
    const config = readNamedConfig(flag, cwd, known);
    return { files: [config], rules: config.rules };
  }
  const chain = new ConfigCascade(cwd, known).forFolder(cwd);
  return chain.files.length > 0 ? { files: [...chain.files], rules: chain.rules } : undefined;
}

/** The file `--config` names, for every scanned file. */
export function readNamedConfig(flag: string, cwd: string, known: readonly KnownRule[]): ProjectConfig {
  const file = path.resolve(cwd, flag);
  if (!existsSync(file)) throw new UsageError(`config file not found: ${flag}`);
  return readConfig(file, cwd, known);
}
