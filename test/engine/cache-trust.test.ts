// Issue 16 case 1: a `--cache` result never comes from an entry the scanned repository could have
// written. Entries carry an HMAC under a key kept in the user's private cache folder; a planted entry
// (the old format, or signed with another key) is a miss, a damaged one is a miss and never an internal
// error, and no write goes through a symlink the repository holds.
import { createHmac, randomBytes } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model.js';
import { RULES } from '../../rules/index.js';
import { scan } from '../../src/engine/scan.js';
import { cli, REPO } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'rta-trust-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const FIXTURE = join(REPO, 'fixtures', 'price-feed-subscribe-ping');
const PLANTED = join('node_modules', '.cache', 'rt-advisor');

let count = 0;
function tree(): string {
  const dir = join(tmp, `tree-${count++}`);
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

const run = (cwd: string, xdg: string, args: string[] = []) =>
  cli(['scan', '.', '--cache', ...args], { cwd, env: { XDG_CACHE_HOME: xdg } });

/** The one entry in `dir`: its HMAC line and its body. */
function entryIn(dir: string): { file: string; mac: string; body: { key: string; result: Report } } {
  const [name] = readdirSync(dir).filter((n) => n.endsWith('.json'));
  const file = join(dir, name);
  const text = readFileSync(file, 'utf8');
  const nl = text.indexOf('\n');
  return { file, mac: text.slice(0, nl), body: JSON.parse(text.slice(nl + 1)) as { key: string; result: Report } };
}

const sign = (secret: Buffer, body: string) => `${createHmac('sha256', secret).update(body).digest('hex')}\n${body}`;

const comparable = (report: Report) => ({ ...report, stats: { ...report.stats, durationMs: 0 } });

describe('--cache entries a repository could write', () => {
  it('an entry shipped in node_modules/.cache/rt-advisor with findings: [] does not turn findings into "No problems"', () => {
    const dir = tree();
    const xdg = join(tmp, 'xdg-a');
    // the attacker recomputes the entry (its key is a hash of public inputs): here, from a genuine one
    expect(run(dir, xdg, ['--cache-location', PLANTED]).status).toBe(1);
    const genuine = entryIn(join(dir, PLANTED));
    const emptied = JSON.stringify({ key: genuine.body.key, result: { ...genuine.body.result, findings: [] } });
    // the format the tool trusted before (no HMAC), at the default location it used before
    writeFileSync(genuine.file, emptied);
    for (const args of [[], ['--cache-location', PLANTED]]) {
      const r = run(dir, xdg, args);
      expect(r.stdout).not.toMatch(/No problems/);
      expect(r.status).toBe(1);
    }
    // signed, but with a key of the attacker's own
    writeFileSync(genuine.file, sign(randomBytes(32), emptied));
    const r = run(dir, xdg, ['--cache-location', PLANTED]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/ws-subscribe-only/);
    // another user's key (another XDG folder) does not check out either
    const other = run(dir, join(tmp, 'xdg-other'), ['--cache-location', PLANTED]);
    expect(other.status).toBe(1);
  });

  it('an entry that passes its HMAC but is malformed (findings: [null], severity "bogus") is a miss: a fresh analysis', async () => {
    const cwd = tree();
    const input = { paths: ['.'], cwd, ignore: [], defaultIgnores: true, gitignore: true };
    const secret = randomBytes(32);
    const cache = { dir: join(tmp, 'signed-malformed'), secret };
    const plain = comparable(await scan(input, RULES));
    expect(comparable(await scan(input, RULES, { cache }))).toEqual(plain);
    const { file, body } = entryIn(cache.dir);
    const bad = [
      { ...body.result, findings: [null] },
      { ...body.result, findings: body.result.findings.map((f) => ({ ...f, severity: 'bogus' })) },
      { ...body.result, sockets: 'none' },
      { ...body.result, notes: [{ file: 1 }] },
      null,
    ];
    for (const result of bad) {
      writeFileSync(file, sign(secret, JSON.stringify({ key: body.key, result })));
      const report = await scan(input, RULES, { cache });
      expect(comparable(report)).toEqual(plain);
      expect(report.notes.filter((n) => n.kind === 'analyzer-error')).toEqual([]);
    }
    // not JSON at all, or truncated
    for (const text of ['garbage', sign(secret, '{"key":'), '']) {
      writeFileSync(file, text);
      expect(comparable(await scan(input, RULES, { cache }))).toEqual(plain);
    }
  });

  it('a symlinked cache folder or entry is neither read nor written through', () => {
    const dir = tree();
    const xdg = join(tmp, 'xdg-links');
    const outside = join(tmp, 'outside-cache');
    mkdirSync(outside);
    symlinkSync(outside, join(dir, 'linked-cache'));
    const r = run(dir, xdg, ['--cache-location', 'linked-cache']);
    expect(r.status).toBe(1);
    expect(readdirSync(outside)).toEqual([]);
    // a folder on the way to --cache-location
    expect(run(dir, xdg, ['--cache-location', 'linked-cache/deeper']).status).toBe(1);
    expect(readdirSync(outside)).toEqual([]);

    // an entry name that is a symlink to a file outside: replaced, never written through
    expect(run(dir, xdg, ['--cache-location', 'real-cache']).status).toBe(1);
    const { file } = entryIn(join(dir, 'real-cache'));
    const victim = join(tmp, 'victim.txt');
    writeFileSync(victim, 'precious');
    rmSync(file);
    symlinkSync(victim, file);
    expect(run(dir, xdg, ['--cache-location', 'real-cache']).status).toBe(1);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(lstatSync(file).isSymbolicLink()).toBe(false);
  });

  it('a cache folder others can write to, or a symlink, is not used: one line on stderr, the scan is right', () => {
    const dir = tree();
    const xdg = join(tmp, 'xdg-shared');
    mkdirSync(join(xdg, 'rt-advisor'), { recursive: true });
    chmodSync(join(xdg, 'rt-advisor'), 0o777);
    const r = run(dir, xdg);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /^rt-advisor: --cache is off: .*rt-advisor is not a private folder \(others can write to it\)\n$/,
    );
    expect(readdirSync(join(xdg, 'rt-advisor'))).toEqual([]);

    const xdgLink = join(tmp, 'xdg-link');
    mkdirSync(xdgLink);
    const elsewhere = join(tmp, 'elsewhere');
    mkdirSync(elsewhere, { mode: 0o700 });
    symlinkSync(elsewhere, join(xdgLink, 'rt-advisor'));
    const l = run(dir, xdgLink);
    expect(l.status).toBe(1);
    expect(l.stderr).toMatch(/not a private folder \(it is a symlink\)/);
    expect(existsSync(join(elsewhere, 'key'))).toBe(false);
  });
});
