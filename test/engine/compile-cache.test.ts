// The compile cache holds ts-morph's compiled code, in a private folder, and never changes a result.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, NODE } from '../helpers/cli.js';

// Node ≥ 22.8 has its own compile cache (module.enableCompileCache), which the CLI uses: one folder per
// Node version inside ours. On Node 20 the CLI writes `<hash>.bin` files itself.
const builtin =
  spawnSync(NODE, ['-p', "typeof require('node:module').enableCompileCache"], { encoding: 'utf8' }).stdout.trim() ===
  'function';
/** every file under dir, relative */
const files = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();

const tmp = mkdtempSync(join(tmpdir(), 'rta-cc-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const FIXTURE = 'fixtures/price-feed-subscribe-ping';
const run = (cache: string) => cli(['scan', FIXTURE, '--format', 'json'], { env: { RT_ADVISOR_COMPILE_CACHE: cache } });
const comparable = (stdout: string) => ({
  ...JSON.parse(stdout),
  stats: { ...JSON.parse(stdout).stats, durationMs: 0 },
});

describe('the compile cache', () => {
  it('is written once into a private folder, then read; the report is the same either way', () => {
    const dir = join(tmp, 'cache');
    const off = run('0');
    const cold = run(dir);
    const entries = files(dir);
    expect(entries.length).toBeGreaterThan(1);
    if (builtin) expect(readdirSync(dir)).toEqual([expect.stringMatching(/^v\d+\.\d+\.\d+-/)]);
    else expect(entries.every((e) => e.endsWith('.bin'))).toBe(true);
    expect(statSync(dir).mode & 0o077).toBe(0);
    const written = entries.map((e) => statSync(join(dir, e)).mtimeMs);
    const warm = run(dir);
    // a warm run takes every entry as it is and rewrites none
    expect(files(dir)).toEqual(entries);
    expect(entries.map((e) => statSync(join(dir, e)).mtimeMs)).toEqual(written);
    expect(comparable(cold.stdout)).toEqual(comparable(off.stdout));
    expect(comparable(warm.stdout)).toEqual(comparable(off.stdout));
  });

  it('is not used from a folder others can write to', () => {
    const dir = join(tmp, 'shared');
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    const r = run(dir);
    expect(r.status).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('is not used through a symlink (issue 16 case 8), even one to a private folder of the same user', () => {
    // another user's symlink named like the default folder could later be pointed at their own folder
    const target = join(tmp, 'link-target');
    mkdirSync(target, { mode: 0o700 });
    const link = join(tmp, 'link');
    symlinkSync(target, link);
    const r = run(link);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    expect(readdirSync(target)).toEqual([]);
  });

  it('is off with RT_ADVISOR_COMPILE_CACHE=0', () => {
    const before = readdirSync(tmp).sort();
    expect(run('0').status).toBe(1);
    expect(readdirSync(tmp).sort()).toEqual(before);
  });
});
