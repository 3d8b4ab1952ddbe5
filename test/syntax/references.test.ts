// resolveIdentifier / referencesOf on ts-morph nodes: a function expression's parameters are bindings
// like any function's (ts-morph's isFunctionLikeDeclaration leaves function expressions out).
import { Project } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { Node } from '../../src/syntax/morph.js';
import { referencesOf, resolveIdentifier } from '../../src/syntax/references.js';

function parse(src: string) {
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { allowJs: true } });
  return project.createSourceFile('/a.js', src);
}

describe('function expression parameters', () => {
  it('a use inside a prototype method binds to its parameter, not to an outer name', () => {
    const sf = parse(`var kind = 'outer';
      Relay.prototype.send = function (kind, body) { var frame = {}; frame[kind] = body; };`);
    const use = sf.getDescendants().filter((n) => Node.isIdentifier(n) && n.getText() === 'kind')[2];
    const decl = resolveIdentifier(use);
    expect(decl && Node.isParameterDeclaration(decl)).toBe(true);
  });

  it('referencesOf a function expression parameter finds its uses', () => {
    const sf = parse(`items.forEach(function (item) { log(item); keep(item); });`);
    const param = sf.getDescendants().find((n) => Node.isParameterDeclaration(n));
    expect(param && referencesOf(param).map((r) => r.getParent()?.getText())).toEqual(['log(item)', 'keep(item)']);
  });
});
