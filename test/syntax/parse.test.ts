import { describe, expect, it } from 'vitest';
import { analyseSources } from '../../src/engine/analyse-sources.js';
import { ModuleResolver } from '../../src/syntax/resolve-module.js';

describe('how the scan parses', () => {
  it('skips JSDoc (never read) but parses the code as ESNext, and the analysis is unchanged', () => {
    const text =
      '/** The feed. @type {WebSocket} */\nconst ws = new WebSocket("wss://x");\nws.onopen = () => ws.send("ping");\n';
    const result = analyseSources([{ absPath: '/a.js', relPath: 'a.js', text }], new ModuleResolver(['/a.js']), {
      extraVerbs: [],
    });
    const sf = result.parsed[0].sourceFile.compilerNode;
    // if a ts-morph upgrade stops passing `target` through to the parser, this fails first
    expect((sf.statements[0] as { jsDoc?: unknown[] }).jsDoc).toBeUndefined();
    expect(sf.languageVersion).toBe(99);
    expect(result.sockets.map((s) => [s.line, s.verdict])).toEqual([[2, 'control-only']]);
  });
});

describe('parent nodes', () => {
  it('are set by the scan itself, to what the compiler sets, JSDoc included', async () => {
    const { createProject, nestingOf } = await import('../../src/syntax/parse.js');
    const { tsc } = await import('../../src/syntax/morph.js');
    const text = [
      '/** @deprecated */',
      'export class Feed<T> extends Base { #ws?: WebSocket; constructor(private url: string) { super(); } }',
      'const f = async ({ a, b: [c] }: Opts = {}) => { for await (const x of y) if (x?.z) label: { break label; } };',
      'const t = tag`a${b}c${`d${e}`}`; const j = <div a={1}>{x}</div>;',
      'switch (k) { case 1: { try { throw 1; } catch { } finally { } } default: void 0; }',
    ].join('\n');
    const ours = createProject().createSourceFile('/x.tsx', text, { scriptKind: tsc.ScriptKind.TSX }).compilerNode;
    // made through the scan's own parse, not ts-morph's (the override of its factory still works)
    expect(nestingOf(ours)).toBeGreaterThan(5);
    const theirs = tsc.createSourceFile(
      '/x.tsx',
      text,
      { languageVersion: tsc.ScriptTarget.ESNext, jsDocParsingMode: tsc.JSDocParsingMode.ParseAll },
      true,
      tsc.ScriptKind.TSX,
    );
    // the same tree, node for node, each with the same parent (JSDoc aside: the scan skips it)
    const walk = (n: import('ts-morph').ts.Node, out: string[]) => {
      out.push(`${n.kind}@${n.pos}-${n.end}<${n.parent ? `${n.parent.kind}@${n.parent.pos}` : 'root'}`);
      n.forEachChild((c) => void walk(c, out));
      return out;
    };
    const mine = walk(ours, []);
    expect(mine.length).toBeGreaterThan(100);
    expect(mine).toEqual(walk(theirs, []));
  });

  it('reach JSDoc nodes when the parser makes them', async () => {
    const { setParents } = await import('../../src/syntax/parse.js');
    const { tsc } = await import('../../src/syntax/morph.js');
    const sf = tsc.createSourceFile(
      '/d.ts',
      '/** @param a the a */\nfunction f(a) {}\n',
      { languageVersion: tsc.ScriptTarget.ESNext, jsDocParsingMode: tsc.JSDocParsingMode.ParseAll },
      false,
    );
    setParents(sf);
    const fn = sf.statements[0] as import('ts-morph').ts.FunctionDeclaration & {
      jsDoc?: import('ts-morph').ts.JSDoc[];
    };
    expect(fn.jsDoc?.[0].parent).toBe(fn);
    expect(fn.jsDoc?.[0].tags?.[0].parent).toBe(fn.jsDoc?.[0]);
  });
});
