// The answers file and the outputs of `ask`, through the built CLI without a terminal: `$schema`,
// did-you-mean, syntax errors by line and column, `--answers -`, `-o` by extension,
// `--save-answers`, presets.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'rt-ask-file-'));

function ask(args: string[], stdin?: string) {
  const r = spawnSync(process.execPath, [`${REPO}bin/rt-advisor.js`, 'ask', ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 20_000,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', CI: 'true' },
    ...(stdin === undefined ? { stdio: ['ignore', 'pipe', 'pipe'] as const } : { input: stdin }),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
function file(name: string, content: string): string {
  writeFileSync(join(dir, name), content);
  return name;
}
function oneLine(r: ReturnType<typeof ask>, pattern: RegExp) {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
}
const CHAT = {
  direction: 'bidirectional',
  clientToServerRatio: 0.8,
  latencyBudgetMs: 200,
  binary: false,
  serverless: false,
};

describe('answers file', () => {
  it('accepts $schema', () => {
    const r = ask([
      '--answers',
      file(
        'with-schema.json',
        JSON.stringify({ $schema: './node_modules/rt-advisor/schema/ask-answers.schema.json', ...CHAT }),
      ),
      '-f',
      'json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).recommendation).toBe('websocket');
  });

  it('suggests the key a misspelling meant', () => {
    oneLine(
      ask([
        '--answers',
        file('typo.json', JSON.stringify({ ...CHAT, latencyBudgetMs: undefined, latencyBudget: 200 })),
      ]),
      /unknown key latencyBudget \(did you mean latencyBudgetMs\?\)/,
    );
  });

  it('gives the line and column of a syntax error', () => {
    oneLine(
      ask(['--answers', file('broken.json', '{\n  "direction": "bidirectional",\n  "binary": tru\n}\n')]),
      /answers file broken\.json is not valid JSON: line 3, column 13: /,
    );
  });

  it('reads `--answers -` from stdin, and does not wait when stdin has nothing', () => {
    const r = ask(['--answers', '-', '-f', 'json'], JSON.stringify(CHAT));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).answers).toEqual(CHAT);
    oneLine(
      ask(['--answers', '-'], ''),
      /answers on stdin is not valid JSON: line 1, column 1: unexpected end of input/,
    );
  });

  it('refuses serverless and a platform that contradict each other', () => {
    oneLine(
      ask(['--answers', file('chat.json', JSON.stringify(CHAT)), '--platform', 'vercel', '--no-serverless']),
      /serverless: false contradicts platform: vercel/,
    );
    // a flag naming the platform overrides the file's serverless
    expect(
      JSON.parse(ask(['--answers', 'chat.json', '--platform', 'cloudflare', '-f', 'json']).stdout).answers,
    ).toMatchObject({ platform: 'cloudflare' });
  });
});

describe('outputs', () => {
  it('-o infers the format from the extension; --format wins', () => {
    const chat = file('chat2.json', JSON.stringify(CHAT));
    expect(ask(['--answers', chat, '-o', 'out.json']).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')).schemaVersion).toBe(1);
    expect(ask(['--answers', chat, '-o', 'adr.md']).code).toBe(0);
    expect(readFileSync(join(dir, 'adr.md'), 'utf8')).toMatch(/^# Real-time transport: WebSocket\n/);
    expect(ask(['--answers', chat, '-o', 'plain.md', '-f', 'text']).code).toBe(0);
    expect(readFileSync(join(dir, 'plain.md'), 'utf8')).toMatch(/^Recommendation: WebSocket/);
  });

  it('--save-answers writes an answers file with $schema that gives the same recommendation back', () => {
    const r = ask(['--preset', 'llm-stream', '--platform', 'vercel', '--save-answers', 'saved/llm.json', '-f', 'json']);
    expect(r.code).toBe(0);
    const saved = JSON.parse(readFileSync(join(dir, 'saved/llm.json'), 'utf8'));
    expect(saved.$schema).toBe('./node_modules/rt-advisor/schema/ask-answers.schema.json');
    expect(saved).toMatchObject({ direction: 'server-to-client', streamScope: 'per-request', platform: 'vercel' });
    const again = ask(['--answers', 'saved/llm.json', '-f', 'json']);
    expect(JSON.parse(again.stdout)).toEqual(JSON.parse(r.stdout));
    expect(r.stderr).toBe(''); // no equivalent command: nothing was asked
  });
});

describe('presets', () => {
  it.each([
    ['llm-stream', 'sse'],
    ['chat', 'websocket'],
    ['ticker', 'sse'],
    ['game', 'websocket'],
    ['notifications', 'sse'],
    ['collab-editing', 'websocket'],
    ['telemetry', 'batched-post'],
    ['video-call', 'webrtc'],
  ])('--preset %s → %s, with nothing else to answer', (preset, pick) => {
    const r = ask(['--preset', preset, '-f', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).recommendation).toBe(pick);
  });

  it('flags override a preset', () => {
    expect(JSON.parse(ask(['--preset', 'chat', '--ratio', '0.05', '-f', 'json']).stdout).recommendation).toBe('sse');
    oneLine(ask(['--preset', 'chess']), /preset.*chess.*(Allowed choices|llm-stream)/);
  });
});
