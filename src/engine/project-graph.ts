// How the project's build names its modules, read from the tree: the nearest tsconfig.json/jsconfig.json
// above a file (its `paths` and `baseUrl`, through `extends`), and the workspace packages of the monorepo
// it sits in (package.json `name` → the package's entry). Config files are read as the repository's
// other files are (regular files, size-capped, JSONC); one that cannot be read or parsed counts as absent.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse, type ParseError } from 'jsonc-parser';
import { readRegularTextSync, SMALL_FILE_CAP } from '../io/read-regular-file.js';
import type { ImportMap } from '../syntax/resolve-module.js';
import { DEFAULT_IGNORED_DIRS } from './discover.js';
import { fileNamesIn } from './file-names.js';

const CONFIG_NAMES = ['tsconfig.json', 'jsconfig.json'];
/** the files a folder is listed for: a tsconfig/jsconfig, and what marks a workspace root */
const MARKER_NAMES = new Set([...CONFIG_NAMES, 'package.json', 'pnpm-workspace.yaml', 'lerna.json']);
/** `extends` chains longer than this are a loop or a mistake */
const MAX_EXTENDS = 8;
/** workspace packages read at most (a monorepo has tens to hundreds) */
const MAX_PACKAGES = 2000;
/** folders a workspace glob never descends into */
const SKIPPED_DIRS = new Set([...DEFAULT_IGNORED_DIRS, '.git']);

/** The module options of one config, its `extends` chain applied; paths absolute. */
interface PathsConfig {
  baseUrl?: string;
  /** `paths`, each target made absolute (against baseUrl, or the folder of the config declaring them) */
  paths: Array<{ prefix: string; suffix: string; wildcard: boolean; targets: string[] }>;
}

interface WorkspacePackage {
  name: string;
  dir: string;
  /** the entry files package.json names, most source-like first (relative to dir) */
  entries: string[];
  /** `exports` subpaths: './sub' → targets (relative to dir) */
  subpaths: Map<string, string[]>;
}

/** Every config file read, with its text: what the resolution depends on (a cached result's key includes it). */
type ReadLog = Map<string, string>;

function readText(file: string, log: ReadLog): string | undefined {
  const read = readRegularTextSync(file, SMALL_FILE_CAP);
  if (!read.ok) return undefined;
  log.set(file, read.text);
  return read.text;
}

function readJsonc(file: string, log: ReadLog): Record<string, unknown> | undefined {
  const text = readText(file, log);
  if (text === undefined) return undefined;
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A cheap first look (no exception for a missing name: most folders hold no config); reading checks again. */
function isFile(p: string): boolean {
  return statSync(p, { throwIfNoEntry: false })?.isFile() ?? false;
}

function stringsOf(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];
}

/** Every string target of an `exports` value, the conditions a source tree is likely to hold first. */
function exportTargets(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(exportTargets);
  if (!v || typeof v !== 'object') return [];
  const entries = Object.entries(v as Record<string, unknown>).filter(([k]) => k !== 'types');
  const rank = (k: string) => (/^(?:source|development|src)$/.test(k) ? 0 : k === 'types' ? 2 : 1);
  return entries.sort((a, b) => rank(a[0]) - rank(b[0])).flatMap(([, x]) => exportTargets(x));
}

export class ProjectGraph implements ImportMap {
  /** folder → the config in force there (undefined: none up to the stop folder) */
  private readonly configs = new Map<string, PathsConfig | undefined>();
  /** each folder's config and manifest files, listed once (one listing instead of a stat per name; only those names kept) */
  private readonly listings = new Map<string, Set<string> | null>();
  private readonly hasFile = (dir: string, name: string): boolean => {
    let names = this.listings.get(dir);
    if (names === undefined) this.listings.set(dir, (names = fileNamesIn(dir, (n) => MARKER_NAMES.has(n))));
    return names?.has(name) ?? false;
  };
  /** folder → the workspace packages of the monorepo the folder belongs to */
  private readonly workspaces = new Map<string, Map<string, WorkspacePackage> | undefined>();
  /** exact `paths` keys and package names seen: specifiers that name a module by another name than its file's */
  private readonly renaming = new Set<string>();
  private readonly log: ReadLog = new Map();
  /** folder and specifier → bases: the files of one folder import alike */
  private last: {
    dir?: string;
    config?: PathsConfig;
    pkgs?: Map<string, WorkspacePackage>;
    bySpec: Map<string, readonly string[]>;
  } = { bySpec: new Map() };
  private readonly memo = new Map<
    PathsConfig | undefined,
    Map<Map<string, WorkspacePackage> | undefined, Map<string, readonly string[]>>
  >();

  /** `stop`: the folder above which no config is looked for (the repository root), or undefined for none */
  constructor(private readonly stop?: string) {}

  bases(fromFile: string, spec: string): readonly string[] {
    const dir = path.dirname(fromFile);
    // the answer depends on the config and workspace in force, shared by many folders: one array per
    // (config, workspace, specifier), the same object each time (callers may key their own caches on it);
    // a file's specifiers come one after another, so the last folder's answers are kept at hand
    if (dir !== this.last.dir) {
      const config = this.configFor(dir);
      const pkgs = this.workspaceOf(dir);
      let byPkgs = this.memo.get(config);
      if (!byPkgs)
        this.memo.set(
          config,
          (byPkgs = new Map<Map<string, WorkspacePackage> | undefined, Map<string, readonly string[]>>()),
        );
      let bySpec = byPkgs.get(pkgs);
      if (!bySpec) byPkgs.set(pkgs, (bySpec = new Map<string, readonly string[]>()));
      this.last = { dir, config, pkgs, bySpec };
    }
    const { config, pkgs, bySpec } = this.last;
    let hit = bySpec.get(spec);
    if (!hit) bySpec.set(spec, (hit = this.basesFrom(config, pkgs, spec)));
    return hit;
  }

  private basesFrom(
    config: PathsConfig | undefined,
    pkgs: Map<string, WorkspacePackage> | undefined,
    spec: string,
  ): string[] {
    const out: string[] = [];
    if (config) {
      // the longest matching prefix wins, as in TypeScript
      let best: PathsConfig['paths'][number] | undefined;
      for (const p of config.paths) {
        const matches = p.wildcard
          ? spec.length >= p.prefix.length + p.suffix.length && spec.startsWith(p.prefix) && spec.endsWith(p.suffix)
          : spec === p.prefix;
        if (matches && (!best || p.prefix.length > best.prefix.length)) best = p;
      }
      if (best) {
        const star = best.wildcard ? spec.slice(best.prefix.length, spec.length - best.suffix.length) : '';
        out.push(...best.targets.map((t) => t.replace('*', star)));
      }
      if (config.baseUrl) out.push(path.resolve(config.baseUrl, spec));
    }
    if (pkgs) out.push(...packageBases(pkgs, spec));
    return out;
  }

  /** Reads the configs and workspaces in force for these files' folders. */
  prime(files: readonly string[]): void {
    const seen = new Set<string>();
    for (const f of files) {
      const dir = path.dirname(f);
      if (seen.has(dir)) continue;
      seen.add(dir);
      this.configFor(dir);
      this.workspaceOf(dir);
    }
  }

  renames(spec: string): boolean {
    return this.renaming.has(spec);
  }

  /** The config and package files read so far, with their texts, in the order read. */
  inputs(): Array<{ absPath: string; relPath: string; text: string }> {
    return [...this.log].map(([absPath, text]) => ({ absPath, relPath: absPath, text }));
  }

  private above(dir: string): string | undefined {
    if (this.stop !== undefined && dir === this.stop) return undefined;
    const up = path.dirname(dir);
    return up === dir ? undefined : up;
  }

  /** The config of the nearest folder at or above `dir` holding a tsconfig.json or jsconfig.json. */
  private configFor(dir: string): PathsConfig | undefined {
    const walked: string[] = [];
    let found: PathsConfig | undefined;
    for (let d: string | undefined = dir; d !== undefined; d = this.above(d)) {
      if (this.configs.has(d)) {
        found = this.configs.get(d);
        break;
      }
      walked.push(d);
      const at = d;
      const name = CONFIG_NAMES.find((n) => this.hasFile(at, n));
      const file = name && path.join(at, name);
      if (file) {
        found = this.loadConfig(file);
        break;
      }
    }
    for (const d of walked) this.configs.set(d, found);
    return found;
  }

  /** A config with its `extends` chain applied: the nearest `paths` and `baseUrl` win, each against its own file. */
  private loadConfig(file: string): PathsConfig {
    let baseUrl: string | undefined;
    let paths: { map: Record<string, unknown>; dir: string } | undefined;
    const seen = new Set<string>();
    const visit = (f: string, depth: number): void => {
      if (depth > MAX_EXTENDS || seen.has(f)) return;
      seen.add(f);
      const json = readJsonc(f, this.log);
      if (!json) return;
      const options = (json.compilerOptions ?? {}) as Record<string, unknown>;
      const dir = path.dirname(f);
      // the config itself first, then what it extends: a value set nearer is kept
      if (baseUrl === undefined && typeof options.baseUrl === 'string') baseUrl = path.resolve(dir, options.baseUrl);
      if (paths === undefined && options.paths && typeof options.paths === 'object')
        paths = { map: options.paths as Record<string, unknown>, dir };
      // with several bases (TS 5), the later ones win: visited first
      for (const ext of stringsOf(json.extends).reverse()) {
        const target = this.extendsTarget(dir, ext);
        if (target) visit(target, depth + 1);
      }
    };
    visit(file, 0);
    const out: PathsConfig = { paths: [] };
    if (baseUrl !== undefined) out.baseUrl = baseUrl;
    if (paths) {
      const base = baseUrl ?? paths.dir;
      for (const [key, value] of Object.entries(paths.map)) {
        const star = key.indexOf('*');
        const targets = stringsOf(value).map((t) => path.resolve(base, t));
        if (star < 0) this.renaming.add(key);
        out.paths.push({
          prefix: star < 0 ? key : key.slice(0, star),
          suffix: star < 0 ? '' : key.slice(star + 1),
          wildcard: star >= 0,
          targets,
        });
      }
    }
    return out;
  }

  /** The file an `extends` names: a path, or a package's file under node_modules. */
  private extendsTarget(dir: string, ext: string): string | undefined {
    const withJson = (p: string) => [p, `${p}.json`, path.join(p, 'tsconfig.json')].find(isFile);
    if (ext.startsWith('.') || path.isAbsolute(ext)) return withJson(path.resolve(dir, ext));
    for (let d: string | undefined = dir; d !== undefined; d = this.above(d)) {
      const hit = withJson(path.join(d, 'node_modules', ext));
      if (hit) return hit;
    }
    return undefined;
  }

  /** The workspace packages of the nearest monorepo root at or above `dir`, by name. */
  private workspaceOf(dir: string): Map<string, WorkspacePackage> | undefined {
    const walked: string[] = [];
    let found: Map<string, WorkspacePackage> | undefined;
    for (let d: string | undefined = dir; d !== undefined; d = this.above(d)) {
      if (this.workspaces.has(d)) {
        found = this.workspaces.get(d);
        break;
      }
      walked.push(d);
      const globs = workspaceGlobs(d, this.log, this.hasFile);
      if (globs) {
        found = this.readPackages(d, globs);
        break;
      }
    }
    for (const d of walked) this.workspaces.set(d, found);
    return found;
  }

  private readPackages(root: string, globs: string[]): Map<string, WorkspacePackage> {
    const out = new Map<string, WorkspacePackage>();
    const excluded = globs.filter((g) => g.startsWith('!')).map((g) => path.resolve(root, g.slice(1)));
    for (const glob of globs.filter((g) => !g.startsWith('!'))) {
      for (const dir of expandGlob(root, glob.replace(/\/+$/, ''))) {
        if (out.size >= MAX_PACKAGES) return out;
        if (excluded.includes(dir)) continue;
        const json = readJsonc(path.join(dir, 'package.json'), this.log);
        const name = json && typeof json.name === 'string' ? json.name : undefined;
        if (!json || !name || out.has(name)) continue;
        this.renaming.add(name);
        out.set(name, packageOf(name, dir, json));
      }
    }
    return out;
  }
}

/** The workspace globs a folder's package.json (`workspaces`), pnpm-workspace.yaml or lerna.json declare. */
function workspaceGlobs(
  dir: string,
  log: ReadLog,
  hasFile: (dir: string, name: string) => boolean,
): string[] | undefined {
  const manifest = path.join(dir, 'package.json');
  // every package of a monorepo has a package.json; only the root's says `workspaces`: parse that one only
  const text = hasFile(dir, 'package.json') ? readRegularTextSync(manifest, SMALL_FILE_CAP) : undefined;
  const pkg = text?.ok && /"workspaces"\s*:/.test(text.text) ? readJsonc(manifest, log) : undefined;
  const ws = pkg?.workspaces;
  if (ws) return stringsOf(Array.isArray(ws) ? ws : (ws as { packages?: unknown }).packages);
  const pnpm = path.join(dir, 'pnpm-workspace.yaml');
  if (hasFile(dir, 'pnpm-workspace.yaml')) {
    const text = readText(pnpm, log);
    if (text !== undefined) return pnpmGlobs(text);
  }
  const lerna = hasFile(dir, 'lerna.json') ? readJsonc(path.join(dir, 'lerna.json'), log) : undefined;
  if (lerna?.packages) return stringsOf(lerna.packages);
  return undefined;
}

/** The `packages:` list of a pnpm-workspace.yaml (a YAML sequence of quoted or bare strings). */
export function pnpmGlobs(text: string): string[] {
  const out: string[] = [];
  let inList = false;
  for (const line of text.split(/\r?\n/)) {
    if (/^packages\s*:/.test(line)) {
      inList = true;
      continue;
    }
    if (!inList) continue;
    const item = /^\s+-\s*(['"]?)([^'"#]+?)\1\s*(?:#.*)?$/.exec(line);
    if (item) out.push(item[2]);
    else if (/^\S/.test(line)) inList = false;
  }
  return out;
}

/** The folders a workspace glob names: `packages/*`, `apps/**`, `tools/cli`; `**` goes three levels down. */
export function expandGlob(root: string, glob: string): string[] {
  let dirs = [root];
  for (const seg of glob.split('/').filter((s) => s !== '' && s !== '.')) {
    const next: string[] = [];
    for (const d of dirs) {
      if (seg === '**') next.push(d, ...subfolders(d, 3));
      else if (seg.includes('*')) {
        const re = new RegExp(`^${seg.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
        next.push(...subfolders(d, 1).filter((s) => re.test(path.basename(s))));
      } else next.push(path.join(d, seg));
    }
    dirs = next;
  }
  return dirs;
}

function subfolders(dir: string, depth: number): string[] {
  if (depth === 0) return [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isDirectory() && !SKIPPED_DIRS.has(e.name) && !e.name.startsWith('.'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => {
      const p = path.join(dir, e.name);
      return [p, ...subfolders(p, depth - 1)];
    });
}

function packageOf(name: string, dir: string, json: Record<string, unknown>): WorkspacePackage {
  const subpaths = new Map<string, string[]>();
  const exp = json.exports;
  let root: string[] = [];
  if (typeof exp === 'string' || Array.isArray(exp)) root = exportTargets(exp);
  else if (exp && typeof exp === 'object') {
    const keys = Object.keys(exp);
    if (keys.some((k) => k.startsWith('.'))) {
      for (const k of keys) {
        const targets = exportTargets((exp as Record<string, unknown>)[k]);
        if (k === '.') root = targets;
        else subpaths.set(k, targets);
      }
    } else root = exportTargets(exp);
  }
  const fields = ['source', 'module', 'main', 'browser'].flatMap((f) => (typeof json[f] === 'string' ? [json[f]] : []));
  // the source of a built entry (`dist/index.js` → `src/index`), then the usual source entries
  const entries = [...root, ...fields].flatMap((e) => {
    const clean = e.replace(/^\.\//, '');
    const stem = clean.replace(/\.[cm]?[jt]sx?$/, '');
    const inSrc = stem.replace(/^(?:dist|build|lib|out|esm|cjs)(?:\/(?:esm|cjs|types|src))?\//, 'src/');
    return inSrc === stem ? [clean] : [clean, inSrc];
  });
  entries.push('src/index', 'index');
  return { name, dir, entries: [...new Set(entries)], subpaths };
}

/** The paths a specifier naming a workspace package (or a file in it) may mean. */
function packageBases(pkgs: Map<string, WorkspacePackage>, spec: string): string[] {
  const scoped = spec.startsWith('@');
  const parts = spec.split('/');
  const name = parts.slice(0, scoped ? 2 : 1).join('/');
  const pkg = pkgs.get(name);
  if (!pkg) return [];
  const sub = parts.slice(scoped ? 2 : 1).join('/');
  if (sub === '') return pkg.entries.map((e) => path.join(pkg.dir, e));
  const exported = pkg.subpaths.get(`./${sub}`) ?? [];
  return [...exported, sub, `src/${sub}`].map((e) => path.join(pkg.dir, e));
}
