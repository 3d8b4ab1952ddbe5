// The package as a user gets it: packed (scripts/pack.mjs, what `npm run pack` runs), installed offline
// into an empty project, then run (`--version`, `scan`, `ask --answers`) and imported (the API, its
// declarations). Needs `npm run build` first, like every CLI test.
//
// The empty project gets a lockfile written from this repository's: with versions and integrity
// hashes npm takes every dependency from its cache (which `npm ci` filled) by hash, without the
// registry metadata a bare `npm install --offline` would need and a fresh CI cache does not hold.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from './helpers/cli.js';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const tmp = mkdtempSync(join(tmpdir(), 'rta-package-'));
const project = join(tmp, 'project');
const installed = join(project, 'node_modules', 'rt-advisor');
let tarball = '';
let installLog = '';

interface LockEntry {
  version?: string;
  dev?: boolean;
  link?: boolean;
  [key: string]: unknown;
}

/** A lockfile for a project whose one dependency is the tarball: this repository's runtime packages. */
function projectLock(tgz: string) {
  const ours = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as Record<string, unknown>;
  const runtime = Object.entries(ours.packages).filter(([key, entry]) => key !== '' && !entry.dev && !entry.link);
  const integrity = `sha512-${createHash('sha512').update(readFileSync(tgz)).digest('base64')}`;
  const spec = `file:${basename(tgz)}`;
  return {
    name: 'empty-project',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'empty-project', dependencies: { 'rt-advisor': spec } },
      'node_modules/rt-advisor': {
        version: manifest.version,
        resolved: spec,
        integrity,
        license: manifest.license,
        dependencies: manifest.dependencies,
        bin: manifest.bin,
        engines: manifest.engines,
      },
      ...Object.fromEntries(runtime),
    },
  };
}

function run(cmd: string, args: string[], input?: string) {
  const r = spawnSync(cmd, args, {
    cwd: project,
    encoding: 'utf8',
    input,
    env: { ...process.env, NO_COLOR: '1', CI: '1' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const rtAdvisor = (...args: string[]) => run(process.execPath, [join(installed, 'bin', 'rt-advisor.js'), ...args]);
const comparable = (report: { stats: object }) => ({ ...report, stats: { ...report.stats, durationMs: 0 } });

beforeAll(() => {
  tarball = execFileSync(process.execPath, [join(REPO, 'scripts', 'pack.mjs'), tmp], { encoding: 'utf8' }).trim();
  mkdirSync(project);
  const tgz = join(project, basename(tarball));
  cpSync(tarball, tgz);
  writeFileSync(
    join(project, 'package.json'),
    `${JSON.stringify({ name: 'empty-project', private: true, type: 'module', dependencies: { 'rt-advisor': `file:${basename(tgz)}` } }, null, 2)}\n`,
  );
  writeFileSync(join(project, 'package-lock.json'), `${JSON.stringify(projectLock(tgz), null, 2)}\n`);
  const r = run(NPM, ['ci', '--offline', '--no-audit', '--no-fund', '--foreground-scripts']);
  installLog = r.stdout + r.stderr;
  if (r.status !== 0) throw new Error(`npm ci --offline failed:\n${installLog}`);
  cpSync(join(REPO, 'fixtures', 'price-feed-subscribe-ping', 'src'), join(project, 'src'), { recursive: true });
}, 240_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the packed package', () => {
  it('holds what runs and nothing else: bundle, declarations, rule pages, schemas, snippets, docs', () => {
    const list = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n');
    const unexpected = list.filter(
      (f) =>
        !/^package\/(?:bin\/rt-advisor\.js|dist\/bundle\/[^/]+\.js|dist\/types\/.+\.d\.ts|rules\/[^/]+\.md|schema\/[^/]+\.schema\.json|src\/advisor\/snippets\/[a-z0-9-]+\/[^/]+\.ts|package\.json|README\.md|LICENSE|CHANGELOG\.md)$/.test(
          f,
        ),
    );
    expect(unexpected).toEqual([]);
    for (const must of ['LICENSE', 'CHANGELOG.md', 'README.md', 'dist/bundle/api.js', 'dist/types/src/api.d.ts'])
      expect(list).toContain(`package/${must}`);
  });

  it('installs without running a script: its manifest has none, and npm skipped none', () => {
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.scripts).toBeUndefined();
    expect(manifest.devDependencies).toBeUndefined();
    expect(installLog).not.toMatch(/install-scripts|prepare|postinstall/);
    // the lockfile's runtime packages, none with an install script of its own
    const lock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, LockEntry>;
    };
    expect(Object.entries(lock.packages).filter(([, e]) => e.hasInstallScript)).toEqual([]);
  });

  it('runs --version, scan and ask --answers from the project', () => {
    const version = rtAdvisor('--version');
    expect(version).toMatchObject({ status: 0, stderr: '' });
    expect(version.stdout.trim()).toBe(
      (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version,
    );
    const scan = rtAdvisor('scan', 'src');
    expect(scan).toMatchObject({ status: 1, stderr: '' });
    expect(scan.stdout).toContain('ws-subscribe-only');
    writeFileSync(
      join(project, 'answers.json'),
      JSON.stringify({ direction: 'server-to-client', clientToServerRatio: 0, latencyBudgetMs: 1000, binary: false }),
    );
    const ask = rtAdvisor('ask', '--answers', 'answers.json', '--no-serverless');
    expect(ask).toMatchObject({ status: 0, stderr: '' });
    expect(ask.stdout).toMatch(/SSE|Server-Sent Events/);
  });

  it('points ask at starter files that exist in the installed package', () => {
    const ask = rtAdvisor('ask', '--preset', 'ticker');
    const paths = [...ask.stdout.matchAll(/\S*snippets\/[\w/-]+\.ts/g)].map((m) => m[0]);
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.filter((p) => !existsSync(join(project, p)))).toEqual([]);
  });

  it('exports scan, recommend and formatters, giving the objects the JSON formats print', () => {
    writeFileSync(
      join(project, 'use-api.mjs'),
      `import { scan, recommend, formatters } from 'rt-advisor';
const report = await scan(['src']);
const advice = recommend(JSON.parse(process.argv[2]));
process.stdout.write(JSON.stringify({ report, advice, json: formatters.json(report, { color: false, cwd: process.cwd() }) }));
`,
    );
    const given = {
      direction: 'bidirectional',
      clientToServerRatio: 1,
      latencyBudgetMs: 100,
      binary: false,
      serverless: false,
    };
    const api = run(process.execPath, ['use-api.mjs', JSON.stringify(given)]);
    expect(api).toMatchObject({ status: 0, stderr: '' });
    const out = JSON.parse(api.stdout) as { report: { stats: object }; advice: unknown; json: string };
    const cliScan = JSON.parse(rtAdvisor('scan', 'src', '--format', 'json').stdout) as { stats: object };
    expect(comparable(out.report)).toEqual(comparable(cliScan));
    expect(comparable(JSON.parse(out.json) as { stats: object })).toEqual(comparable(cliScan));
    writeFileSync(join(project, 'answers2.json'), JSON.stringify(given));
    const cliAsk = rtAdvisor('ask', '--answers', 'answers2.json', '--format', 'json');
    expect(cliAsk.status).toBe(0);
    expect(out.advice).toEqual(JSON.parse(cliAsk.stdout));
  });

  it("runs the README's API example as it is written", () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const example = /## API\n[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(example).toContain("from 'rt-advisor'");
    writeFileSync(join(project, 'readme-api.mjs'), example);
    const r = run(process.execPath, ['readme-api.mjs']);
    expect(r).toMatchObject({ status: 0, stderr: '' });
    expect(r.stdout).toMatch(/ws-subscribe-only/);
    expect(r.stdout.trim().split('\n').at(-1)).toBe('sse');
    expect(JSON.parse(readFileSync(join(project, 'rt-advisor.sarif'), 'utf8'))).toMatchObject({ version: '2.1.0' });
  });

  it('declares its API: a TypeScript consumer type-checks against the shipped declarations', () => {
    writeFileSync(
      join(project, 'consumer.ts'),
      `import { scan, recommend, formatters, type Report, type AskReport, type Finding } from 'rt-advisor';
const report: Report = await scan(['src'], { includeTests: false });
const first: Finding | undefined = report.findings[0];
const advice: AskReport = recommend({ direction: 'server-to-client', latencyBudgetMs: 500, binary: false }, { preset: 'ticker' });
const text: string = formatters.sarif(report, { color: false, cwd: '.' });
export const out = [first?.ruleId, advice.recommendation, text.length];
// @ts-expect-error: scan takes paths, not a number
await scan(42);
`,
    );
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          types: [],
          skipLibCheck: false,
        },
        files: ['consumer.ts'],
      }),
    );
    const tsc = run(process.execPath, [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json']);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });
});
