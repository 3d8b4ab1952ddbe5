// Issue 16 item 11 and issue 15 "Numbers": `ask` takes plain decimal notation only, and a latency
// of at least 1 ms. Hex, binary, exponents, padding and signs used to be read by Number().
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';

const REST = ['ask', '--direction', 'server-to-client', '--no-binary', '--no-serverless', '-f', 'json'];

function ask(ratio: string, latency: string) {
  return cli([...REST, '--ratio', ratio, '--latency', latency]);
}

describe('ask: numbers on the command line', () => {
  it.each([
    ['--ratio', '0x10'],
    ['--ratio', ' 5'],
    ['--ratio', '5 '],
    ['--ratio', '1e3'],
    ['--ratio', '+1'],
    ['--ratio', '-0'],
    ['--ratio', '.'],
    ['--latency', '0b11'],
    ['--latency', '0o7'],
    ['--latency', '-1e-400'],
    ['--latency', '1_000'],
    ['--latency', 'Infinity'],
  ])('%s %j is refused: one line, exit 2', (flag, value) => {
    const r = flag === '--ratio' ? ask(value, '300') : ask('0', value);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`${flag} must be a plain decimal number`);
  });

  it.each(['0', '0.5', '0.01'])('--latency %s is refused: a budget is at least 1 ms', (value) => {
    const r = ask('0', value);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--latency must be at least 1 \(ms\)/);
  });

  it.each([
    ['0', '1', 0, 1],
    ['0.25', '300', 0.25, 300],
    ['10', '1.5', 10, 1.5],
    ['007', '0300', 7, 300],
    ['.5', '20', 0.5, 20],
  ])('--ratio %s --latency %s reads %d and %d', (ratio, latency, r, l) => {
    const out = ask(ratio, latency);
    expect(out.status).toBe(0);
    const rec = JSON.parse(out.stdout);
    expect(rec.answers.clientToServerRatio).toBe(r);
    expect(rec.answers.latencyBudgetMs).toBe(l);
  });
});

describe('ask: numbers in an answers file', () => {
  it('refuses a latency under 1 ms and a negative zero', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rt-ask-num-'));
    const file = (name: string, body: object | string) => {
      writeFileSync(join(dir, name), typeof body === 'string' ? body : JSON.stringify(body));
      return join(dir, name);
    };
    const zero = cli([
      'ask',
      '--answers',
      file('zero.json', {
        direction: 'server-to-client',
        clientToServerRatio: 0,
        latencyBudgetMs: 0,
        binary: false,
        serverless: false,
      }),
    ]);
    expect(zero.status).toBe(2);
    expect(zero.stderr).toMatch(/latencyBudgetMs must be at least 1/);
    const negZero = cli([
      'ask',
      '--answers',
      file(
        'negzero.json',
        '{"direction":"server-to-client","clientToServerRatio":-1e-400,"latencyBudgetMs":5,"binary":false,"serverless":false}',
      ),
    ]);
    expect(negZero.status).toBe(2);
    expect(negZero.stderr).toMatch(/clientToServerRatio must be a number ≥ 0, got -0/);
  });
});
