// `ask` meets what CI and users throw at it: broken answers files, closed stdin, no terminal.
// Every case ends with one line on stderr and the documented exit code, never a stack trace or a wait.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'rt-ask-robust-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const COMPLETE = {
  direction: 'bidirectional',
  clientToServerRatio: 1,
  latencyBudgetMs: 100,
  binary: false,
  serverless: false,
};

function ask(args: string[], stdin: 'ignore' | 'closed-pipe' = 'ignore') {
  const r = spawnSync(process.execPath, [`${REPO}bin/rt-advisor.js`, 'ask', ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 20_000,
    // a closed pipe is `echo -n | rt-advisor ask`; 'ignore' is </dev/null
    ...(stdin === 'closed-pipe' ? { input: '' } : { stdio: ['ignore', 'pipe', 'pipe'] as const }),
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: string | Buffer): string {
  writeFileSync(join(dir, name), content);
  return name;
}

function expectOneLine(r: ReturnType<typeof ask>, code: number, pattern: RegExp): void {
  expect(r.signal).toBeNull(); // not killed by the timeout: it did not wait for input
  expect(r.code).toBe(code);
  expect(r.stdout).toBe('');
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/^rt-advisor: /);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\bat .*:\d+:\d+/);
}

describe('ask: malformed answers files', () => {
  it.each([
    [
      'huge.json',
      '{ "latencyBudgetMs": 1e309 }',
      /latencyBudgetMs must be a number ≥ 0, got Infinity \(out of range\)/,
    ],
    ['minus-huge.json', '{ "clientToServerRatio": -1e400 }', /clientToServerRatio must be a number ≥ 0, got -Infinity/],
    ['nan-string.json', '{ "clientToServerRatio": "NaN" }', /clientToServerRatio must be a number ≥ 0, got "NaN"/],
    ['nan-bare.json', '{ "clientToServerRatio": NaN }', /is not valid JSON/],
    ['infinity-bare.json', '{ "latencyBudgetMs": Infinity }', /is not valid JSON/],
    ['proto.json', '{ "__proto__": { "direction": "bidirectional" } }', /unknown key __proto__/],
    [
      'nested.json',
      '{ "direction": { "value": "bidirectional" } }',
      /direction must be one of .*, got \{"value":"bidirectional"\}/,
    ],
    ['null-bool.json', '{ "binary": null }', /binary must be true or false, got null/],
    ['number-bool.json', '{ "serverless": 1 }', /serverless must be true or false, got 1/],
    ['empty.json', '', /is not valid JSON/],
    ['string.json', '"bidirectional"', /expected a JSON object of answers, got string/],
    ['trailing.json', '{ "binary": true } x', /is not valid JSON/],
    ['long-string.json', JSON.stringify({ direction: 'x'.repeat(5000) }), /got "x{40,}\.\.\.$/m],
  ])('%s → exit 2, one line', (name, content, pattern) => {
    expectOneLine(ask(['--answers', file(name, content)]), 2, pattern);
  });

  it('takes a file saved with a BOM', () => {
    const r = ask(['--answers', file('bom.json', `\uFEFF${JSON.stringify(COMPLETE)}`), '-f', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).recommendation).toBe('websocket');
  });

  it('a directory, a device, a FIFO, a file too large to be answers: one line, no wait', () => {
    mkdirSync(join(dir, 'answers-dir'), { recursive: true });
    expectOneLine(ask(['--answers', 'answers-dir']), 2, /cannot read answers file answers-dir: it is a directory/);
    expectOneLine(ask(['--answers', '/dev/zero']), 2, /cannot read answers file \/dev\/zero: not a regular file/);
    spawnSync('mkfifo', [join(dir, 'fifo')]);
    expectOneLine(ask(['--answers', 'fifo']), 2, /cannot read answers file fifo: not a regular file/);
    expectOneLine(ask(['--answers', file('big.json', `{"a":"${'x'.repeat(1100 * 1024)}"}`)]), 2, /larger than 1 MB/);
  });

  // root reads through permission bits, so chmod 000 proves nothing there (CI runs as root too)
  it.skipIf(process.getuid?.() === 0)(
    'an unreadable answers file (skipped as root: root ignores permission bits)',
    () => {
      const name = file('locked.json', JSON.stringify(COMPLETE));
      spawnSync('chmod', ['000', join(dir, name)]);
      expectOneLine(ask(['--answers', name]), 2, /cannot read answers file locked\.json: EACCES/);
    },
  );
});

describe('ask: no terminal', () => {
  it.each([['ignore'], ['closed-pipe']] as const)(
    'stdin %s: missing answers are one line and exit 2, never a wait',
    (stdin) => {
      expectOneLine(
        ask(['--direction', 'bidirectional'], stdin),
        2,
        /missing answers: --ratio \(clientToServerRatio\)/,
      );
    },
  );

  it.each([['ignore'], ['closed-pipe']] as const)('stdin %s: complete answers give a report, exit 0', (stdin) => {
    const r = ask(['--answers', file('ok.json', JSON.stringify(COMPLETE)), '-f', 'json'], stdin);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).recommendation).toBe('websocket');
  });

  it('huge and non-numeric flag values are one line, exit 2', () => {
    file('ok.json', JSON.stringify(COMPLETE));
    expectOneLine(
      ask(['--answers', 'ok.json', '--latency', '1e309']),
      2,
      /--latency must be a number ≥ 0, got "1e309"/,
    );
    expectOneLine(
      ask(['--answers', 'ok.json', '--ratio', 'Infinity']),
      2,
      /--ratio must be a number ≥ 0, got "Infinity"/,
    );
    expectOneLine(ask(['--answers', 'ok.json', '--ratio', '0x']), 2, /--ratio must be a number ≥ 0, got "0x"/);
  });
});

/** `script` (util-linux) runs the CLI in a real pseudo-terminal: raw mode, ISIG, EOF, all real. */
const HAS_SCRIPT = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

/** Runs `ask` in a pty; `steps` are [text to wait for, keys to type]; resolves with everything printed. */
function inTerminal(steps: Array<[RegExp, string]>, endInput = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'script',
      ['-qfc', `"${process.execPath}" "${REPO}bin/rt-advisor.js" ask; echo EXIT=$?`, '/dev/null'],
      {
        env: { PATH: process.env.PATH ?? '', TERM: 'xterm', NO_COLOR: '1', CI: '' },
      },
    );
    let out = '';
    let step = 0;
    const timer = setTimeout(
      () => (child.kill('SIGKILL'), reject(new Error(`no exit; got: ${out.slice(-300)}`))),
      30_000,
    );
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      while (step < steps.length && steps[step][0].test(out)) {
        child.stdin.write(steps[step][1]);
        step++;
        if (step === steps.length && endInput) child.stdin.end();
      }
    });
    child.on('close', () => (clearTimeout(timer), resolve(out)));
  });
}

describe.skipIf(!HAS_SCRIPT)('ask in a real terminal (skipped without util-linux `script`)', () => {
  it('Ctrl-C at the second question: one line, exit 130', async () => {
    const out = await inTerminal([
      [/Who sends/, '\r'],
      [/Client messages per server message/, '\x03'],
    ]);
    expect(out).toContain('rt-advisor: cancelled; no recommendation made');
    expect(out).toMatch(/EXIT=130/);
    expect(out).not.toMatch(/\bat .*:\d+:\d+/);
  });

  it('the terminal input ending (Ctrl-D) at a question: one line, exit 130, no hang', async () => {
    const out = await inTerminal([[/Who sends/, '\x04']], true);
    expect(out).toContain('rt-advisor: cancelled; no recommendation made');
    expect(out).toMatch(/EXIT=130/);
  });
});
