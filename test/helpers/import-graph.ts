// The import graph of src/ and rules/, read with the TypeScript parser: every import, export-from,
// `import()` and `import('…')` type of every file, with whether it loads anything at run time.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export type ImportKind = 'static' | 'type' | 'dynamic';

export interface Import {
  from: string;
  /** a repository path (`src/model.ts`) for a relative import, else the package name as written */
  to: string;
  kind: ImportKind;
}

function sourceFiles(root: string, dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return sourceFiles(root, rel);
    return e.name.endsWith('.ts') ? [rel] : [];
  });
}

/** Type-only: `import type …`, or named imports that are all `type`. */
function isTypeOnly(clause: ts.ImportClause | undefined): boolean {
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  return (
    !clause.name &&
    !!named &&
    ts.isNamedImports(named) &&
    named.elements.length > 0 &&
    named.elements.every((e) => e.isTypeOnly)
  );
}

function importsOf(root: string, file: string): Import[] {
  const sf = ts.createSourceFile(file, readFileSync(path.join(root, file), 'utf8'), ts.ScriptTarget.ESNext, true);
  const out: Import[] = [];
  const add = (spec: string, kind: ImportKind) => {
    const to = spec.startsWith('.') ? path.posix.join(path.posix.dirname(file), spec).replace(/\.js$/, '.ts') : spec;
    out.push({ from: file, to, kind });
  };
  const visit = (n: ts.Node): void => {
    if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier))
      add(n.moduleSpecifier.text, isTypeOnly(n.importClause) ? 'type' : 'static');
    else if (ts.isExportDeclaration(n) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier))
      add(n.moduleSpecifier.text, n.isTypeOnly ? 'type' : 'static');
    else if (
      ts.isCallExpression(n) &&
      n.expression.kind === ts.SyntaxKind.ImportKeyword &&
      n.arguments[0] &&
      ts.isStringLiteral(n.arguments[0])
    )
      add(n.arguments[0].text, 'dynamic');
    else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument) && ts.isStringLiteral(n.argument.literal))
      add(n.argument.literal.text, 'type');
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

export interface ImportGraph {
  files: string[];
  imports: Import[];
  /** the repository files a file imports, of the given kinds */
  targets(file: string, kinds?: readonly ImportKind[]): string[];
}

export function importGraph(root: string, dirs: readonly string[] = ['src', 'rules']): ImportGraph {
  const files = dirs.flatMap((d) => sourceFiles(root, d)).sort();
  const imports = files.flatMap((f) => importsOf(root, f));
  const known = new Set(files);
  return {
    files,
    imports,
    targets: (file, kinds = ['static', 'type', 'dynamic']) =>
      imports.filter((i) => i.from === file && kinds.includes(i.kind) && known.has(i.to)).map((i) => i.to),
  };
}

/** Each cycle of the graph once, as a path that starts and ends at the same file ([] when there is none). */
export function cycles(graph: ImportGraph): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string): void => {
    state.set(f, 'open');
    stack.push(f);
    for (const t of graph.targets(f)) {
      if (state.get(t) === 'open') found.push([...stack.slice(stack.indexOf(t)), t]);
      else if (!state.has(t)) visit(t);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of graph.files) if (!state.has(f)) visit(f);
  return found;
}

/** Everything `entry` loads as it is imported: the closure over static imports (type-only and `import()` left out). */
export function loadedWith(graph: ImportGraph, entry: string): Set<string> {
  const seen = new Set<string>([entry]);
  const todo = [entry];
  while (todo.length > 0) {
    const f = todo.pop()!;
    for (const i of graph.imports) {
      if (i.from !== f || i.kind !== 'static' || seen.has(i.to)) continue;
      seen.add(i.to);
      if (graph.files.includes(i.to)) todo.push(i.to);
    }
  }
  return seen;
}
