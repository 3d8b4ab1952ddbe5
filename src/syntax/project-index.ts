// What each parsed file's listed nodes (node-list.ts) give, and the cross-file questions built on it:
// which local names are imports (and from where), where a module exports a name, who imports it,
// and every call by callee name (for wrapper call sites) — no language service involved.
import type { CallExpression, ImportDeclaration, PropertyAccessExpression, SourceFile, ts } from 'ts-morph';
import { Node, tsc } from './morph.js';
import { isPropertyAccessNamed } from './references.js';
import { findAll, wrap } from './wrap.js';
import { unwrapAwaitedNode } from './unwrap.js';
import { listedNodes } from './node-list.js';
import type { ModuleResolver } from './resolve-module.js';
import { resolveIdentifier, type Declaration } from './references.js';

export interface ImportBinding {
  module: string;
  /** the scanned file the module resolves to */
  resolved?: string;
  /** `default`, `*` (namespace or whole `require`), or the exported name */
  imported: string;
}

export interface FileInfo {
  absPath: string;
  relPath: string;
  sourceFile: SourceFile;
  imports: Map<Declaration, ImportBinding>;
  /** callee's last name (`send` for `this.ws.send(...)`) → calls, raw: wrapped when asked for */
  calls: Map<string, ts.CallExpression[]>;
  /** every `new X(…)`, raw: find-sockets wraps the few that can be sockets */
  news: ts.NewExpression[];
  /** method name → methods and function-valued fields/properties declared in this file, raw: wrapped when asked for */
  methods: Map<string, ts.Node[]>;
  /** the file's `export { … }` / `export … from` declarations, read once from raw syntax: findExport, importersOf and linksOf share them */
  exportDecls: ExportDecl[];
  /** candidate `io(...)`-style calls and `new X(...)` are both here for find-sockets */
  hasSyntaxErrors: boolean;
}

/** One `export { a, b as c }`, `export { a } from 'm'`, `export * from 'm'` or `export * as ns from 'm'`. */
export interface ExportDecl {
  /** its index among the file's statements (findExport goes through them in order) */
  statement: number;
  /** the scanned file it re-exports from (`from 'm'`, resolved) */
  target?: string;
  /** the module it re-exports from, as written (`from 'm'`) */
  module?: string;
  /** each name as ts-morph gives it: `local` the specifier's name node, `exported` its alias or name; none for `export *` */
  names: Array<{ local: string; exported: string }>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The module named by `require('m')` or `require('m').X` (then imported = X), if that is what `init` is. */
export function requireTarget(init: Node | undefined): { module: string; imported: string } | undefined {
  if (!init) return undefined;
  let imported = '*';
  let expr = init;
  if (Node.isPropertyAccessExpression(expr)) {
    imported = expr.getName();
    expr = expr.getExpression();
  }
  if (!Node.isCallExpression(expr)) return undefined;
  const callee = expr.getExpression();
  const arg = expr.getArguments()[0];
  if (!Node.isIdentifier(callee) || callee.getText() !== 'require' || !arg || !Node.isStringLiteral(arg))
    return undefined;
  return { module: arg.getLiteralValue(), imported };
}

/** The module an import/export declaration names, read from the raw node: ts-morph's getters throw on trees the parser repaired (`import {a} from;`). */
export function moduleText(decl: Node): string | undefined {
  const spec = (decl.compilerNode as { moduleSpecifier?: ts.Node }).moduleSpecifier;
  return spec && tsc.isStringLiteral(spec) ? spec.text : undefined;
}

export function indexFile(
  sourceFile: SourceFile,
  absPath: string,
  relPath: string,
  resolver: ModuleResolver,
): FileInfo {
  const info: FileInfo = {
    absPath,
    relPath,
    sourceFile,
    imports: new Map(),
    calls: new Map(),
    news: [],
    methods: new Map(),
    exportDecls: [],
    hasSyntaxErrors: false,
  };
  const addImport = (decl: Declaration, module: string, imported: string) =>
    info.imports.set(decl, { module, imported, resolved: resolver.resolve(absPath, module) });

  const statements = sourceFile.compilerNode.statements;
  for (let i = 0; i < statements.length; i++) {
    const raw = statements[i];
    if (tsc.isExportDeclaration(raw))
      info.exportDecls.push(exportDeclOf(raw, i, sourceFile.compilerNode, absPath, resolver));
    if (raw.kind !== tsc.SyntaxKind.ImportDeclaration) continue; // a bundle has thousands of other statements: not wrapped
    const st = wrap<ImportDeclaration>(sourceFile, raw);
    const module = moduleText(st);
    const clause = st.getImportClause();
    if (module === undefined || !clause) continue;
    if (clause.getDefaultImport()) addImport(clause, module, 'default');
    const bindings = clause.getNamedBindings();
    if (bindings && Node.isNamespaceImport(bindings)) addImport(bindings, module, '*');
    if (bindings && Node.isNamedImports(bindings))
      for (const s of bindings.getElements()) addImport(s, module, s.getName());
  }

  const K = tsc.SyntaxKind;
  for (const raw of listedNodes(tsc, sourceFile.compilerNode)) {
    switch (raw.kind) {
      case K.CallExpression: {
        const callee = (raw as ts.CallExpression).expression;
        const name = tsc.isIdentifier(callee)
          ? callee.text
          : tsc.isPropertyAccessExpression(callee)
            ? callee.name.text
            : undefined;
        if (name) push(info.calls, name, raw as ts.CallExpression);
        break;
      }
      case K.NewExpression:
        info.news.push(raw as ts.NewExpression);
        break;
      case K.MethodDeclaration:
        // the name as ts-morph's getName() gives it: the name node's text
        push(info.methods, (raw as ts.MethodDeclaration).name.getText(sourceFile.compilerNode), raw);
        break;
      case K.PropertyDeclaration:
      case K.PropertyAssignment: {
        const prop = raw as ts.PropertyDeclaration | ts.PropertyAssignment;
        if (
          prop.initializer &&
          (prop.initializer.kind === K.ArrowFunction || prop.initializer.kind === K.FunctionExpression)
        ) {
          push(info.methods, prop.name.getText(sourceFile.compilerNode), prop.initializer);
        }
        break;
      }
      case K.VariableDeclaration: {
        const init = (raw as ts.VariableDeclaration).initializer;
        if (
          !init ||
          !(
            isRequireCall(
              init.kind === K.PropertyAccessExpression ? (init as ts.PropertyAccessExpression).expression : init,
            ) || isDynamicImport(init)
          )
        )
          break;
        const node = wrap(sourceFile, raw);
        if (!Node.isVariableDeclaration(node)) break;
        const target = requireTarget(node.getInitializer()) ?? dynamicImportTarget(node.getInitializer());
        if (!target) break;
        const name = node.getNameNode();
        if (Node.isIdentifier(name)) addImport(node, target.module, target.imported);
        else if (Node.isObjectBindingPattern(name)) {
          for (const el of name.getElements())
            addImport(el, target.module, el.getPropertyNameNode()?.getText() ?? el.getName());
        }
        break;
      }
    }
  }
  info.hasSyntaxErrors =
    (sourceFile.compilerNode as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics?.length !== 0;
  return info;
}

function exportDeclOf(
  decl: ts.ExportDeclaration,
  statement: number,
  sf: ts.SourceFile,
  absPath: string,
  resolver: ModuleResolver,
): ExportDecl {
  const spec = decl.moduleSpecifier;
  const module = spec && tsc.isStringLiteral(spec) ? spec.text : undefined;
  const clause = decl.exportClause;
  // as ts-morph's ExportSpecifier has it: the name node is `propertyName ?? name`, the alias `name` when there is a propertyName
  const names =
    clause && tsc.isNamedExports(clause)
      ? clause.elements.map((e) => ({ local: (e.propertyName ?? e.name).getText(sf), exported: e.name.getText(sf) }))
      : [];
  return { statement, target: module !== undefined ? resolver.resolve(absPath, module) : undefined, module, names };
}

/** The scanned files this one's syntax links to: what it imports or requires, and what it re-exports from. */
export function linksOf(info: FileInfo): string[] {
  const out = [...info.imports.values()].flatMap((b) => (b.resolved ? [b.resolved] : []));
  for (const d of info.exportDecls) if (d.target) out.push(d.target);
  return out;
}

/** `await import('m')` (or `import('m')`) as raw syntax. */
function isDynamicImport(e: ts.Node): boolean {
  let n = e;
  while (n.kind === tsc.SyntaxKind.AwaitExpression || n.kind === tsc.SyntaxKind.ParenthesizedExpression)
    n = (n as ts.AwaitExpression).expression;
  return (
    n.kind === tsc.SyntaxKind.CallExpression &&
    (n as ts.CallExpression).expression.kind === tsc.SyntaxKind.ImportKeyword
  );
}

/** `const { default: io } = await import('m')`: the module, bound like a namespace import. */
function dynamicImportTarget(init: Node | undefined): { module: string; imported: string } | undefined {
  if (!init) return undefined;
  const call = unwrapAwaitedNode(tsc, init);
  if (!Node.isCallExpression(call)) return undefined;
  const arg = call.getArguments()[0];
  return arg && Node.isStringLiteral(arg) ? { module: arg.getLiteralValue(), imported: '*' } : undefined;
}

/** `require(…)` as raw syntax: the cheap test before requireTarget (a bundle declares thousands of variables). */
function isRequireCall(e: ts.Node): boolean {
  if (e.kind !== tsc.SyntaxKind.CallExpression) return false;
  const callee = (e as ts.CallExpression).expression;
  return callee.kind === tsc.SyntaxKind.Identifier && (callee as ts.Identifier).text === 'require';
}

/** The calls in a file whose callee's last name is `name`. */
export function callsIn(info: FileInfo, name: string): CallExpression[] {
  return (info.calls.get(name) ?? []).map((raw) => wrap<CallExpression>(info.sourceFile, raw));
}

const EXPORTING_KINDS = new Set([
  tsc.SyntaxKind.ExportAssignment,
  tsc.SyntaxKind.VariableStatement,
  tsc.SyntaxKind.FunctionDeclaration,
  tsc.SyntaxKind.ClassDeclaration,
]);

export class ProjectIndex {
  readonly files = new Map<string, FileInfo>();
  /** .vue/.svelte files are parsed under a `.ts` name, so the project's path is not always the file's */
  private readonly byProjectPath = new Map<string, FileInfo>();
  private readonly usersCache = new Map<string, FileInfo[]>();
  /** some file that may run store actions by name (`dispatch('send', m)`) is not in this index */
  storeRunnersUnseen = true;

  /** `open`: files (absolute paths) that some file not parsed imports (select-files.ts) */
  constructor(private readonly open: ReadonlySet<string> = new Set()) {}

  /**
   * True when some file not parsed imports this one, or a barrel that re-exports `name` from it (any
   * export without a name): callers of what it exports may be unseen.
   */
  hasUnseenImporters(absPath: string, name?: string, depth = 0): boolean {
    if (this.open.has(absPath)) return true;
    if (this.open.size === 0 || depth > 5) return false;
    for (const info of this.files.values()) {
      for (const { target, names } of info.exportDecls) {
        if (target !== absPath) continue;
        if (names.length === 0 || name === undefined) {
          if (this.hasUnseenImporters(info.absPath, name, depth + 1)) return true;
        } else {
          for (const { local, exported } of names)
            if (local === name && this.hasUnseenImporters(info.absPath, exported, depth + 1)) return true;
        }
      }
    }
    return false;
  }

  add(info: FileInfo): void {
    this.files.set(info.absPath, info);
    this.byProjectPath.set(info.sourceFile.getFilePath(), info);
  }

  fileOf(node: Node): FileInfo | undefined {
    return this.byProjectPath.get(node.getSourceFile().getFilePath());
  }

  /** The real path of the file holding `node`. */
  pathOf(node: Node): string {
    return this.fileOf(node)?.absPath ?? node.getSourceFile().getFilePath();
  }

  importOf(decl: Declaration): ImportBinding | undefined {
    return this.fileOf(decl)?.imports.get(decl);
  }

  /** What an identifier names: its declaration, followed through an import into the scanned file that exports it. */
  definitionOf(id: Node): Declaration | undefined {
    const decl = resolveIdentifier(id);
    const imp = decl && this.importOf(decl);
    if (!imp) return decl;
    return imp.resolved && imp.imported !== '*' ? this.findExport(imp.resolved, imp.imported) : undefined;
  }

  /** The declaration a scanned file exports under `name` (`default` included), following re-exports. */
  findExport(absPath: string, name: string, depth = 0): Declaration | undefined {
    const info = this.files.get(absPath);
    if (!info || depth > 5) return undefined;
    const sf = info.sourceFile;
    const statements = sf.compilerNode.statements;
    let next = 0; // info.exportDecls are in statement order
    for (let i = 0; i < statements.length; i++) {
      const decl = info.exportDecls[next]?.statement === i ? info.exportDecls[next++] : undefined;
      if (decl) {
        const { target, names } = decl;
        if (names.length === 0 && target && name !== 'default') {
          const hit = this.findExport(target, name, depth + 1); // export * from
          if (hit) return hit;
        }
        for (const { local, exported } of names) {
          if (exported !== name) continue;
          if (target) return this.findExport(target, local, depth + 1);
          return this.localDeclaration(sf, local);
        }
        continue;
      }
      // only the statements that can export something are wrapped (a bundle has thousands of others)
      if (!EXPORTING_KINDS.has(statements[i].kind)) continue;
      const st = wrap(sf, statements[i]);
      if (Node.isExportAssignment(st) && name === 'default') {
        const expr = st.getExpression();
        return Node.isIdentifier(expr) ? (resolveIdentifier(expr) ?? expr) : expr;
      } else if (Node.isVariableStatement(st) && st.hasExportKeyword()) {
        for (const d of st.getDeclarations()) if (d.getName() === name) return d;
      } else if ((Node.isFunctionDeclaration(st) || Node.isClassDeclaration(st)) && st.hasExportKeyword()) {
        if (st.hasDefaultKeyword() ? name === 'default' : st.getName() === name) return st;
      }
    }
    return undefined;
  }

  /** `export { WebSocket } from 'ws'` in a scanned file: the package and the name it re-exports under `name`. */
  reExportedPackage(absPath: string, name: string): { module: string; imported: string } | undefined {
    for (const d of this.files.get(absPath)?.exportDecls ?? []) {
      if (d.target || d.module === undefined) continue;
      for (const { local, exported } of d.names) if (exported === name) return { module: d.module, imported: local };
    }
    return undefined;
  }

  private localDeclaration(sf: SourceFile, name: string): Declaration | undefined {
    const fn = sf.getFunction(name) ?? sf.getClass(name) ?? sf.getVariableDeclaration(name);
    if (fn) return fn;
    for (const [decl] of this.byProjectPath.get(sf.getFilePath())?.imports ?? []) {
      if (
        (Node.isImportSpecifier(decl) && (decl.getAliasNode() ?? decl.getNameNode()).getText() === name) ||
        decl.getText() === name
      )
        return decl;
    }
    return undefined;
  }

  /** Import bindings in other scanned files that import `name` from `absPath` (`*` = namespace imports). */
  importersOf(absPath: string, name: string, depth = 0): Array<{ decl: Declaration; binding: ImportBinding }> {
    const out: Array<{ decl: Declaration; binding: ImportBinding }> = [];
    if (depth > 5) return out;
    for (const info of this.files.values()) {
      for (const [decl, binding] of info.imports) {
        if (binding.resolved === absPath && (binding.imported === name || binding.imported === '*'))
          out.push({ decl, binding });
      }
      // `export { socket } from './socket'` / `export * from './socket'` in a barrel: its importers count too
      for (const { target, names } of info.exportDecls) {
        if (target !== absPath) continue;
        if (names.length === 0) out.push(...this.importersOf(info.absPath, name, depth + 1));
        for (const { local, exported } of names)
          if (local === name) out.push(...this.importersOf(info.absPath, exported, depth + 1));
      }
    }
    return out;
  }

  /**
   * The files that can hold a reference to what `absPath` declares: the file, its importers and
   * their importers (the same two hops the file selection parses). Method call sites and outside
   * uses of a public field are looked for only there, so an unrelated library's `.send()` never counts.
   */
  usersOf(absPath: string): FileInfo[] {
    let hit = this.usersCache.get(absPath);
    if (hit) return hit;
    const found = new Set<string>([absPath]);
    let ring = [absPath];
    for (let hop = 0; hop < 2; hop++) {
      const next: string[] = [];
      for (const info of this.files.values()) {
        if (found.has(info.absPath)) continue;
        // an import of a ring file, or a barrel's `export … from` one (its importers are the next hop)
        const links =
          [...info.imports.values()].some((b) => b.resolved && ring.includes(b.resolved)) ||
          info.exportDecls.some((d) => d.target && ring.includes(d.target));
        if (links) {
          found.add(info.absPath);
          next.push(info.absPath);
        }
      }
      ring = next;
    }
    hit = [...found].map((p) => this.files.get(p)).filter((f): f is FileInfo => f !== undefined);
    this.usersCache.set(absPath, hit);
    return hit;
  }

  /** The file itself and the scanned files it imports: where a called method may be declared. */
  importedBy(absPath: string): FileInfo[] {
    const info = this.files.get(absPath);
    if (!info) return [];
    const out = [info];
    for (const b of info.imports.values()) {
      const f = b.resolved ? this.files.get(b.resolved) : undefined;
      if (f && !out.includes(f)) out.push(f);
    }
    return out;
  }

  /** Methods (and function-valued fields) named `name` in the given files. */
  methodsNamed(name: string, within: FileInfo[]): Node[] {
    return within.flatMap((info) => (info.methods.get(name) ?? []).map((raw) => wrap(info.sourceFile, raw)));
  }

  /** Every `x.<name>` in the given files. */
  propertyAccessesNamed(name: string, within: FileInfo[]): PropertyAccessExpression[] {
    return within.flatMap((info) =>
      findAll<PropertyAccessExpression>(info.sourceFile, info.sourceFile.compilerNode, (n) =>
        isPropertyAccessNamed(n, name),
      ),
    );
  }

  /** Calls in the given files whose callee's last name is `name`. */
  callsNamed(name: string, within: FileInfo[]): CallExpression[] {
    return within.flatMap((info) => callsIn(info, name));
  }
}
