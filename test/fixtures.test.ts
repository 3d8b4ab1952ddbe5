// Spec: every folder under fixtures/ with an expected.json is scanned by the built CLI
// (`rt-advisor scan . --format json`, cwd = the fixture) and the report, projected to the fields the
// fixture pins down, must equal expected.json. `npm test` builds dist/ first. The scans run the built
// bundle's run() in this process (one ts-morph load for all of them); END_TO_END cases also go through
// the real binary, and must give the same report and exit code both ways.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SEVERITY_RANK, type Report, type Severity } from '../src/model.js';
import { RULES } from '../rules/index.js';
import { knownRules } from '../src/config/known-rules.js';
import { runInProcess } from './helpers/in-process.js';
import { reportRoot } from '../src/config/repo-root.js';
import { rebaseReport } from '../src/reporters/rebase.js';

const KNOWN_RULES = knownRules(RULES);

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = join(REPO, 'fixtures');
const BIN = join(REPO, 'bin', 'rt-advisor.js');

interface ExpectedSend {
  file: string;
  line: number;
  column: number;
  kind: string;
}

interface ExpectedSocket {
  file: string;
  line: number;
  column: number;
  api: string;
  verdict: string;
  sends: ExpectedSend[];
}

interface ExpectedFinding {
  ruleId: string;
  file: string;
  line: number;
  column: number;
}

interface Expected {
  description: string;
  sockets: ExpectedSocket[];
  findings: ExpectedFinding[];
  exitCode: number;
}

const CASES = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(FIXTURES, d.name, 'expected.json')))
  .map((d) => d.name)
  .sort();

function readExpected(name: string): Expected {
  return JSON.parse(readFileSync(join(FIXTURES, name, 'expected.json'), 'utf8')) as Expected;
}

/** The report reduced to what expected.json states, in the report's own order. */
function project(report: Report): Omit<Expected, 'description' | 'exitCode'> {
  return {
    sockets: report.sockets.map((s) => ({
      file: s.file,
      line: s.line,
      column: s.column,
      api: s.api,
      verdict: s.verdict,
      sends: s.sends.map((d) => ({ file: d.file, line: d.line, column: d.column, kind: d.kind })),
    })),
    findings: report.findings.map((f) => ({ ruleId: f.ruleId, file: f.file, line: f.line, column: f.column })),
  };
}

/** Fixtures also scanned through bin/rt-advisor.js in a child process: the README demo and a spread of rules. */
const END_TO_END = new Set([
  'demo-app',
  'default-ignores',
  'sse-express-notifications',
  'ws-token-in-query',
  'socketio-singleton-joins',
]);

function scanFixtureByBinary(name: string): { status: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  const run = spawnSync(process.execPath, [BIN, 'scan', '.', '--format', 'json'], {
    cwd: join(FIXTURES, name),
    env,
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const byLocation = (
  a: { file: string; line: number; column: number },
  b: { file: string; line: number; column: number },
) => (a.file !== b.file ? (a.file < b.file ? -1 : 1) : a.line - b.line || a.column - b.column);

const FLAGGED_VERDICTS = new Set(['receive-only', 'control-only']);
/** rule id → default severity: the exit code follows it (default --fail-on warning) */
const SEVERITY = new Map<string, Severity>(KNOWN_RULES.map((r) => [r.meta.id, r.meta.defaultSeverity]));

describe('fixtures', () => {
  it('there are at least 30 fixture cases plus the README demo', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(31);
    expect(CASES).toContain('demo-app');
  });

  // Guards the hand-written files themselves, so a typo in an expected.json fails loudly here
  // rather than as a confusing scanner diff.
  it.each(CASES)('%s: expected.json is self-consistent', (name) => {
    const expected = readExpected(name);
    expect(expected.description, 'a one-sentence description').toMatch(/\S/);
    expect([...expected.sockets].sort(byLocation)).toEqual(expected.sockets);
    for (const socket of expected.sockets) {
      expect([...socket.sends].sort(byLocation)).toEqual(socket.sends);
      const kinds = new Set(socket.sends.map((s) => s.kind));
      const verdict =
        socket.sends.length === 0
          ? 'receive-only'
          : kinds.has('data')
            ? 'bidirectional'
            : kinds.has('binary')
              ? 'binary'
              : kinds.has('unknown')
                ? 'unknown'
                : 'control-only';
      expect(socket.verdict, `${socket.file}:${socket.line}:${socket.column}`).toBe(verdict);
      for (const at of [socket, ...socket.sends]) expect(existsSync(join(FIXTURES, name, at.file)), at.file).toBe(true);
    }
    // ws-subscribe-only follows from the sockets; the file rules' findings stand on their own
    const subscribeOnly = expected.sockets
      .filter((s) => FLAGGED_VERDICTS.has(s.verdict))
      .map((s) => ({ ruleId: 'ws-subscribe-only', file: s.file, line: s.line, column: s.column }));
    expect(expected.findings.filter((f) => f.ruleId === 'ws-subscribe-only')).toEqual(subscribeOnly);
    // sorted as the report sorts them: location, then rule id
    const sorted = [...expected.findings].sort(
      (a, b) => byLocation(a, b) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
    );
    expect(expected.findings).toEqual(sorted);
    for (const f of expected.findings) {
      expect(SEVERITY.has(f.ruleId), f.ruleId).toBe(true);
      expect(existsSync(join(FIXTURES, name, f.file)), f.file).toBe(true);
      // a client rule points at one of the sockets, a plain WebSocket for ws-no-reconnect
      if (f.ruleId === 'ws-no-reconnect') {
        const socket = expected.sockets.find((s) => byLocation(s, f) === 0);
        expect(socket && ['browser-websocket', 'ws'].includes(socket.api), `${f.file}:${f.line}`).toBe(true);
      }
    }
    // the default --fail-on is warning: info findings alone exit 0
    const failing = expected.findings.some((f) => SEVERITY_RANK[SEVERITY.get(f.ruleId)!] >= SEVERITY_RANK.warning);
    expect(expected.exitCode).toBe(failing ? 1 : 0);
  });

  function check(name: string, run: { status: number | null; stdout: string; stderr: string }): void {
    const { description: _description, ...want } = readExpected(name);
    let report: Report;
    try {
      // JSON paths start at the repository root: back to the fixture's folder, as expected.json has them
      const dir = join(FIXTURES, name);
      report = rebaseReport(JSON.parse(run.stdout) as Report, reportRoot(dir), dir);
    } catch {
      throw new Error(
        `stdout of \`scan . --format json\` is not JSON (exit ${run.status})\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`,
      );
    }
    expect({ ...project(report), exitCode: run.status }, run.stderr).toEqual(want);
  }

  it.each(CASES)(
    '%s',
    async (name) => check(name, await runInProcess(['scan', '.', '--format', 'json'], join(FIXTURES, name))),
    120_000,
  );

  it('the end-to-end fixtures are fixtures', () => {
    for (const name of END_TO_END) expect(CASES).toContain(name);
  });

  it.each([...END_TO_END])('%s, through the real binary', (name) => check(name, scanFixtureByBinary(name)), 120_000);

  // The root .gitignore ignores node_modules/ and dist/ and the fixture's own .gitignore ignores
  // generated/: if these files were not committed (fixtures/.gitignore re-includes the first two,
  // generated/ needs `git add -f`), the fixture would pass without testing anything.
  it('default-ignores ships the sockets it expects the scanner to skip', () => {
    const root = join(FIXTURES, 'default-ignores');
    for (const file of [
      'node_modules/@acme/realtime-sdk/index.js',
      'dist/assets/index-4f9c2a1b.js',
      'generated/deployEventsClient.ts',
      'public/vendor/live-widget.min.js',
    ]) {
      expect(existsSync(join(root, file)), file).toBe(true);
      expect(readFileSync(join(root, file), 'utf8'), file).toContain('new WebSocket(');
    }
    expect(readFileSync(join(root, '.gitignore'), 'utf8')).toMatch(/^generated\/$/m);
  });
});
