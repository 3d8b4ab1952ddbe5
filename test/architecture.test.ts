// The layering of src/ and rules/ (docs/architecture.md), checked on the import graph: what each part
// may import, that the engine does not know the rules, that a rule's own folder is its own, that
// nothing imports in a circle, and that ts-morph and Inquirer stay out of what loads eagerly.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cycles, importGraph, loadedWith } from './helpers/import-graph.js';

const graph = importGraph('.');

/** The part of the code a file belongs to: a folder of src/, a top-level module of src/, or rules/. */
function part(file: string): string {
  const [top, sub] = file.split('/');
  if (top === 'rules') return 'rules';
  return sub.endsWith('.ts') ? `src/${sub}` : `src/${sub}/`;
}

/**
 * What each part may import besides itself (and Node's modules and packages). Read downwards: the CLI
 * on top, then the engine, then the socket analysis and the rules, then the syntax toolkit.
 */
const MAY_IMPORT: Record<string, readonly string[]> = {
  'src/cli/': ['*'],
  // the programmatic API: an entry point beside the CLI
  'src/api.ts': ['*'],
  'src/advisor/': ['src/errors.ts', 'src/suggest.ts'],
  'src/engine/': [
    'src/config/',
    'src/suppress/',
    'src/sockets/',
    'src/syntax/',
    'src/io/',
    'src/rule-api.ts',
    'src/model.ts',
    'src/errors.ts',
    'src/timing.ts',
    'src/version.ts',
  ],
  'src/config/': ['src/suppress/', 'src/io/', 'src/rule-api.ts', 'src/model.ts', 'src/errors.ts', 'src/suggest.ts'],
  'src/suppress/': ['src/io/', 'src/model.ts', 'src/errors.ts', 'src/suggest.ts'],
  /** opening and writing files safely (regular files only, atomic writes, private folders): Node only */
  'src/io/': [],
  'src/reporters/': ['src/model.ts', 'src/links.ts', 'src/terminal-text.ts'],
  rules: ['src/rule-api.ts', 'src/model.ts', 'src/syntax/', 'src/sockets/'],
  'src/sockets/': ['src/syntax/', 'src/model.ts', 'src/errors.ts', 'src/timing.ts'],
  'src/syntax/': [],
  'src/rule-api.ts': ['src/model.ts'],
  'src/model.ts': [],
  'src/errors.ts': [],
  'src/suggest.ts': [],
  'src/timing.ts': [],
  'src/version.ts': [],
  'src/links.ts': [],
  'src/terminal-text.ts': [],
};

const internal = graph.imports.filter((i) => graph.files.includes(i.to));
const show = (list: Array<{ from: string; to: string }>) => list.map((i) => `${i.from} -> ${i.to}`);

describe('layering', () => {
  it('every file belongs to a part with a rule', () => {
    expect(graph.files.filter((f) => !(part(f) in MAY_IMPORT))).toEqual([]);
  });

  it('each part imports only what is below it', () => {
    const wrong = internal.filter((i) => {
      const from = part(i.from);
      const to = part(i.to);
      return from !== to && !MAY_IMPORT[from].includes('*') && !MAY_IMPORT[from].includes(to);
    });
    expect(show(wrong)).toEqual([]);
  });

  it('nothing imports cli/ or the API, and only they import the rule list: the engine is handed the rules', () => {
    const entry = (f: string) => part(f) === 'src/cli/' || f === 'src/api.ts';
    expect(show(internal.filter((i) => entry(i.to) && part(i.from) !== part(i.to)))).toEqual([]);
    expect(show(internal.filter((i) => i.to === 'rules/index.ts' && !entry(i.from)))).toEqual([]);
    expect(
      show(internal.filter((i) => part(i.to) === 'rules' && part(i.from) !== 'rules' && i.to !== 'rules/index.ts')),
    ).toEqual([]);
  });

  it("a rule's folder rules/<id>/ is used by that rule only; what several rules share is in rules/support/", () => {
    const owner = (f: string) => /^rules\/([^/]+)\//.exec(f)?.[1];
    const wrong = internal.filter((i) => {
      const id = owner(i.to);
      if (!id || id === 'support') return false;
      return i.from !== `rules/${id}.ts` && owner(i.from) !== id;
    });
    expect(show(wrong)).toEqual([]);
  });

  it('has no import cycle, type-only imports included', () => {
    expect(cycles(graph).map((c) => c.join(' -> '))).toEqual([]);
  });
});

describe('lazy loading, as the import graph shows it', () => {
  const heavy = ['ts-morph', 'src/syntax/morph.ts', '@inquirer/select', '@inquirer/input'];

  it('no module loads ts-morph at run time but src/syntax/morph.ts (which `require`s it)', () => {
    expect(show(graph.imports.filter((i) => i.to === 'ts-morph' && i.kind !== 'type'))).toEqual([]);
  });

  it.each([
    'src/api.ts',
    'src/cli/main.ts',
    'src/cli/scan-command.ts',
    'src/cli/ask-command.ts',
    'src/cli/rules-command.ts',
    'rules/index.ts',
  ])('%s loads neither ts-morph nor Inquirer as it is imported (only through import())', (entry) => {
    const loaded = loadedWith(graph, entry);
    expect(heavy.filter((h) => loaded.has(h))).toEqual([]);
  });

  it("ts-morph's internals are used in src/syntax/ only", () => {
    const users = graph.files.filter(
      (f) =>
        !f.startsWith('src/syntax/') &&
        /_getNodeFromCompilerNode|\._context\b|compilerFactory/.test(readFileSync(f, 'utf8')),
    );
    expect(users).toEqual([]);
  });
});
