// Issue 16 case 9, through the CLI: `-o` and `--write-baseline` are written atomically. A write that
// fails midway (EFBIG under `ulimit -f`, as on a full disk) used to leave the old file truncated; now
// it stays as it was and no temporary file is left. A symlinked folder is not written through, and
// `--write-baseline F -o F` is refused before scanning (the report used to overwrite the baseline).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, cli, REPO } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'rta-writes-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const FIXTURE = join(REPO, 'fixtures', 'demo-app');

function expectOneLine(r: { status: number | null; stderr: string }, pattern: RegExp): void {
  expect(r.status).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
}

describe('writes of -o and --write-baseline', () => {
  it('--write-baseline F -o F (the same file by any name) is one line and exit 2, before anything is written', () => {
    const dir = join(tmp, 'same');
    mkdirSync(dir);
    for (const [baseline, output] of [
      ['b.json', 'b.json'],
      ['./b.json', 'sub/../b.json'],
      ['b.json', join(dir, 'b.json')],
    ]) {
      const r = cli(['scan', FIXTURE, '--write-baseline', baseline, '-o', output], { cwd: dir });
      expectOneLine(r, /--write-baseline and -o name the same file/);
      expect(readdirSync(dir)).toEqual([]);
    }
    writeFileSync(join(dir, 'b.json'), 'old');
    symlinkSync('b.json', join(dir, 'alias.json'));
    expectOneLine(
      cli(['scan', FIXTURE, '--write-baseline', 'b.json', '-o', 'alias.json'], { cwd: dir }),
      /the same file/,
    );
    expect(readFileSync(join(dir, 'b.json'), 'utf8')).toBe('old');
  });

  it('a write that fails midway (EFBIG) leaves the old report and baseline intact, and no temporary file', () => {
    const dir = join(tmp, 'efbig');
    mkdirSync(dir);
    const old = `${'x'.repeat(3000)}\n`;
    writeFileSync(join(dir, 'report.json'), old);
    writeFileSync(join(dir, 'baseline.json'), old);
    for (const args of [
      ['-o', 'report.json'],
      ['--write-baseline', 'baseline.json', '-o', 'other.json'],
    ]) {
      // a file size limit of 1 kB: the report (several kB) cannot be written
      const r = spawnSync(
        'sh',
        ['-c', 'ulimit -f 2 && exec "$0" "$@"', process.execPath, BIN, 'scan', FIXTURE, '--format', 'json', ...args],
        {
          cwd: dir,
          encoding: 'utf8',
          env: { PATH: process.env.PATH ?? '', RT_ADVISOR_COMPILE_CACHE: '0' },
        },
      );
      expectOneLine(r, /cannot write (report|baseline)\.json: EFBIG/);
    }
    expect(readFileSync(join(dir, 'report.json'), 'utf8')).toBe(old);
    expect(readFileSync(join(dir, 'baseline.json'), 'utf8')).toBe(old);
    expect(readdirSync(dir).sort()).toEqual(['baseline.json', 'report.json']);
  });

  it('-o into a symlinked folder, or onto a folder, is one line and exit 2; nothing is written outside', () => {
    const dir = join(tmp, 'links');
    const outside = join(tmp, 'outside');
    mkdirSync(dir);
    mkdirSync(outside);
    symlinkSync(outside, join(dir, 'out'));
    expectOneLine(cli(['scan', FIXTURE, '-o', 'out/report.json'], { cwd: dir }), /cannot write out\/report\.json: /);
    expectOneLine(cli(['scan', FIXTURE, '--write-baseline', 'out/b.json'], { cwd: dir }), /cannot write out\/b\.json/);
    expect(readdirSync(outside)).toEqual([]);
    mkdirSync(join(dir, 'folder'));
    expectOneLine(cli(['scan', FIXTURE, '-o', 'folder'], { cwd: dir }), /cannot write folder: /);
    expect(readdirSync(join(dir, 'folder'))).toEqual([]);
  });
});
