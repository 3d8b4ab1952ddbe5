// One hop through a parameter: when a URL comes in whole as a parameter (`connect(url)`,
// `constructor(private readonly gatewayUrl: string)` then `this.gatewayUrl`), the arguments its
// callers pass, in the files the rule sees. By name, without the language service.
import type { ts as TsNamespace } from 'ts-morph';
import type { ParsedFile } from '../../src/rule-api.js';
import { type TS } from '../../src/syntax/values.js';
import { resolveName } from '../../src/syntax/scope.js';
import { unwrapAwaited } from '../../src/syntax/unwrap.js';
import { walk } from '../../src/syntax/walk.js';

type Node = TsNamespace.Node;

export interface ParameterRef {
  param: TsNamespace.ParameterDeclaration;
  fn: TsNamespace.SignatureDeclaration;
}

export interface CallSiteArgument {
  file: ParsedFile;
  call: TsNamespace.CallExpression | TsNamespace.NewExpression;
  arg: Node;
}

/** Call sites looked at per parameter: enough for any wrapper, bounded for a hot name. */
const MAX_CALL_SITES = 50;

/** The parameter an expression is, when its whole value comes from one. */
export function parameterBehind(ts: TS, expr: Node): ParameterRef | undefined {
  const e = unwrapAwaited(ts, expr);
  if (ts.isIdentifier(e)) {
    const b = resolveName(ts, e, e.text);
    return b?.kind === 'parameter' ? { param: b.decl, fn: b.fn } : undefined;
  }
  if (!ts.isPropertyAccessExpression(e) || e.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  const field = e.name.text;
  let cls: Node | undefined = e.parent;
  while (cls && !ts.isClassDeclaration(cls) && !ts.isClassExpression(cls)) cls = cls.parent;
  if (!cls) return undefined;
  const ctor = cls.members.find(ts.isConstructorDeclaration);
  if (!ctor) return undefined;
  // `constructor(private readonly url: string)`
  const property = ctor.parameters.find(
    (p) => ts.isIdentifier(p.name) && p.name.text === field && ts.getCombinedModifierFlags(p) !== ts.ModifierFlags.None,
  );
  if (property) return { param: property, fn: ctor };
  // `constructor(url: string) { this.url = url; }`
  let assigned: ParameterRef | undefined;
  if (ctor.body) {
    walk(ctor.body, (n) => {
      if (assigned || !ts.isBinaryExpression(n) || n.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
      const left = n.left;
      if (
        !ts.isPropertyAccessExpression(left) ||
        left.expression.kind !== ts.SyntaxKind.ThisKeyword ||
        left.name.text !== field
      )
        return;
      const right = unwrapAwaited(ts, n.right);
      const p = ts.isIdentifier(right)
        ? ctor.parameters.find((q) => ts.isIdentifier(q.name) && q.name.text === right.text)
        : undefined;
      if (p) assigned = { param: p, fn: ctor };
    });
  }
  return assigned;
}

/** What callers name the function by, and whether they `new` it. */
function calledAs(
  ts: TS,
  fn: TsNamespace.SignatureDeclaration,
): { name: string; isNew: boolean; decl: Node } | undefined {
  if (ts.isConstructorDeclaration(fn)) {
    const cls = fn.parent;
    return cls.name ? { name: cls.name.text, isNew: true, decl: cls } : undefined;
  }
  if (ts.isFunctionDeclaration(fn) && fn.name) return { name: fn.name.text, isNew: false, decl: fn };
  if (
    (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) &&
    ts.isVariableDeclaration(fn.parent) &&
    ts.isIdentifier(fn.parent.name)
  ) {
    return { name: fn.parent.name.text, isNew: false, decl: fn.parent };
  }
  return undefined;
}

/** The arguments passed for `ref.param` at the calls of its function in `files`. */
export function argumentsFor(ts: TS, ref: ParameterRef, files: readonly ParsedFile[]): CallSiteArgument[] {
  const index = ref.fn.parameters.indexOf(ref.param);
  const callee = calledAs(ts, ref.fn);
  if (!callee || index < 0 || ref.param.dotDotDotToken) return [];
  const home = ref.fn.getSourceFile();
  const out: CallSiteArgument[] = [];
  for (const file of files) {
    if (out.length >= MAX_CALL_SITES || !file.text.includes(callee.name)) continue;
    const sf = file.sourceFile.compilerNode;
    walk(sf, (n) => {
      if (out.length >= MAX_CALL_SITES) return false;
      const isCall = callee.isNew ? ts.isNewExpression(n) : ts.isCallExpression(n);
      if (!isCall) return;
      const call = n as TsNamespace.CallExpression | TsNamespace.NewExpression;
      const c = unwrapAwaited(ts, call.expression);
      if (!ts.isIdentifier(c) || c.text !== callee.name) return;
      const b = resolveName(ts, c, callee.name);
      // in its own file the name must bind to this very function; elsewhere, to an import of it
      const same =
        b && ((b.kind === 'function' && b.decl === callee.decl) || (b.kind === 'variable' && b.decl === callee.decl));
      if (sf === home ? !(same || (callee.isNew && b?.kind === 'other')) : b?.kind !== 'other') return;
      const arg = call.arguments?.[index];
      if (arg && !ts.isSpreadElement(arg)) out.push({ file, call, arg });
    });
  }
  return out;
}
