// Issue 16 case 9 and the write half of case 1: every write goes through writeFileAtomic. A failure at
// any step leaves the old file as it was and no temporary file behind; symlinks planted at the target's
// name, its folder or a folder on its way are never written through.
import fs, {
  existsSync,
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
import { REAL_FS, writeFileAtomic, type WriteFs } from '../../src/io/write-atomic.js';

const tmp = mkdtempSync(join(tmpdir(), 'rta-write-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The real calls, with one of them replaced. */
function failing(overrides: Partial<WriteFs>): WriteFs {
  return { ...REAL_FS, ...overrides };
}

const errno = (code: string) => Object.assign(new Error(code), { code });

function folderWith(name: string, content: string): { dir: string; file: string } {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'report.json');
  writeFileSync(file, content);
  return { dir, file };
}

describe('writeFileAtomic', () => {
  it('replaces the file; no temporary file stays', () => {
    const { dir, file } = folderWith('plain', 'old');
    writeFileAtomic(file, 'new', { fsync: true });
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('a write failing midway (EFBIG, a full disk) leaves the old file intact and removes the temporary one', () => {
    const { dir, file } = folderWith('efbig', 'the old report');
    let calls = 0;
    const io = failing({
      writeSync: (fd, d, o, l) => {
        if (calls++ > 0) throw errno('EFBIG');
        return fs.writeSync(fd, d, o, Math.min(l, 4)); // a short write first, then the failure
      },
    });
    expect(() => writeFileAtomic(file, 'x'.repeat(100_000), { fs: io })).toThrow('EFBIG');
    expect(readFileSync(file, 'utf8')).toBe('the old report');
    expect(readdirSync(dir)).toEqual(['report.json']);
    for (const step of ['fsyncSync', 'closeSync', 'renameSync'] as const) {
      const broken = failing({
        [step]: (...args: unknown[]) => {
          if (step === 'closeSync') fs.closeSync(args[0] as number);
          throw errno('ENOSPC');
        },
      });
      expect(() => writeFileAtomic(file, 'new', { fs: broken, fsync: true })).toThrow('ENOSPC');
      expect(readFileSync(file, 'utf8')).toBe('the old report');
      expect(readdirSync(dir)).toEqual(['report.json']);
    }
  });

  it('a target that is a folder fails the rename: the folder stays, no temporary file', () => {
    const dir = join(tmp, 'target-dir');
    mkdirSync(join(dir, 'report.json'), { recursive: true });
    writeFileSync(join(dir, 'report.json', 'inside'), 'kept');
    expect(() => writeFileAtomic(join(dir, 'report.json'), 'new')).toThrow();
    expect(readdirSync(dir)).toEqual(['report.json']);
    expect(readFileSync(join(dir, 'report.json', 'inside'), 'utf8')).toBe('kept');
  });

  it('a symlink at the target name is replaced, not written through', () => {
    const { dir } = folderWith('link-target', 'x');
    const victim = join(tmp, 'victim.txt');
    writeFileSync(victim, 'secret');
    symlinkSync(victim, join(dir, 'entry.json'));
    writeFileAtomic(join(dir, 'entry.json'), 'new');
    expect(readFileSync(victim, 'utf8')).toBe('secret');
    expect(fs.lstatSync(join(dir, 'entry.json')).isSymbolicLink()).toBe(false);
    expect(readFileSync(join(dir, 'entry.json'), 'utf8')).toBe('new');
  });

  it('a symlinked folder is refused, and so is one on the way below `within`', () => {
    const outside = join(tmp, 'outside');
    mkdirSync(outside);
    const tree = join(tmp, 'tree');
    mkdirSync(join(tree, 'real'), { recursive: true });
    symlinkSync(outside, join(tree, 'out'));
    expect(() => writeFileAtomic(join(tree, 'out', 'report.json'), 'x')).toThrow(/symlink/);
    expect(() => writeFileAtomic(join(tree, 'out', 'deeper', 'report.json'), 'x', { within: tree })).toThrow(/symlink/);
    expect(readdirSync(outside)).toEqual([]);
    // missing folders below `within` are created as real folders
    writeFileAtomic(join(tree, 'real', 'a', 'b', 'report.json'), 'ok', { within: tree });
    expect(readFileSync(join(tree, 'real', 'a', 'b', 'report.json'), 'utf8')).toBe('ok');
  });

  it('never opens an existing name: the temporary file is created exclusively with a random name', () => {
    const { file } = folderWith('exclusive', 'old');
    const flagsSeen: number[] = [];
    const names: string[] = [];
    const io = failing({
      openSync: (f, flags, mode) => {
        flagsSeen.push(flags);
        names.push(f);
        return fs.openSync(f, flags, mode);
      },
    });
    writeFileAtomic(file, 'a', { fs: io });
    writeFileAtomic(file, 'b', { fs: io });
    expect(flagsSeen.every((f) => (f & fs.constants.O_EXCL) !== 0 && (f & fs.constants.O_NOFOLLOW) !== 0)).toBe(true);
    expect(names[0]).not.toBe(names[1]);
    expect(existsSync(names[0])).toBe(false);
  });

  it('private files get mode 0600', () => {
    const { file } = folderWith('mode', 'old');
    writeFileAtomic(file, 'new', { mode: 0o600 });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe('writeFileAtomic outside `within`', () => {
  it('a target outside the working directory goes where the user said, through their symlinks', () => {
    const real = join(tmp, 'users-real');
    mkdirSync(real);
    symlinkSync(real, join(tmp, 'users-link'));
    const cwd = join(tmp, 'some-cwd');
    mkdirSync(cwd);
    writeFileAtomic(join(tmp, 'users-link', 'new', 'report.json'), 'ok', { within: cwd });
    expect(readFileSync(join(real, 'new', 'report.json'), 'utf8')).toBe('ok');
  });
});
