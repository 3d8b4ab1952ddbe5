// What a user on Node 20, 22 or 24 sees: nothing on stderr after a clean run. V8 rejects a flag it does
// not know with a line on stderr (Node 22 printed `unrecognized flag --interrupt-budget` on every scan),
// so this runs on each of them: .ci/run sets RT_NODE to Node 22's and 24's binaries.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, NODE } from '../helpers/cli.js';

const version = spawnSync(NODE, ['--version'], { encoding: 'utf8' }).stdout.trim();
const tmp = mkdtempSync(join(tmpdir(), 'rta-runtime-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
// a private compile cache: its first run compiles and writes, the second reads
const env = { RT_ADVISOR_COMPILE_CACHE: join(tmp, 'compile-cache') };

describe(`on Node ${version}`, () => {
  it('a scan that parses sockets prints its findings and nothing on stderr, cold and warm', () => {
    for (const run of ['cold', 'warm']) {
      for (const format of ['stylish', 'json', 'sarif']) {
        const r = cli(['scan', 'fixtures/price-feed-subscribe-ping', '--format', format], { env });
        expect({ run, format, status: r.status, stderr: r.stderr }).toEqual({ run, format, status: 1, stderr: '' });
        expect(r.stdout).toContain('ws-subscribe-only');
      }
    }
  });

  it('a scan with no finding exits 0 with nothing on stderr', () => {
    const dir = join(tmp, 'clean');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'chat.ts'),
      "const ws = new WebSocket('wss://example.test/chat');\n" +
        "export function say(text: string) { ws.send(JSON.stringify({ type: 'message', text })); }\n" +
        "ws.addEventListener('close', () => setTimeout(() => location.reload(), 1000));\n",
    );
    const r = cli(['scan', dir], { env });
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
  });

  it('--help, --version, rules and ask --preset print nothing on stderr', () => {
    for (const args of [['--help'], ['--version'], ['rules'], ['ask', '--preset', 'ticker', '--format', 'json']]) {
      const r = cli(args, { env });
      expect({ args, status: r.status, stderr: r.stderr }).toEqual({ args, status: 0, stderr: '' });
    }
  });
});
