// --cache must never change a result: every fixture scanned without it, with it cold (it writes) and
// warm (it reads) gives the same report; an edited file is analysed afresh; the entry lives where documented
// (the user's cache folder, never the scanned tree). Planted and damaged entries: cache-trust.test.ts.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model.js';
import { RULES } from '../../rules/index.js';
import { scan } from '../../src/engine/scan.js';
import { cli, REPO } from '../helpers/cli.js';

const FIXTURES = join(REPO, 'fixtures');
const CASES = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(FIXTURES, d.name, 'expected.json')))
  .map((d) => d.name)
  .sort();
const tmp = mkdtempSync(join(tmpdir(), 'rta-cache-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The report without its timing, the one field allowed to differ. */
function comparable(report: Report): unknown {
  return { ...report, stats: { ...report.stats, durationMs: 0 } };
}

/** The user's cache folder for CLI runs: never the real ~/.cache of whoever runs the tests. */
const XDG = join(tmp, 'xdg');
const secret = randomBytes(32);
const input = (cwd: string) => ({ paths: ['.'], cwd, ignore: [], defaultIgnores: true, gitignore: true });

describe('scan --cache', () => {
  it.each(CASES)('%s: same report without the cache, with it cold and with it warm', async (name) => {
    const cwd = join(FIXTURES, name);
    const cacheDir = join(tmp, `fixture-${name}`);
    const cache = { dir: cacheDir, secret };
    const plain = comparable(await scan(input(cwd), RULES));
    expect(comparable(await scan(input(cwd), RULES, { cache }))).toEqual(plain);
    expect(readdirSync(cacheDir)).toHaveLength(1);
    expect(comparable(await scan(input(cwd), RULES, { cache }))).toEqual(plain);
  });

  it('a warm run answers from the cache without loading ts-morph, and an edit is analysed afresh', () => {
    const tree = join(tmp, 'edited');
    cpSync(join(FIXTURES, 'price-feed-subscribe-ping'), tree, { recursive: true });
    const cacheDir = join(tmp, 'edited-cache');
    const probe = join(tmp, 'probe.cjs');
    writeFileSync(
      probe,
      `const M = require('module'); const load = M._load;
       M._load = function (req, ...rest) { if (/ts-morph/.test(req)) process.stderr.write('LOADED ' + req + '\\n'); return load.call(this, req, ...rest); };`,
    );
    const run = () =>
      cli(['scan', '.', '--format', 'json', '--cache', '--cache-location', cacheDir], {
        cwd: tree,
        nodeArgs: ['--require', probe],
        env: { XDG_CACHE_HOME: XDG },
      });
    const cold = run();
    expect(cold.stderr).toContain('LOADED');
    const warm = run();
    expect(warm.stderr).not.toContain('LOADED');
    expect(comparable(JSON.parse(warm.stdout))).toEqual(comparable(JSON.parse(cold.stdout)));

    // the socket now sends data too: no longer control-only
    const feed = join(tree, 'src/ticker/priceFeed.ts');
    const text = readFileSync(feed, 'utf8');
    const ping = "heartbeat = setInterval(() => ws.send('ping'), HEARTBEAT_MS);";
    expect(text).toContain(ping);
    writeFileSync(feed, text.replace(ping, `${ping} ws.send(JSON.stringify({ type: 'order', qty: 1 }));`));
    const edited = run();
    expect(edited.stderr).toContain('LOADED');
    const fresh = cli(['scan', '.', '--format', 'json'], { cwd: tree });
    expect(comparable(JSON.parse(edited.stdout))).toEqual(comparable(JSON.parse(fresh.stdout)));
    expect(edited.stdout).not.toEqual(cold.stdout);
  });

  it("keeps its entry in the user's cache folder ($XDG_CACHE_HOME/rt-advisor), private, and nothing in the tree", () => {
    const tree = join(tmp, 'default-location');
    cpSync(join(FIXTURES, 'socketio-chat-messages'), tree, { recursive: true });
    const xdg = join(tmp, 'xdg-default');
    const before = readdirSync(tree, { recursive: true }).map(String).sort();
    const r = cli(['scan', 'src', '--format', 'json', '--cache'], { cwd: tree, env: { XDG_CACHE_HOME: xdg } });
    expect(r.status).not.toBe(2);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).sockets.length).toBeGreaterThan(0);
    expect(readdirSync(tree, { recursive: true }).map(String).sort()).toEqual(before);
    const home = join(xdg, 'rt-advisor');
    expect(readdirSync(home).sort()).toEqual(['key', 'results']);
    expect(statSync(home).mode & 0o077).toBe(0);
    expect(statSync(join(home, 'key')).mode & 0o077).toBe(0);
    expect(readdirSync(join(home, 'results'))).toHaveLength(1);
    // without XDG_CACHE_HOME: ~/.cache/rt-advisor
    const home2 = join(tmp, 'home');
    cli(['scan', 'src', '--format', 'json', '--cache'], { cwd: tree, env: { HOME: home2 } });
    expect(readdirSync(join(home2, '.cache', 'rt-advisor', 'results'))).toHaveLength(1);
    // the folder a CI cache step keeps, as the README says (it survives `npm ci`: outside node_modules)
    expect(readFileSync(join(REPO, 'README.md'), 'utf8')).toContain('path: ~/.cache/rt-advisor');
    // without --cache nothing is written
    rmSync(xdg, { recursive: true });
    cli(['scan', 'src', '--format', 'json'], { cwd: tree, env: { XDG_CACHE_HOME: xdg } });
    expect(existsSync(xdg)).toBe(false);
    expect(readdirSync(tree, { recursive: true }).map(String).sort()).toEqual(before);
  });
});
