import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, REPO, tsMorphProbe } from '../helpers/cli.js';

const fixture = (name: string) => join(REPO, 'fixtures', name);

function hashTree(dir: string): string {
  const h = createHash('sha256');
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = statSync(p);
      h.update(`${p}:${st.mtimeMs}:${st.size}\n`);
      if (st.isDirectory()) walk(p);
      else h.update(readFileSync(p));
    }
  };
  walk(dir);
  return h.digest('hex');
}

describe('rt-advisor CLI', () => {
  it('--help and --version exit 0 and print to stdout', () => {
    const help = cli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('scan');
    expect(help.stdout).toContain('ask');
    const version = cli(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('--help and a scan of a socket-free tree never load ts-morph; a scan with sockets does', () => {
    const probe = tsMorphProbe();
    expect(cli(['scan', '--help'], { nodeArgs: ['--require', probe] }).stderr).not.toContain('LOADED');
    expect(cli(['rules', '--no-config'], { nodeArgs: ['--require', probe] }).stderr).not.toContain('LOADED');
    const empty = mkdtempSync(join(tmpdir(), 'rta-nosock-'));
    writeFileSync(join(empty, 'a.ts'), 'export const answer = 42;\n');
    const clean = cli(['scan', empty], { nodeArgs: ['--require', probe] });
    expect(clean.status).toBe(0);
    expect(clean.stderr).not.toContain('LOADED');
    expect(cli(['scan', fixture('price-feed-subscribe-ping')], { nodeArgs: ['--require', probe] }).stderr).toContain(
      'LOADED',
    );
  });

  it.each([
    [['--bogus'], /unknown option '--bogus'/],
    [['scan', '--format', 'xml'], /argument 'xml' is invalid/],
    [['scan', 'no/such/dir'], /path not found: no\/such\/dir/],
    [['scan', '--fail-on', 'sometimes'], /argument 'sometimes' is invalid/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ])('bad input %j: one line on stderr, exit 2, no stack trace', (args, message) => {
    const r = cli(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });

  it('exit code follows --fail-on', () => {
    const dir = fixture('price-feed-subscribe-ping');
    expect(cli(['scan', dir]).status).toBe(1);
    expect(cli(['scan', dir, '--fail-on', 'error']).status).toBe(0);
    expect(cli(['scan', dir, '--fail-on', 'none']).status).toBe(0);
    expect(cli(['scan', dir, '--fail-on', 'info']).status).toBe(1);
  });

  it('--quiet keeps errors only', () => {
    const r = cli(['scan', fixture('price-feed-subscribe-ping'), '--quiet', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).findings).toEqual([]);
  });

  it('--output-file writes the report (creating folders) and prints nothing', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'rta-out-')), 'reports', 'scan.sarif');
    const r = cli(['scan', fixture('price-feed-subscribe-ping'), '--format', 'sarif', '-o', out]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).version).toBe('2.1.0');
  });

  it('stylish output groups by file and has no colour without a TTY', () => {
    const r = cli(['scan', '.'], { cwd: fixture('price-feed-subscribe-ping') });
    // ws-no-reconnect (info) and ws-subscribe-only (warning) both point at the socket, in rule-id order
    expect(r.stdout).toMatch(
      /^src\/ticker\/priceFeed\.ts\n\s+17:14\s+info\s+WebSocket[^\n]+ws-no-reconnect\n\s+17:14\s+warning\s+WebSocket/,
    );
    expect(r.stdout).toContain('ws-subscribe-only');
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it('paths in reports are relative to the working directory', () => {
    const r = cli(['scan', 'fixtures/price-feed-subscribe-ping', '--format', 'json']);
    expect(JSON.parse(r.stdout).sockets[0].file).toBe('fixtures/price-feed-subscribe-ping/src/ticker/priceFeed.ts');
  });

  it('never writes into the scanned tree, in any format', () => {
    const dir = fixture('demo-app');
    const before = hashTree(dir);
    for (const format of ['stylish', 'json', 'sarif']) cli(['scan', '.', '--format', format], { cwd: dir });
    expect(hashTree(dir)).toBe(before);
  });
});

describe('--control-verb', () => {
  it("adds a team's own protocol verbs to the control vocabulary", () => {
    const dir = mkdtempSync(join(tmpdir(), 'rta-verbs-'));
    writeFileSync(
      join(dir, 'feed.ts'),
      "const ws = new WebSocket('wss://x');\nws.onopen = () => ws.send(JSON.stringify({ type: 'observe', path: '/orders' }));\nws.onmessage = (e) => console.log(e.data);\n",
    );
    expect(cli(['scan', dir]).status).toBe(0);
    const r = cli(['scan', dir, '--control-verb', 'observe', '--control-verb', 'unobserve', '--format', 'json']);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).sockets[0].verdict).toBe('control-only');
  });
});
