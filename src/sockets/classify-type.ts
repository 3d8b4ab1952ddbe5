// The type-checker fallback: a payload typed as a union of object types with a literal discriminant,
// or as a union of string literals, is classified by those literals. Only called for payloads syntax
// could not classify, because the first call builds a checker over every parsed file.
import type { Type } from 'ts-morph';
import { Node } from '../syntax/morph.js';
import { verb, type ClassifyContext, type Classified } from './classify-payload.js';
import { pickDiscriminant } from './vocabulary.js';

const BINARY_TYPE =
  /^(?:ArrayBuffer|SharedArrayBuffer|ArrayBufferView|DataView|Blob|File|Buffer|(?:Ui|I)nt(?:8|16|32)Array|Uint8ClampedArray|Float(?:32|64)Array|Big(?:Ui|I)nt64Array)(?:<.*>)?$/;

function literalVerbs(type: Type, ctx: ClassifyContext): Classified[] | undefined {
  const members = type.isUnion() ? type.getUnionTypes() : [type];
  const out: Classified[] = [];
  for (const m of members) {
    if (m.isStringLiteral()) out.push(verb(m.getLiteralValue() as string, ctx));
    else if (m.isEnumLiteral()) out.push(verb(m.getSymbol()?.getName() ?? m.getText(), ctx));
    else if (m.isNumberLiteral()) out.push({ kind: 'unknown', label: `numeric ${m.getLiteralValue() as number}` });
    else if (m.isBooleanLiteral() || m.isUndefined() || m.isNull()) continue;
    else return undefined;
  }
  return out.length ? out : undefined;
}

function classifyObjectType(type: Type, at: Node, ctx: ClassifyContext): Classified[] {
  const prop = pickDiscriminant(type.getProperties(), (p) => p.getName());
  if (prop) {
    const verbs = literalVerbs(prop.getTypeAtLocation(at), ctx);
    return (
      verbs ?? [{ kind: 'unknown', label: `\`${prop.getName()}\` typed \`${prop.getTypeAtLocation(at).getText(at)}\`` }]
    );
  }
  return [{ kind: 'data', label: `\`${type.getText(at)}\` has no type field` }];
}

export function classifyType(type: Type, at: Node, ctx: ClassifyContext): Classified[] | undefined {
  const text = type.getText(at);
  if (BINARY_TYPE.test(text)) return [{ kind: 'binary', label: text }];
  if (type.isAny() || type.isUnknown()) return undefined;
  const literals = literalVerbs(type, ctx);
  if (literals) return literals;
  const members = type.isUnion() ? type.getUnionTypes() : [type];
  const out: Classified[] = [];
  for (const m of members) {
    if (m.isNull() || m.isUndefined()) continue;
    const lit = literalVerbs(m, ctx);
    if (lit) out.push(...lit);
    else if (BINARY_TYPE.test(m.getText(at))) out.push({ kind: 'binary', label: m.getText(at) });
    else if (m.isString() || m.isNumber() || m.isAny() || m.isUnknown() || m.isTypeParameter()) return undefined;
    else if (m.isObject() && !m.isArray() && m.getCallSignatures().length === 0)
      out.push(...classifyObjectType(m, at, ctx));
    else return undefined;
  }
  return out.length ? out : undefined;
}

/** The annotation's text is enough for binary types (lib files are not loaded, so the checker cannot name them). */
export function binaryByAnnotation(node: Node): Classified[] | undefined {
  const typeNode = (node as Node & { getTypeNode?: () => Node | undefined }).getTypeNode?.();
  const text = typeNode?.getText().replace(/\s+/g, '');
  return text && BINARY_TYPE.test(text) ? [{ kind: 'binary', label: text }] : undefined;
}
