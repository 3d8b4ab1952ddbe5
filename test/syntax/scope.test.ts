// The rules' name lookup (resolveName) is the scanner's (declarationIn), read as the kinds of binding the
// rules tell apart: a variable with its scope, a destructured name, a parameter, a function, other.
import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { resolveName } from '../../src/syntax/scope.js';
import { fixedValue } from '../../src/syntax/values.js';
import { walk } from '../../src/syntax/walk.js';

/** The identifier right after the `/*@*\/` mark in `src`, parsed as TypeScript. */
function marked(src: string): ts.Identifier {
  const sf = ts.createSourceFile('t.ts', src, ts.ScriptTarget.ESNext, true, ts.ScriptKind.TS);
  const at = src.indexOf('/*@*/') + '/*@*/'.length;
  let hit: ts.Identifier | undefined;
  walk(sf, (n) => {
    if (ts.isIdentifier(n) && n.getStart(sf) === at) hit = n;
  });
  if (!hit) throw new Error(`no identifier marked in ${src}`);
  return hit;
}

const kindOf = (src: string) => {
  const id = marked(src);
  return resolveName(ts, id, id.text)?.kind;
};

describe('resolveName', () => {
  it.each([
    ['a const', 'const url = "/a"; fetch(/*@*/url);', 'variable'],
    ['a destructured name', 'const { refetch } = useQuery(); setInterval(/*@*/refetch, 1000);', 'destructured'],
    ['a nested destructured name', 'const { a: [first] } = load(); use(/*@*/first);', 'destructured'],
    ['a parameter', 'function poll(url) { fetch(/*@*/url); }', 'parameter'],
    ['a name destructured from a parameter', 'function poll({ url }) { fetch(/*@*/url); }', 'other'],
    ['a function declaration', 'function tick() {} setInterval(/*@*/tick, 1000);', 'function'],
    [
      'a named function expression, inside itself',
      'setTimeout(function poll() { setTimeout(/*@*/poll, 2000); }, 0);',
      'function',
    ],
    ['an import', "import { interval } from 'rxjs'; /*@*/interval(1000);", 'other'],
    ['an import-equals', "import rx = require('rxjs'); /*@*/rx.interval(1000);", 'other'],
    ['a class', 'class Feed {} new /*@*/Feed();', 'other'],
    ['a class expression, inside itself', 'const C = class Feed { make() { return new /*@*/Feed(); } };', 'other'],
    ['a loop variable', 'for (const url of urls) fetch(/*@*/url);', 'other'],
    ['a catch variable with a type', 'try {} catch (err: unknown) { report(/*@*/err); }', 'other'],
    ['a global', 'fetch(/*@*/location.href);', undefined],
  ])('reads %s', (_what, src, kind) => {
    expect(kindOf(src)).toBe(kind);
  });

  it('climbs past a loop whose variables only contain the name', () => {
    // the loop declares `urlIndex`, not `url`: the lookup goes on to the const
    expect(kindOf('const url = "/a"; for (let urlIndex = 0; urlIndex < 3; urlIndex++) fetch(/*@*/url);')).toBe(
      'variable',
    );
  });

  it('does not take a name declared inside a default value for the pattern', () => {
    const src = 'const { a = (() => { const { inner } = o; return inner; })() } = obj; use(/*@*/inner);';
    expect(kindOf(src)).toBeUndefined();
  });

  it('gives a variable its scope and constness, for fixedValue', () => {
    const constant = marked('const ms = 2000; setInterval(tick, /*@*/ms);');
    expect(fixedValue(ts, constant, 'ms')?.getText()).toBe('2000');
    const reassigned = marked('let ms = 2000; ms = 10; setInterval(tick, /*@*/ms);');
    expect(fixedValue(ts, reassigned, 'ms')).toBeUndefined();
    const untouched = marked('let ms = 2000; setInterval(tick, /*@*/ms);');
    expect(fixedValue(ts, untouched, 'ms')?.getText()).toBe('2000');
  });
});
