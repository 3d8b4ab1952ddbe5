// The project function a message-building call goes to, so its returned value can be classified:
// `buildFrame(type)` (local or imported), `this.buildMessage(type, payload)` (a method of the same
// class or a base class in sight), `Protocol.subscribe(topic)` (a static method, or a function in a
// const object), and `this.serializer.encode(msg)` when the field is typed or created as a project class.
// A call that cannot be tied to one declaration in the parsed files goes nowhere: no guessing by name.
import type { ClassDeclaration } from 'ts-morph';
import { Node, SyntaxKind, tsc } from '../syntax/morph.js';
import { isFunctionLike } from '../syntax/call-sites.js';
import type { ProjectIndex } from '../syntax/project-index.js';
import { unwrapNode } from '../syntax/unwrap.js';

const MAX_BASES = 3;

/** The function a call's callee names, when the parsed files declare it. */
export function builderFunction(callee: Node, index: ProjectIndex): Node | undefined {
  const c = unwrapNode(tsc, callee);
  if (Node.isIdentifier(c)) return functionValue(index.definitionOf(c));
  if (!Node.isPropertyAccessExpression(c)) return undefined;
  const name = c.getName();
  const target = unwrapNode(tsc, c.getExpression());
  // this.buildMessage(…)
  if (target.getKind() === SyntaxKind.ThisKeyword) {
    const cls = c.getFirstAncestor((n) => Node.isClassDeclaration(n) || Node.isClassExpression(n));
    return cls ? classMember(cls as ClassDeclaration, name, false, index) : undefined;
  }
  // this.serializer.encode(…): the field's class
  if (
    Node.isPropertyAccessExpression(target) &&
    unwrapNode(tsc, target.getExpression()).getKind() === SyntaxKind.ThisKeyword
  ) {
    const cls = target.getFirstAncestor((n) => Node.isClassDeclaration(n) || Node.isClassExpression(n));
    const fieldClass = cls && classOfField(cls as ClassDeclaration, target.getName(), index);
    return fieldClass ? classMember(fieldClass, name, false, index) : undefined;
  }
  if (!Node.isIdentifier(target)) return undefined;
  const decl = index.definitionOf(target);
  // Protocol.subscribe(…): a static method
  if (decl && Node.isClassDeclaration(decl)) return classMember(decl, name, true, index);
  if (decl && Node.isVariableDeclaration(decl)) {
    const init = decl.getInitializer() && unwrapNode(tsc, decl.getInitializerOrThrow());
    // const protocol = { subscribe(topic) { … } }
    if (init && Node.isObjectLiteralExpression(init)) {
      const prop = init.getProperty(name);
      if (prop && Node.isMethodDeclaration(prop)) return prop;
      if (prop && Node.isPropertyAssignment(prop)) return functionValue(prop);
      return undefined;
    }
    // const codec = new JsonCodec()
    const cls = init && classOfNew(init, index);
    if (cls) return classMember(cls, name, false, index);
  }
  return undefined;
}

/** The function a declaration holds: a function, or a variable or property initialised with one. */
function functionValue(decl: Node | undefined): Node | undefined {
  let d = decl;
  if (d && (Node.isVariableDeclaration(d) || Node.isPropertyAssignment(d) || Node.isPropertyDeclaration(d)))
    d = d.getInitializer() && unwrapNode(tsc, d.getInitializerOrThrow());
  return d && isFunctionLike(d) ? d : undefined;
}

/** A method (or function-valued field) of a class, looked up in its base classes in sight too. */
function classMember(cls: ClassDeclaration, name: string, isStatic: boolean, index: ProjectIndex): Node | undefined {
  let c: ClassDeclaration | undefined = cls;
  for (let hop = 0; c && hop <= MAX_BASES; hop++) {
    const method = isStatic ? c.getStaticMethod(name) : c.getInstanceMethod(name);
    if (method) return method.hasBody() ? method : undefined;
    const prop = isStatic ? c.getStaticProperty(name) : c.getInstanceProperty(name);
    if (prop) return Node.isPropertyDeclaration(prop) ? functionValue(prop) : undefined;
    const base: Node | undefined = c.getExtends()?.getExpression();
    const decl: Node | undefined = base && Node.isIdentifier(base) ? index.definitionOf(base) : undefined;
    c = decl && Node.isClassDeclaration(decl) ? decl : undefined;
  }
  return undefined;
}

/** `new JsonCodec(…)` → the class, when the parsed files declare it. */
function classOfNew(expr: Node, index: ProjectIndex): ClassDeclaration | undefined {
  const e = unwrapNode(tsc, expr);
  if (!Node.isNewExpression(e)) return undefined;
  const ctor = unwrapNode(tsc, e.getExpression());
  const decl = Node.isIdentifier(ctor) ? index.definitionOf(ctor) : undefined;
  return decl && Node.isClassDeclaration(decl) ? decl : undefined;
}

/**
 * The class of `this.<field>`: every value stored in it is `new C()` of one class, or its declared type is `C`
 * and C is a class in sight (not an interface: any implementation could stand behind that).
 */
function classOfField(cls: ClassDeclaration, field: string, index: ProjectIndex): ClassDeclaration | undefined {
  const prop = cls.getInstanceProperty(field);
  const ctorParam = cls
    .getConstructors()
    .flatMap((c) => c.getParameters())
    .find((p) => p.isParameterProperty() && p.getName() === field);
  const holder = prop && Node.isPropertyDeclaration(prop) ? prop : ctorParam;
  const stored: Node[] = [];
  const init = holder && Node.isPropertyDeclaration(holder) ? holder.getInitializer() : undefined;
  if (init) stored.push(init);
  for (const access of cls.getDescendantsOfKind(SyntaxKind.PropertyAccessExpression)) {
    if (access.getName() !== field || unwrapNode(tsc, access.getExpression()).getKind() !== SyntaxKind.ThisKeyword)
      continue;
    const parent = access.getParent();
    if (
      parent &&
      Node.isBinaryExpression(parent) &&
      parent.getLeft() === access &&
      parent.getOperatorToken().getKind() === SyntaxKind.EqualsToken
    )
      stored.push(parent.getRight());
  }
  const classes = new Set(stored.map((v) => classOfNew(v, index)));
  if (stored.length > 0 && classes.size === 1 && !classes.has(undefined)) return [...classes][0];
  // a type annotation naming a class
  const typeNode = holder?.getTypeNode();
  if (!typeNode || !Node.isTypeReference(typeNode)) return undefined;
  const typeName = typeNode.getTypeName();
  const decl = Node.isIdentifier(typeName) ? index.definitionOf(typeName) : undefined;
  return decl && Node.isClassDeclaration(decl) ? decl : undefined;
}
