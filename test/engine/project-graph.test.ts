import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expandGlob, pnpmGlobs, ProjectGraph } from '../../src/engine/project-graph.js';
import { ModuleResolver } from '../../src/syntax/resolve-module.js';
import { cleanTrees, makeTree, scanTree } from '../helpers/scan-tree.js';

afterAll(cleanTrees);

const FIXTURE = resolve('fixtures/monorepo-project-graph');

describe('ProjectGraph: tsconfig/jsconfig paths and baseUrl', () => {
  it('reads `paths` through `extends`, with comments and trailing commas, against the config that declares them', () => {
    const root = makeTree({
      'configs/base.json': '{ // shared\n "compilerOptions": { "paths": { "@lib/*": ["../lib/*",], }, }, }',
      'app/tsconfig.json': '{ "extends": "../configs/base", /* no own paths */ }',
      'lib/socket.ts': 'export class Link {}',
      'app/main.ts': '',
    });
    const graph = new ProjectGraph(root);
    expect(graph.bases(join(root, 'app/main.ts'), '@lib/socket')).toEqual([join(root, 'lib/socket')]);
    const resolver = new ModuleResolver([join(root, 'lib/socket.ts'), join(root, 'app/main.ts')], graph);
    expect(resolver.resolve(join(root, 'app/main.ts'), '@lib/socket')).toBe(join(root, 'lib/socket.ts'));
  });

  it('takes `paths` against baseUrl when one is set, prefers the longest prefix, and adds baseUrl itself', () => {
    const root = makeTree({
      'jsconfig.json': JSON.stringify({
        compilerOptions: { baseUrl: 'src', paths: { '@/*': ['*'], '@/net/*': ['transport/*'] } },
      }),
    });
    const graph = new ProjectGraph(root);
    const from = join(root, 'src/a.js');
    expect(graph.bases(from, '@/net/ws')).toEqual([join(root, 'src/transport/ws'), join(root, 'src/@/net/ws')]);
    expect(graph.bases(from, 'services/feed')).toEqual([join(root, 'src/services/feed')]);
  });

  it('each package of a monorepo reads its own nearest config, the nearer `paths` winning over the extended ones', () => {
    const root = makeTree({
      'tsconfig.json': JSON.stringify({ compilerOptions: { paths: { '~/*': ['./shared/*'] } } }),
      'packages/web/tsconfig.json': JSON.stringify({
        extends: '../../tsconfig.json',
        compilerOptions: { paths: { '~/*': ['./src/*'] } },
      }),
      'packages/api/package.json': '{ "name": "api" }',
    });
    const graph = new ProjectGraph(root);
    expect(graph.bases(join(root, 'packages/web/src/deep/x.ts'), '~/socket')).toEqual([
      join(root, 'packages/web/src/socket'),
    ]);
    expect(graph.bases(join(root, 'packages/api/src/x.ts'), '~/socket')).toEqual([join(root, 'shared/socket')]);
  });

  it('ignores a config it cannot read or parse, and an `extends` loop', () => {
    const root = makeTree({
      'tsconfig.json': '{ "extends": "./other.json", "compilerOptions": { "paths": { "@x": ["./x.ts"] } } }',
      'other.json': '{ "extends": "./tsconfig.json" }',
      'pkg/tsconfig.json': '{{{ not json',
    });
    const graph = new ProjectGraph(root);
    expect(graph.bases(join(root, 'a.ts'), '@x')).toEqual([join(root, 'x.ts')]);
    expect(graph.renames('@x')).toBe(true);
    expect(graph.bases(join(root, 'pkg/a.ts'), '@x')).toEqual([]);
  });
});

describe('ProjectGraph: inputs', () => {
  it('lists every config file it read with its text, so a cached result is keyed on them', () => {
    const root = makeTree({
      'tsconfig.json': '{ "extends": "./base.json" }',
      'base.json': '{ "compilerOptions": { "baseUrl": "src" } }',
    });
    const graph = new ProjectGraph(root);
    graph.bases(join(root, 'src/a.ts'), 'lib/x');
    expect(graph.inputs().map((i) => [i.absPath.slice(root.length + 1), i.text])).toEqual([
      ['tsconfig.json', '{ "extends": "./base.json" }'],
      ['base.json', '{ "compilerOptions": { "baseUrl": "src" } }'],
    ]);
  });
});

describe('ProjectGraph: workspace packages', () => {
  it('maps a package name to its entry, a built entry to its source, and a subpath to the package folder', () => {
    const root = makeTree({
      'package.json': JSON.stringify({ workspaces: { packages: ['packages/*'] } }),
      'packages/live/package.json': JSON.stringify({
        name: '@acme/live',
        exports: { '.': { types: './dist/index.d.ts', import: './dist/esm/index.js' }, './feed': './dist/feed.js' },
      }),
      'packages/live/src/index.ts': '',
    });
    const graph = new ProjectGraph(root);
    const from = join(root, 'apps/x/main.ts');
    const pkg = join(root, 'packages/live');
    expect(graph.bases(from, '@acme/live')).toEqual(
      ['dist/esm/index.js', 'src/index', 'index'].map((e) => join(pkg, e)),
    );
    expect(graph.bases(from, '@acme/live/feed')).toEqual(['dist/feed.js', 'feed', 'src/feed'].map((e) => join(pkg, e)));
    expect(graph.bases(from, 'react')).toEqual([]);
    expect(graph.renames('@acme/live')).toBe(true);
    expect(new ModuleResolver([join(pkg, 'src/index.ts')], graph).resolve(from, '@acme/live')).toBe(
      join(pkg, 'src/index.ts'),
    );
  });

  it('reads pnpm-workspace.yaml and expands `*` and `**` globs, skipping node_modules', () => {
    expect(pnpmGlobs("packages:\n  - 'apps/*'\n  - packages/** # all\n  - '!**/test/**'\nother: 1\n  - no\n")).toEqual([
      'apps/*',
      'packages/**',
      '!**/test/**',
    ]);
    const root = makeTree({
      'pnpm-workspace.yaml': 'packages:\n  - "libs/**"\n',
      'libs/a/package.json': '{ "name": "a", "main": "main.js" }',
      'libs/group/b/package.json': '{ "name": "b" }',
      'libs/node_modules/c/package.json': '{ "name": "c" }',
    });
    expect(expandGlob(root, 'libs/**').map((d) => d.slice(root.length + 1))).toEqual([
      'libs',
      'libs/a',
      'libs/group',
      'libs/group/b',
    ]);
    const graph = new ProjectGraph(root);
    expect(graph.bases(join(root, 'x.ts'), 'a')[0]).toBe(join(root, 'libs/a/main.js'));
    expect(graph.bases(join(root, 'x.ts'), 'b')).toEqual([
      join(root, 'libs/group/b/src/index'),
      join(root, 'libs/group/b/index'),
    ]);
    expect(graph.bases(join(root, 'x.ts'), 'c')).toEqual([]);
  });
});

describe('files outside the scanned paths, read for context', () => {
  it('scanning one app of the fixture monorepo: the wrapper outside it makes each instance a socket; nothing outside is reported', async () => {
    const report = await scanTree(FIXTURE, { paths: ['apps/dashboard'] });
    const where = (x: { file: string; line: number }) =>
      `${x.file.replace(/^.*monorepo-project-graph\//, '')}:${x.line}`;
    expect(report.sockets.map((s) => [where(s), s.verdict])).toEqual([
      ['apps/dashboard/src/feeds/orders.ts:5', 'bidirectional'],
      ['apps/dashboard/src/feeds/quotes.ts:5', 'control-only'],
    ]);
    expect(report.findings.map((f) => [f.ruleId, where(f)])).toEqual([
      ['ws-subscribe-only', 'apps/dashboard/src/feeds/quotes.ts:5'],
    ]);
    expect(report.stats.filesScanned).toBe(3);
    expect(report.notes).toEqual([]);
  });

  it('reaches a wrapper through a barrel outside the scan, and leaves alone files that cannot matter', async () => {
    const root = makeTree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      'lib/index.js': "export { Pipe } from './pipe.js';\nexport { fmt } from './fmt.js';\n",
      'lib/pipe.js':
        'export class Pipe {\n  open(url) { this.ws = new WebSocket(url); }\n  put(d) { this.ws.send(d); }\n}\n',
      'lib/fmt.js': 'export const fmt = (x) => String(x);\n',
      'lib/other.js': 'export const ws = new WebSocket("wss://unrelated.example.com");\n',
      'app/view.js':
        "import { Pipe, fmt } from '../lib/index.js';\nconst p = new Pipe();\np.open('wss://a.example.com');\np.put(JSON.stringify({ type: 'ping' }));\nfmt(1);\n",
    });
    const report = await scanTree(root, { paths: ['app'] });
    expect(report.sockets.map((s) => [s.file, s.line, s.verdict])).toEqual([['app/view.js', 2, 'control-only']]);
    // lib/pipe.js and its barrel are parsed; lib/fmt.js (no socket) and lib/other.js (not imported) are not
    expect(report.stats).toMatchObject({ filesScanned: 1, filesParsed: 3 });
  });

  it('does not read for context what the scan left out inside a scanned folder (.gitignore)', async () => {
    const root = makeTree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      'app/.gitignore': 'gen/\n',
      'app/gen/pipe.js': 'export class Pipe { open(u) { this.ws = new WebSocket(u); } put(d) { this.ws.send(d); } }\n',
      'app/view.js':
        "import { Pipe } from './gen/pipe.js';\nconst p = new Pipe();\np.put(JSON.stringify({ type: 'ping' }));\n",
    });
    const report = await scanTree(root, { paths: ['app'] });
    expect(report.sockets).toEqual([]);
  });

  it('never reads build output or installed packages for context', async () => {
    const root = makeTree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      'node_modules/sock-lib/index.js': 'export class Pipe { open(u) { this.ws = new WebSocket(u); } }\n',
      'dist/pipe.js': 'export class Pipe { open(u) { this.ws = new WebSocket(u); } }\n',
      'app/view.js':
        "import { Pipe } from '../dist/pipe.js';\nimport { Pipe as P2 } from '../node_modules/sock-lib/index.js';\nnew Pipe().open('wss://x');\nnew P2().open('wss://y');\n",
    });
    const report = await scanTree(root, { paths: ['app'] });
    expect(report.sockets).toEqual([]);
    expect(report.stats.filesParsed).toBe(1); // the view alone
  });

  it('outside a repository, reads nothing above the working directory (as for configs)', async () => {
    const root = makeTree({
      'lib/pipe.js':
        'export class Pipe {\n  open(url) { this.ws = new WebSocket(url); }\n  put(d) { this.ws.send(d); }\n}\n',
      'app/view.js':
        "import { Pipe } from '../lib/pipe.js';\nconst p = new Pipe();\np.open('wss://a.example.com');\np.put(JSON.stringify({ type: 'ping' }));\n",
    });
    // from the repository-less root, lib/ is inside the project: the wrapper is read for context
    const fromRoot = await scanTree(root, { paths: ['app'] });
    expect(fromRoot.sockets.map((s) => [s.file, s.verdict])).toEqual([['app/view.js', 'control-only']]);
    // from app/ itself, lib/ lies above the working directory: not read
    const fromApp = await scanTree(join(root, 'app'), { paths: ['.'] });
    expect(fromApp.sockets).toEqual([]);
    expect(fromApp.stats.filesParsed).toBe(1); // the view alone (a rule reads its URL), not lib/pipe.js
  });
});
