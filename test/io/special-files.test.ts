// Issue 16 case 3: a FIFO or a symlink to /dev/zero where the scan reads an ignore file, a config or a
// baseline. Before, a FIFO hung the scan forever and a config symlinked to /dev/zero ran for over 60 s
// and grew past 3.5 GB. Now each is refused at once: a note for an ignore file found in the tree (the
// scan goes on without it), one line and exit 2 for a config or a baseline. Each run is a child
// process with a timeout, so a regression fails here instead of hanging the suite.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model.js';
import { readRegularFileSync, readRegularFile } from '../../src/io/read-regular-file.js';
import { BIN, REPO } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'rta-special-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const canFifo = process.platform !== 'win32';

let trees = 0;
/** A copy of a fixture with findings (exit 1), as a git work tree. */
function tree(): string {
  const dir = join(tmp, `tree-${trees++}`);
  cpSync(join(REPO, 'fixtures', 'price-feed-subscribe-ping'), dir, { recursive: true });
  mkdirSync(join(dir, '.git', 'info'), { recursive: true });
  return dir;
}

const fifo = (file: string) => execFileSync('mkfifo', [file]);

/** The CLI with a deadline: a hang is a timeout, reported as status null. */
function scan(cwd: string, args: string[] = []) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [BIN, 'scan', '.', '--format', 'json', ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', RT_ADVISOR_COMPILE_CACHE: '0' },
    timeout: 30_000,
    killSignal: 'SIGKILL',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

function notesOf(stdout: string): Report['notes'] {
  return (JSON.parse(stdout) as Report).notes;
}

describe.runIf(canFifo)('special files where the scan reads', () => {
  it('a FIFO .gitignore (at the root and below) or info/exclude: noted, skipped, the scan goes on', () => {
    const dir = tree();
    fifo(join(dir, '.gitignore'));
    fifo(join(dir, 'src', '.gitignore'));
    fifo(join(dir, '.git', 'info', 'exclude'));
    const r = scan(dir);
    expect(r.status).toBe(1);
    const notes = notesOf(r.stdout).filter((n) => n.message.includes('its rules are not applied'));
    expect(notes.map((n) => [n.file, n.kind, n.message])).toEqual([
      ['.git/info/exclude', 'skipped', 'not a regular file (a FIFO): its rules are not applied'],
      ['.gitignore', 'skipped', 'not a regular file (a FIFO): its rules are not applied'],
      ['src/.gitignore', 'skipped', 'not a regular file (a FIFO): its rules are not applied'],
    ]);
  });

  it.skipIf(process.getuid?.() === 0)(
    'an unreadable .gitignore is a read-error, as any unreadable file (skipped as root: root ignores permission bits)',
    () => {
      const dir = tree();
      writeFileSync(join(dir, 'src', '.gitignore'), 'ticker/\n');
      chmodSync(join(dir, 'src', '.gitignore'), 0o000);
      const r = scan(dir);
      expect(r.status).toBe(2);
      expect(notesOf(r.stdout)).toContainEqual({
        file: 'src/.gitignore',
        kind: 'read-error',
        message: 'cannot read (EACCES)',
      });
    },
  );

  it('a .gitignore symlinked to /dev/zero is not followed (as git does not): the scan is quick', () => {
    const dir = tree();
    symlinkSync('/dev/zero', join(dir, '.gitignore'));
    symlinkSync('/dev/zero', join(dir, 'src', '.gitignore'));
    const r = scan(dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
  });

  it('a config that is a FIFO, a symlink to /dev/zero, or over 1 MB: one line, exit 2, at once', () => {
    const cases: Array<[string, (file: string) => void, RegExp]> = [
      ['fifo', fifo, /not a regular file \(a FIFO\)/],
      ['zero', (f) => symlinkSync('/dev/zero', f), /not a regular file \(a symlink\)/],
      ['huge', (f) => writeFileSync(f, `{"ignore": [${'"x",'.repeat(300_000)}"x"]}`), /larger than 1 MB/],
    ];
    for (const [, make, reason] of cases) {
      const dir = tree();
      make(join(dir, 'rt-advisor.config.json'));
      const r = scan(dir);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/cannot read config rt-advisor\.config\.json: /);
      expect(r.stderr).toMatch(reason);
    }
  });

  it('a config or baseline symlinked to a file under the working directory is read (a config shared in a monorepo); one outside is refused', () => {
    const dir = tree();
    mkdirSync(join(dir, 'shared'));
    writeFileSync(join(dir, 'shared', 'rt-advisor.json'), '{ "rules": { "ws-no-reconnect": "off" } }');
    symlinkSync(join('shared', 'rt-advisor.json'), join(dir, 'rt-advisor.config.json'));
    const shared = scan(dir);
    expect(shared.stderr).toBe('');
    expect((JSON.parse(shared.stdout) as Report).findings.map((f) => f.ruleId)).toEqual(['ws-subscribe-only']);
    // the baseline written through a real path, then read through a symlink
    expect(scan(dir, ['--write-baseline', 'shared/baseline.json']).status).toBe(0);
    symlinkSync('baseline.json', join(dir, 'shared', 'link.json'));
    expect(scan(dir, ['--baseline', 'shared/link.json']).status).toBe(0);

    const outside = join(tmp, 'outside-config.json');
    writeFileSync(outside, '{}');
    const other = tree();
    symlinkSync(outside, join(other, 'rt-advisor.config.json'));
    const r = scan(other);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot read config rt-advisor\.config\.json: not a regular file \(a symlink\)/);
  });

  it('--config /dev/zero or a FIFO, --baseline /dev/zero or a FIFO: one line, exit 2', () => {
    const dir = tree();
    fifo(join(dir, 'pipe'));
    for (const args of [
      ['--config', '/dev/zero'],
      ['--config', 'pipe'],
      ['--baseline', '/dev/zero'],
      ['--baseline', 'pipe'],
    ]) {
      const r = scan(dir, args);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/cannot read (config|baseline) .*not a regular file \((a device|a FIFO)\)/);
    }
  });
});

describe.runIf(canFifo)('readRegularFile', () => {
  it('reads a regular file; refuses a FIFO without blocking, a symlink, a directory, a device, an oversized file', async () => {
    const dir = join(tmp, 'unit');
    mkdirSync(dir);
    writeFileSync(join(dir, 'ok'), 'hello');
    fifo(join(dir, 'fifo'));
    symlinkSync(join(dir, 'ok'), join(dir, 'link'));
    writeFileSync(join(dir, 'big'), 'x'.repeat(2000));
    const expected: Array<[string, string | undefined]> = [
      ['ok', undefined],
      ['fifo', 'not a regular file (a FIFO)'],
      ['link', 'not a regular file (a symlink)'],
      ['.', 'not a regular file (a directory)'],
      ['/dev/zero', 'not a regular file (a device)'],
      ['big', 'larger than 1 kB'],
      ['missing', 'not found'],
    ];
    for (const [name, reason] of expected) {
      const file = name.startsWith('/') ? name : join(dir, name);
      for (const r of [readRegularFileSync(file, 1024), await readRegularFile(file, 1024)]) {
        if (reason === undefined) expect(r).toEqual({ ok: true, bytes: Buffer.from('hello') });
        else expect(r).toMatchObject({ ok: false, reason, missing: name === 'missing' });
      }
    }
  });
});
