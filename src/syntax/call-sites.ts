// Who calls a function: by its binding (same file and importing files) or, for methods, by name
// across the parsed files. `complete` is false when callers may exist that the analyzer cannot see.
import type { CallExpression, ts } from 'ts-morph';
import { Node, SyntaxKind, tsc } from './morph.js';
import type { FileInfo, ProjectIndex } from './project-index.js';
import { declarationName, referencesOf, type Declaration } from './references.js';
import { valueRootNode } from './unwrap.js';
import { storeCallSites, storeFunctionName } from './store-calls.js';

export interface CallSites {
  calls: CallExpression[];
  complete: boolean;
  /** how the function is known, for messages: `send()`, `Client.subscribe()` */
  name: string;
}

export function isFunctionLike(node: Node): boolean {
  return (
    Node.isFunctionDeclaration(node) ||
    Node.isArrowFunction(node) ||
    Node.isFunctionExpression(node) ||
    Node.isMethodDeclaration(node)
  );
}

/** Local name → public names, from a file's `export { a as b }` lists and `export default a`, once per file. */
const exportLists = new WeakMap<Node, Map<string, string[]>>();

function exportListOf(sf: Node & { getStatements(): Node[] }): Map<string, string[]> {
  let map = exportLists.get(sf);
  if (map) return map;
  map = new Map();
  const add = (local: string, exported: string) => map.set(local, [...(map.get(local) ?? []), exported]);
  for (const st of sf.getStatements()) {
    if (Node.isExportDeclaration(st) && !(st.compilerNode as { moduleSpecifier?: unknown }).moduleSpecifier) {
      for (const spec of st.getNamedExports())
        add(spec.getNameNode().getText(), (spec.getAliasNode() ?? spec.getNameNode()).getText());
    } else if (Node.isExportAssignment(st) && Node.isIdentifier(st.getExpression()))
      add(st.getExpression().getText(), 'default');
  }
  exportLists.set(sf, map);
  return map;
}

/** The names under which a declaration leaves its module (`default` included). */
export function exportedNames(decl: Declaration): string[] {
  const names: string[] = [];
  const own = declarationName(decl)?.getText();
  const statement = Node.isVariableDeclaration(decl) ? decl.getVariableStatement() : decl;
  if (
    statement &&
    (Node.isVariableStatement(statement) || Node.isFunctionDeclaration(statement) || Node.isClassDeclaration(statement))
  ) {
    if (statement.hasDefaultKeyword()) names.push('default');
    else if (statement.hasExportKeyword() && own) names.push(own);
  }
  // only a top-level declaration can be listed in an export clause
  const parent = (statement ?? decl).getParent();
  if (!own || !parent || !Node.isSourceFile(parent)) return names;
  return [...names, ...(exportListOf(decl.getSourceFile()).get(own) ?? [])];
}

/**
 * Uses of a binding, in its own file and (through imports) in other parsed files. `unseen`: it is exported,
 * and no parsed file imports it, or a file not parsed imports its file (so some uses are out of sight).
 */
export function bindingUses(
  decl: Declaration,
  index: ProjectIndex,
): { uses: Node[]; exported: boolean; importers: number; unseen: boolean } {
  const uses: Node[] = [...referencesOf(decl)];
  const names = exportedNames(decl);
  let importers = 0;
  for (const name of names) {
    for (const { decl: imp } of index.importersOf(index.pathOf(decl), name)) {
      importers++;
      for (const ref of referencesOf(imp)) {
        // `import * as api from './x'`: only `api.name` is this binding
        if (Node.isNamespaceImport(imp)) {
          const parent = ref.getParent();
          if (Node.isPropertyAccessExpression(parent) && parent.getName() === name) uses.push(parent);
        } else uses.push(ref);
      }
    }
  }
  const exported = names.length > 0;
  return {
    uses,
    exported,
    importers,
    unseen: exported && (importers === 0 || names.some((name) => index.hasUnseenImporters(index.pathOf(decl), name))),
  };
}

function callOf(use: Node): CallExpression | undefined {
  const root = valueRootNode(tsc, use);
  const parent = root.getParent();
  return parent && Node.isCallExpression(parent) && parent.getExpression() === root ? parent : undefined;
}

export function callSitesOf(fn: Node, index: ProjectIndex): CallSites {
  const holder = valueRootNode(tsc, fn).getParent();
  // function f() {} / const f = () => {} / const f = useCallback(() => {}, [])
  let decl: Declaration | undefined;
  if (Node.isFunctionDeclaration(fn)) decl = fn;
  else if (holder && Node.isVariableDeclaration(holder)) decl = holder;
  else if (
    holder &&
    Node.isCallExpression(holder) &&
    /^(?:useCallback|useEvent|useEffectEvent)$/.test(holder.getExpression().getText())
  ) {
    const v = valueRootNode(tsc, holder).getParent();
    if (v && Node.isVariableDeclaration(v)) decl = v;
  }
  if (decl) {
    const name = `${declarationName(decl)?.getText() ?? 'function'}()`;
    const { uses, unseen } = bindingUses(decl, index);
    const calls: CallExpression[] = [];
    let complete = !unseen;
    for (const use of uses) {
      const call = callOf(use);
      if (call) calls.push(call);
      else if (!isHarmlessUse(use)) complete = false; // passed around as a value: callers unseen
    }
    return { calls, complete, name };
  }
  // `Ctor.prototype.send = function (kind, body) {}`, `this.send = (kind, body) => {}`: a method by assignment
  const assigned = holder && assignedMember(holder, fn);
  if (assigned) {
    const member = (files: FileInfo[]) =>
      index
        .callsNamed(assigned.name, files)
        .filter((c) => Node.isPropertyAccessExpression(c.getExpression()) && !isWithin(c, fn));
    const users = index.usersOf(index.pathOf(fn));
    const near = member(users);
    // such objects often travel as globals (plain scripts, UMD) rather than imports: a same-named call in any
    // parsed file may be one more caller, so it is judged too; but only callers in the file or its importers
    // vouch that the method is used in the project at all (none: a public API, unknown)
    // (globals join scripts only: an ES module neither exports nor receives them that way)
    const userSet = new Set(users);
    const far = isScript(fn.getSourceFile())
      ? member([...index.files.values()].filter((f) => !userSet.has(f) && isScript(f.sourceFile)))
      : [];
    const name = `${assigned.owner ? `${assigned.owner}.` : ''}${assigned.name}()`;
    const complete = near.length > 0 && !index.hasUnseenImporters(index.pathOf(fn));
    return { calls: [...near, ...far], complete, name };
  }
  // methods and function-valued fields: callers by name
  const methodName = Node.isMethodDeclaration(fn)
    ? fn.getName()
    : holder && (Node.isPropertyDeclaration(holder) || Node.isPropertyAssignment(holder))
      ? holder.getName()
      : undefined;
  const storeName = storeFunctionName(fn);
  if (storeName !== undefined) {
    // a store action or mutation runs through `dispatch('name', payload)` from anywhere
    const store = storeCallSites(storeName, index);
    if (store.calls.length > 0 || !store.complete) {
      const direct = index
        .callsNamed(storeName, index.usersOf(index.pathOf(fn)))
        // called directly, it is handed the context first (`actions.send(ctx, msg)`); `socket.send(m)` is another send
        .filter(
          (c) => Node.isPropertyAccessExpression(c.getExpression()) && c.getArguments().length >= 2 && !isWithin(c, fn),
        );
      return {
        calls: [...direct, ...store.calls],
        complete: store.complete,
        name: `the store action \`${storeName}\``,
      };
    }
  }
  if (methodName) {
    const calls = index
      .callsNamed(methodName, index.usersOf(index.pathOf(fn)))
      .filter((c) => Node.isPropertyAccessExpression(c.getExpression()));
    const cls = fn.getFirstAncestorByKind(SyntaxKind.ClassDeclaration);
    // a file not parsed that imports the class's file may call it too
    const complete =
      (calls.length > 0 || !(cls?.hasExportKeyword() ?? true)) && !index.hasUnseenImporters(index.pathOf(fn));
    return { calls, complete, name: `${cls?.getName() ? `${cls.getName()}.` : ''}${methodName}()` };
  }
  return { calls: [], complete: false, name: 'a callback' };
}

/** A file with no ES `import`/`export`: its top-level names are globals shared with other scripts. */
function isScript(file: Node): boolean {
  return (
    (file.compilerNode as ts.SourceFile & { externalModuleIndicator?: unknown }).externalModuleIndicator === undefined
  );
}

/** A call in the function's own body (its socket's `send` when the wrapper is named `send` too) is no caller. */
function isWithin(call: Node, fn: Node): boolean {
  return (
    call.getSourceFile() === fn.getSourceFile() && call.getStart() >= fn.getStart() && call.getEnd() <= fn.getEnd()
  );
}

/** `X.prototype.m = fn` / `this.m = fn` / `obj.m = fn`: the member name `fn` is called by, and its owner's name. */
function assignedMember(holder: Node, fn: Node): { name: string; owner?: string } | undefined {
  if (!Node.isBinaryExpression(holder) || holder.getOperatorToken().getKind() !== SyntaxKind.EqualsToken)
    return undefined;
  if (valueRootNode(tsc, fn) !== holder.getRight()) return undefined;
  const left = holder.getLeft();
  if (!Node.isPropertyAccessExpression(left)) return undefined;
  const target = left.getExpression();
  const owner =
    Node.isPropertyAccessExpression(target) && target.getName() === 'prototype'
      ? target.getExpression().getText()
      : Node.isIdentifier(target)
        ? target.getText()
        : undefined;
  return { name: left.getName(), owner };
}

function isHarmlessUse(use: Node): boolean {
  const parent = valueRootNode(tsc, use).getParent();
  return (
    !!parent && (Node.isExportSpecifier(parent) || Node.isExportAssignment(parent) || Node.isTypeOfExpression(parent))
  );
}
