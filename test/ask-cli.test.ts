// The built CLI with stdin closed and stdout piped, as in CI: it must never wait for input.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TRANSPORT_IDS } from '../src/advisor/transports.js';

const BIN = 'bin/rt-advisor.js';
const FULL = ['--direction', 'server-to-client', '--ratio', '0.01', '--latency', '300', '--no-binary', '--serverless'];
let dir: string;

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [BIN, 'ask', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: 20_000,
    env: { ...process.env, CI: '', NO_COLOR: '', FORCE_COLOR: '', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
function answersFile(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
/** One line on stderr, prefixed, no stack trace, nothing on stdout. */
function expectUsageError(r: ReturnType<typeof cli>, pattern: RegExp) {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/^(rt-advisor: |error: )/);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

beforeAll(() => {
  if (!existsSync('dist/bundle/main.js')) throw new Error('build first: npm run build');
  dir = mkdtempSync(join(tmpdir(), 'rt-ask-'));
});

describe('ask without a terminal: missing answers', () => {
  it('names every missing answer and exits 2 instead of waiting', () => {
    expectUsageError(
      cli([]),
      /missing answers: --direction \(direction\), --ratio \(clientToServerRatio\), --latency \(latencyBudgetMs\), --binary \(binary\), --serverless \(serverless\)/,
    );
  });

  it('names only what the flags left out', () => {
    const r = cli(['--direction', 'bidirectional', '--ratio', '1', '--binary']);
    expectUsageError(r, /missing answers: --latency \(latencyBudgetMs\), --serverless \(serverless\);/);
    expect(r.stderr).not.toContain('--direction');
  });

  it('does not ask for a ratio between peers', () => {
    const r = cli([
      '--direction',
      'peer-to-peer',
      '--latency',
      '150',
      '--binary',
      '--no-serverless',
      '--peer-to-peer-media',
      '-f',
      'json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).recommendation).toBe('webrtc');
  });

  it('treats CI=true like a missing terminal, and says --no-interactive when that was the reason', () => {
    expectUsageError(cli(['--direction', 'bidirectional'], { CI: 'true' }), /no terminal to ask in/);
    expectUsageError(cli(['--no-interactive']), /not asked: --no-interactive/);
  });
});

describe('ask without a terminal: invalid input', () => {
  it.each([
    [['--direction', 'sideways'], /direction.*sideways.*(server-to-client|Allowed choices)/],
    [['--latency', '-5'], /--latency must be a number ≥ 0, got "-5"/],
    [['--latency', 'abc'], /--latency must be a number ≥ 0, got "abc"/],
    [['--ratio', 'NaN'], /--ratio must be a number ≥ 0, got "NaN"/],
    [['--ratio', ''], /--ratio must be a number ≥ 0/],
    [['--format', 'yaml'], /yaml/],
  ])('%j → exit 2', (args, pattern) => {
    expectUsageError(cli([...FULL, ...args]), pattern);
  });

  it.each([
    ['malformed.json', '{ "direction": ', /answers file .*malformed\.json is not valid JSON/],
    ['array.json', '[1, 2]', /expected a JSON object of answers, got an array/],
    ['number.json', '42', /expected a JSON object of answers, got number/],
    ['null.json', 'null', /expected a JSON object of answers, got null/],
    ['string-ratio.json', '{ "clientToServerRatio": "0.5" }', /clientToServerRatio must be a number ≥ 0, got "0.5"/],
    ['bool-as-string.json', '{ "binary": "yes" }', /binary must be true or false, got "yes"/],
    [
      'bad-direction.json',
      '{ "direction": "up" }',
      /direction must be one of server-to-client, client-to-server, bidirectional, peer-to-peer, got "up"/,
    ],
    [
      'unknown.json',
      '{ "direction": "bidirectional", "latency": 5, "ratio": 1 }',
      /unknown keys latency, ratio \(known: direction, clientToServerRatio/,
    ],
  ])('answers file %s → exit 2, one line', (name, content, pattern) => {
    expectUsageError(cli(['--answers', answersFile(name, content)]), pattern);
  });

  it('reports an answers file that does not exist', () => {
    expectUsageError(cli(['--answers', join(dir, 'nope.json')]), /cannot read answers file .*nope\.json: ENOENT/);
  });
});

describe('ask without a terminal: complete answers', () => {
  it('prints valid JSON with all five transports ranked best first', () => {
    const r = cli([...FULL, '-f', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const rec = JSON.parse(r.stdout);
    expect(rec.recommendation).toBe('sse');
    expect(rec.ranking.map((t: { transport: string }) => t.transport).sort()).toEqual([...TRANSPORT_IDS].sort());
    expect(rec.ranking[0].transport).toBe('sse');
    expect(rec.answers).toEqual({
      direction: 'server-to-client',
      clientToServerRatio: 0.01,
      latencyBudgetMs: 300,
      binary: false,
      serverless: true,
      peerToPeerMedia: false,
      streamingBlockedByProxy: false,
      http1Only: false,
      existingWebSocketInfra: false,
      highThroughput: false,
    });
    expect(rec.checklist[0]).toEqual({ id: 'SSE-1', text: expect.any(String) });
    for (const t of rec.ranking) for (const reason of t.reasons) expect(reason.rule).toMatch(/^R\d+$/);
  });

  it('takes an answers file, with flags overriding it', () => {
    const file = answersFile(
      'chat.json',
      JSON.stringify({
        direction: 'bidirectional',
        clientToServerRatio: 0.8,
        latencyBudgetMs: 200,
        binary: false,
        serverless: false,
      }),
    );
    expect(JSON.parse(cli(['--answers', file, '-f', 'json']).stdout).recommendation).toBe('websocket');
    const overridden = JSON.parse(cli(['--answers', file, '--ratio', '0', '-f', 'json']).stdout);
    expect(overridden.answers.clientToServerRatio).toBe(0);
    expect(overridden.recommendation).toBe('sse');
  });

  it('writes a markdown decision record to --output-file', () => {
    const target = join(dir, 'adr', 'transport.md');
    const r = cli([...FULL, '-f', 'markdown', '-o', target]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const md = readFileSync(target, 'utf8');
    for (const heading of [
      '# ADR: real-time transport: Server-Sent Events (`sse`)',
      '## Context',
      '## Decision',
      '## Alternatives considered',
      '## Review checklist',
    ]) {
      expect(md).toContain(heading);
    }
    expect(md).toMatch(/^- \[ \] \*\*SSE-1\*\* /m);
  });

  it('prints plain text when stdout is a pipe, even with FORCE_COLOR unset', () => {
    const r = cli(FULL);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Recommendation: Server-Sent Events (sse)');
    expect(r.stdout).not.toMatch(/\x1b\[/);
  });

  it('never loads Inquirer or the scanner for --help or a non-interactive ask', () => {
    for (const args of [['--help'], FULL]) {
      const r = spawnSync(process.execPath, [BIN, 'ask', ...args], {
        stdio: ['ignore', 'pipe', 'pipe'],
        encoding: 'utf8',
        env: { ...process.env, NODE_DEBUG: 'esm' },
      });
      expect(r.stderr).toContain('dist/bundle/main.js'); // the probe does see module loads
      expect(r.stderr).not.toContain('node_modules/@inquirer/');
      expect(r.stderr).not.toContain('node_modules/ts-morph/');
    }
  });
});
