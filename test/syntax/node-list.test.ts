import { readFileSync } from 'node:fs';
import type { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { analyseSources } from '../../src/engine/analyse-sources.js';
import { createProject, setParents } from '../../src/syntax/parse.js';
import { tsc } from '../../src/syntax/morph.js';
import { listedKinds, listedNodes } from '../../src/syntax/node-list.js';
import { ModuleResolver } from '../../src/syntax/resolve-module.js';
import { walk } from '../../src/syntax/walk.js';
import { FIXTURES, sourceFilesUnder } from '../helpers/fixture-sources.js';

/** What the listed nodes must be: the listed kinds, as walk() meets them. */
function walked(sf: ts.SourceFile): ts.Node[] {
  const kinds = listedKinds(tsc);
  const out: ts.Node[] = [];
  walk(sf, (n) => {
    if (kinds[n.kind] === 1) out.push(n);
  });
  return out;
}

describe('listed nodes', () => {
  it("are, for every fixture file, the nodes a walk finds, in the walk's order", () => {
    const files = sourceFilesUnder(FIXTURES);
    expect(files.length).toBeGreaterThan(100);
    const project = createProject();
    let total = 0;
    for (const f of files) {
      const sf = project.createSourceFile(f, readFileSync(f, 'utf8'), { overwrite: true }).compilerNode;
      const listed = listedNodes(tsc, sf);
      expect(listed).toEqual(walked(sf));
      total += listed.length;
    }
    expect(total).toBeGreaterThan(1000);
  });

  it('are gathered while parents are set, JSDoc nodes or not, and deep trees too', () => {
    const text = [
      '/** @param {typeof WebSocket} Ctor the constructor @example new Ctor(url) */',
      'function open(Ctor, { WebSocket: W = Ctor } = {}) { for (;;) { while (x) do { new W(url).send(f(g(h()))); } while (y); } }',
      'class A { m() { return { p: () => 1, q: function () {} }; } f = () => new Map(); }',
      `const deep = ${'f('.repeat(300)}0${')'.repeat(300)};`,
    ].join('\n');
    const sf = tsc.createSourceFile(
      '/a.js',
      text,
      { languageVersion: tsc.ScriptTarget.ESNext, jsDocParsingMode: tsc.JSDocParsingMode.ParseAll },
      false,
      tsc.ScriptKind.JS,
    );
    const listed: ts.Node[] = [];
    setParents(sf, listedKinds(tsc), listed);
    expect(listed.length).toBeGreaterThan(300);
    expect(listed).toEqual(walked(sf));
  });

  it('are made by a walk for a file parsed elsewhere', () => {
    const sf = tsc.createSourceFile('/b.ts', 'new WebSocket(u); if (a) b(c);', tsc.ScriptTarget.ESNext, true);
    expect(listedNodes(tsc, sf).map((n) => tsc.SyntaxKind[n.kind])).toEqual(['NewExpression', 'CallExpression']);
  });
});

describe('the raw test before a `new` is resolved', () => {
  const socketsIn = (text: string, path = '/s.ts') =>
    analyseSources([{ absPath: path, relPath: path.slice(1), text }], new ModuleResolver([path]), { extraVerbs: [] })
      .sockets;
  it.each([
    ['an import under any name', "import Sock from 'ws';\nconst s = new Sock('wss://x');\ns.send('ping');\n", 'ws'],
    [
      'a variable holding window.WebSocket',
      "const Sock = window.WebSocket;\nconst s = new Sock('wss://x');\ns.send('ping');\n",
      'browser-websocket',
    ],
    [
      'a destructured constructor',
      "export function open({ WebSocket: Ctor }) {\n  const s = new Ctor('wss://x');\n  s.send('ping');\n}\n",
      'other',
    ],
    ['an escaped name', "const s = new \\u0057ebSocket('wss://x');\ns.send('ping');\n", 'browser-websocket'],
    [
      'a private field',
      "class C { #WebSocketImpl = WebSocket; open() { const s = new this.#WebSocketImpl('wss://x'); s.send('ping'); } }\n",
      'other',
    ],
  ])('lets through %s', (_what, text, api) => {
    expect(socketsIn(text).map((s) => s.api)).toEqual([api]);
  });

  it('finds nothing in the `new`s of plain code', () => {
    expect(
      socketsIn('const m = new Map(); const e = new Error("x"); class Sock {} const s = new Sock(); s.send("ping");\n'),
    ).toEqual([]);
  });
});

describe('find-sockets with and without its raw test', () => {
  it('finds the same sites in every fixture file', async () => {
    const { findSockets } = await import('../../src/sockets/find-sockets.js');
    const { indexFile, ProjectIndex } = await import('../../src/syntax/project-index.js');
    const files = sourceFilesUnder(FIXTURES);
    const resolver = new ModuleResolver(files);
    const project = createProject();
    const index = new ProjectIndex();
    for (const f of files)
      index.add(indexFile(project.createSourceFile(f, readFileSync(f, 'utf8'), { overwrite: true }), f, f, resolver));
    const sites = (prefilter: boolean) =>
      [...index.files.values()].flatMap((info) =>
        findSockets(info, index, prefilter).map(
          (s) => `${info.relPath}:${s.node.getStart()}:${s.api}:${s.confidence}:${s.constructorText}`,
        ),
      );
    const all = sites(false);
    expect(all.length).toBeGreaterThan(60);
    expect(sites(true)).toEqual(all);
  });
});
