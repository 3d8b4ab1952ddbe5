// Tells from a file's raw text, before any parse, whether it exports something built on what it imports
// from some modules: a function, class, hook or store that calls a socket wrapper it imported. Its callers
// then decide what is sent, so file selection follows its importers too (select-files.ts). A guess in
// either direction is safe: one too many costs a parse, one too few leaves the far callers unseen, and
// the analysis calls what they send unknown (the file's importers were not all parsed).

// A clause never holds the keyword that opens the next one: stopping there keeps a file of unclosed
// `import {` or `const {` lines linear (each try ran to the end: quadratic), as SPECIFIER_RE does.
const IMPORT_RE =
  /\bimport\s+(?!type\s)([\w$]+\s*,?\s*)?(\{(?:(?!\b(?:import|export)\b)[^}])*\}|\*\s*as\s+[\w$]+)?\s*from\s*['"]([^'"\n]+)['"]/g;
const REQUIRE_RE =
  /\b(?:const|let|var)\s+(\{(?:(?!\b(?:const|let|var)\b)[^}])*\}|[\w$]+)\s*=\s*require\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g;

/** One name a file imports: its local name, the name its module exports it under (`default`, `*` for all), the specifier. */
export interface ImportedName {
  local: string;
  imported: string;
  specifier: string;
}

/** The names the text imports from `specifiers` (default, named, namespace, `require`). */
export function namesImportedFrom(text: string, specifiers: ReadonlySet<string>): ImportedName[] {
  const names: ImportedName[] = [];
  for (const m of text.matchAll(IMPORT_RE)) {
    const specifier = m[3];
    if (!specifiers.has(specifier)) continue;
    const first = m[1]?.replace(/[\s,]/g, '');
    if (first) names.push({ local: first, imported: 'default', specifier });
    if (m[2]) names.push(...bindingNames(m[2], specifier));
  }
  for (const m of text.matchAll(REQUIRE_RE)) if (specifiers.has(m[2])) names.push(...bindingNames(m[1], m[2]));
  return names;
}

/** `{ a, b as c, type T }` → a, b (as c); `{ a, b: c }` → a, b (as c); `* as ns` or `x = require()` → all, as ns / x. */
function bindingNames(clause: string, specifier: string): ImportedName[] {
  if (!clause.startsWith('{')) return [{ local: clause.replace(/^\*\s*as\s+/, ''), imported: '*', specifier }];
  return clause
    .slice(1, -1)
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '' && !part.startsWith('type '))
    .map((part) => {
      const [imported, local = imported] = part.split(/\s+as\s+|\s*:\s*/).map((w) => w.trim());
      return { local, imported, specifier };
    })
    .filter((n) => /^[\w$]+$/.test(n.local) && /^[\w$]+$/.test(n.imported));
}

// A top-level export starts a line; it runs to the next line that starts another top-level statement.
const EXPORT_START = /^export\s+(?!type\s|interface\s|declare\s)/gm;
const TOP_LEVEL_LINE =
  /^(?:export|import|const|let|var|function|async|class|type|interface|enum|module\.exports|exports\.)\b/gm;
/** An export list, `module.exports = …` or `exports.x = …`: what is exported cannot be told by position. */
const EXPORT_ELSEWHERE = /^export\s*\{(?!(?:(?!\bexport\b)[^}])*\}\s*from\b)|\bmodule\.exports\b|^exports\.[\w$]+\s*=/m;
/** `export default function Chat(`, `export const Chat = (`: a UI component, whose importers render it. */
const COMPONENT_EXPORT = /^export\s+(?:default\s+)?(?:(?:async\s+)?function\s+|(?:const|let)\s+)[A-Z][\w$]*/;
const HAS_JSX = /<\/[\w.]*>|\/>/;

/** `export default …` → default; `export function f` / `class C` / `const x` → its name. */
const EXPORTED_NAME = /^export\s+(?:(default)\b|(?:async\s+)?(?:function\s*\*?|class|const|let|var)\s+([\w$]+))/;

/**
 * What the text exports that uses one of `locals` (calls it, reads a member, extends or instantiates it):
 * the names of the exported functions, classes, hooks and stores built on those imports; `all` when the
 * exports are listed apart (`export { … }`, `module.exports`) and the file uses them. A component (in a
 * file with JSX, or a .vue/.svelte file) is none: its importers render it rather than call it.
 */
export function exportsBuiltOn(text: string, locals: readonly string[], absPath = ''): Set<string> | 'all' {
  const built = new Set<string>();
  if (locals.length === 0 || /\.(?:vue|svelte)$/i.test(absPath)) return built;
  const used = new RegExp(`(?<![\\w$.<])(?:${locals.map(escapeName).join('|')})(?![\\w$])`);
  if (EXPORT_ELSEWHERE.test(text)) return used.test(withoutImports(text)) ? 'all' : built;
  const jsx = HAS_JSX.test(text);
  for (const start of text.matchAll(EXPORT_START)) {
    const from = start.index;
    TOP_LEVEL_LINE.lastIndex = from + start[0].length;
    const next = TOP_LEVEL_LINE.exec(text);
    const segment = text.slice(from, next ? next.index : text.length);
    const name = EXPORTED_NAME.exec(segment);
    if (!name) continue; // a re-export (the barrel rule covers it) or a type
    if (jsx && COMPONENT_EXPORT.test(segment)) continue;
    if (used.test(segment)) built.add(name[1] ?? name[2]);
  }
  return built;
}

function withoutImports(text: string): string {
  return text.replace(IMPORT_RE, '').replace(REQUIRE_RE, '');
}

function escapeName(name: string): string {
  return name.replace(/\$/g, '\\$');
}
