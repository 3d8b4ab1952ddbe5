// Resolves import specifiers to known files: relative paths the Node/TS way; then what the project's build
// maps a specifier to (tsconfig/jsconfig `paths` and `baseUrl`, workspace package names: an ImportMap the
// engine reads from the tree); and, where nothing maps it, path aliases (`@/lib/socket`, `~/socket`,
// `src/socket`) by a unique suffix match.
import { basename, dirname, resolve } from 'node:path';

const EXTS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.vue', '.svelte'];
const JS_TO_TS: ReadonlyMap<string, string[]> = new Map(
  Object.entries({
    '.js': ['.ts', '.tsx'],
    '.jsx': ['.tsx'],
    '.mjs': ['.mts'],
    '.cjs': ['.cts'],
  }),
);

function stripExt(p: string): string {
  const m = /\.(?:[cm]?[jt]sx?|vue|svelte)$/.exec(p);
  return m ? p.slice(0, m.index) : p;
}

/** The name an import of this file would most likely end with (`socket` for src/socket/index.ts). */
export function importStem(absPath: string): string {
  const stem = basename(stripExt(absPath));
  return stem === 'index' ? basename(dirname(absPath)) : stem;
}

export function specifierStem(spec: string): string {
  const last = stripExt(spec.replace(/\/+$/, '')).split('/').pop() ?? '';
  return last === 'index' ? (spec.split('/').slice(-2, -1)[0] ?? '') : last;
}

/** What the project's build maps a bare or aliased specifier to (engine/project-graph.ts reads it). */
export interface ImportMap {
  /** the paths, without extension probing, the specifier may name from `fromFile`, in the build's order */
  bases(fromFile: string, spec: string): readonly string[];
  /** true when the specifier names its module by another name than the file's (`@acme/net` → packages/net/src/index.ts) */
  renames(spec: string): boolean;
}

/** The file `base` names, trying the extensions and index files the Node/TS resolution tries. */
export function probeModule(base: string, has: (absPath: string) => boolean): string | undefined {
  if (has(base)) return base;
  const ext = /\.[cm]?jsx?$/.exec(base)?.[0];
  if (ext) {
    for (const alt of JS_TO_TS.get(ext) ?? []) {
      const p = base.slice(0, -ext.length) + alt;
      if (has(p)) return p;
    }
  }
  for (const e of EXTS) if (has(base + e)) return base + e;
  for (const e of EXTS) if (has(`${base}/index${e}`)) return `${base}/index${e}`;
  return undefined;
}

export function isRelativeSpecifier(spec: string): boolean {
  return spec.startsWith('./') || spec.startsWith('../') || spec === '.' || spec === '..';
}

export class ModuleResolver {
  private readonly files: Set<string>;
  /** stem → files, for alias suffix matching */
  private readonly byStem = new Map<string, string[]>();
  private readonly suffixHits = new Map<string, string | undefined>();

  constructor(
    absPaths: Iterable<string>,
    private readonly importMap?: ImportMap,
  ) {
    this.files = new Set(absPaths);
    for (const f of this.files) {
      const stem = importStem(f);
      const list = this.byStem.get(stem);
      if (list) list.push(f);
      else this.byStem.set(stem, [f]);
    }
  }

  /** The scanned file a specifier names, or undefined (a package, or a file not scanned). */
  resolve(fromFile: string, spec: string): string | undefined {
    if (isRelativeSpecifier(spec)) return this.probe(resolve(dirname(fromFile), spec));
    if (spec.startsWith('/') || /^[a-z]+:/i.test(spec)) return undefined;
    for (const base of this.importMap?.bases(fromFile, spec) ?? []) {
      const hit = this.probe(base);
      if (hit) return hit;
    }
    return this.bySuffix(spec);
  }

  /** See ImportMap.renames: an importer of such a specifier cannot be told by the file's stem. */
  renames(spec: string): boolean {
    return this.importMap?.renames(spec) ?? false;
  }

  private probe(base: string): string | undefined {
    return probeModule(base, (p) => this.files.has(p));
  }

  // `@/lib/socket` → the one scanned file whose path ends in `/lib/socket(.ext|/index.ext)`; the same from
  // every file, so asked once per specifier
  private bySuffix(spec: string): string | undefined {
    if (this.suffixHits.has(spec)) return this.suffixHits.get(spec);
    const hit = this.suffixHit(spec);
    this.suffixHits.set(spec, hit);
    return hit;
  }

  private suffixHit(spec: string): string | undefined {
    const segments = stripExt(spec).split('/').filter(Boolean);
    if (segments.length < 2) return undefined; // a bare package name such as `ws`
    const rest = /^[@~#]/.test(segments[0]) ? segments.slice(1) : segments;
    const tail = `/${rest.join('/')}`;
    const hits = (this.byStem.get(specifierStem(spec)) ?? []).filter((f) => {
      const p = stripExt(f);
      return p.endsWith(tail) || p.endsWith(`${tail}/index`);
    });
    return hits.length === 1 ? hits[0] : undefined;
  }
}

// An import clause never holds the words `import` or `export`: stopping there keeps a file of unclosed
// `import {` lines linear (each try ran to the end of the file: quadratic, issue 16).
const SPECIFIER_RE =
  /\b(?:import|export)\s(?:(?!\b(?:import|export)\b)[^'"`;])*?\bfrom\s*['"]([^'"\n]+)['"]|\bimport\s*\(\s*['"]([^'"\n]+)['"]\s*\)|\brequire\s*\(\s*['"]([^'"\n]+)['"]\s*\)|\bimport\s+['"]([^'"\n]+)['"]/g;

/** Import specifiers found in raw text, for choosing which files to parse before parsing any. */
export function specifiersInText(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(SPECIFIER_RE)) out.push(m[1] ?? m[2] ?? m[3] ?? m[4]);
  return out;
}

/** True when the text re-exports from another module (a barrel), so its importers may reach sockets. */
export function reExports(text: string): boolean {
  return /\bexport\s*(?:\*|\{(?:(?!\bexport\b)[^}])*\}|\*\s+as\s+\w+)\s*from\b/.test(text);
}
