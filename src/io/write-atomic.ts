// The one way the tool writes a file (cache entries, `-o`, `--write-baseline`, `--save-answers`, the
// compile cache): a temporary file with a random name, created exclusively in the target's folder
// without following a symlink, then renamed over the target. A planted symlink at the temporary name
// or the target's name is never written through (`wx` refuses the first, rename replaces the second),
// a symlinked folder is refused, and a write that fails midway (full disk, EFBIG) leaves the old file
// as it was and removes the temporary one.
import { randomBytes } from 'node:crypto';
import fs, { constants } from 'node:fs';
import path from 'node:path';

/** Test seam: the calls that touch the disk. */
export interface WriteFs {
  openSync(file: string, flags: number, mode: number): number;
  writeSync(fd: number, data: Buffer, offset: number, length: number): number;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  unlinkSync(file: string): void;
  lstatSync(file: string): fs.Stats;
  mkdirSync(dir: string, options: { mode: number; recursive?: boolean }): unknown;
}

/** Node's own calls: the default, and what tests start from when they make one step fail. */
export const REAL_FS: WriteFs = {
  openSync: (f, flags, mode) => fs.openSync(f, flags, mode),
  writeSync: (fd, data, offset, length) => fs.writeSync(fd, data, offset, length),
  fsyncSync: (fd) => fs.fsyncSync(fd),
  closeSync: (fd) => fs.closeSync(fd),
  renameSync: (a, b) => fs.renameSync(a, b),
  unlinkSync: (f) => fs.unlinkSync(f),
  lstatSync: (f) => fs.lstatSync(f),
  mkdirSync: (d, o) => fs.mkdirSync(d, o),
};

/** An error with a code, as fs throws them, so callers print one line. */
function fsError(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

export interface WriteOptions {
  /** permission bits of a new file (before the umask); 0o600 for private files */
  mode?: number;
  /** fsync the data before the rename (outputs a user keeps); caches skip it */
  fsync?: boolean;
  /**
   * The target's folder and every folder of its path below this one (the working directory: the
   * scanned tree may hold those names) must be real folders, not symlinks; missing ones are created.
   * A target outside it is in a folder the user named (created if missing, symlinks allowed).
   * Default: the target's folder itself is checked.
   */
  within?: string;
  fs?: WriteFs;
}

/** Checks that `dir` is a real folder (not a symlink), creating it if missing. */
function ensureFolder(dir: string, io: WriteFs, mode: number): void {
  let info: fs.Stats;
  try {
    info = io.lstatSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    const parent = path.dirname(dir);
    if (parent !== dir) ensureFolder(parent, io, mode);
    try {
      io.mkdirSync(dir, { mode });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    info = io.lstatSync(dir);
  }
  if (info.isSymbolicLink()) throw fsError('ELOOP', `${dir} is a symlink`);
  if (!info.isDirectory()) throw fsError('ENOTDIR', `${dir} is not a folder`);
}

/** Folders from `within` (exclusive) down to `dir`; undefined when `dir` is not below it. */
function foldersBelow(dir: string, within: string): string[] | undefined {
  const rel = path.relative(within, dir);
  if (rel === '') return [dir];
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const out: string[] = [];
  let d = within;
  for (const part of rel.split(path.sep)) out.push((d = path.join(d, part)));
  return out;
}

const CREATE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

/** Replaces `target` with `data` atomically; throws (with an fs code) and leaves `target` intact on failure. */
export function writeFileAtomic(target: string, data: string | Buffer, options: WriteOptions = {}): void {
  const io = options.fs ?? REAL_FS;
  const dir = path.dirname(path.resolve(target));
  const folderMode = options.mode === undefined ? 0o777 : 0o700;
  const checked = foldersBelow(dir, path.resolve(options.within ?? dir));
  // a folder outside `within` is one the user named, through whatever symlinks they chose
  if (checked) for (const d of checked) ensureFolder(d, io, folderMode);
  else io.mkdirSync(dir, { mode: folderMode, recursive: true });
  const tmp = path.join(dir, `.${path.basename(target)}.${randomBytes(8).toString('hex')}.tmp`);
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  const fd = io.openSync(tmp, CREATE, options.mode ?? 0o666);
  let renamed = false;
  try {
    try {
      for (let off = 0; off < bytes.length;) off += io.writeSync(fd, bytes, off, bytes.length - off);
      if (options.fsync) io.fsyncSync(fd);
    } finally {
      io.closeSync(fd);
    }
    io.renameSync(tmp, target);
    renamed = true;
  } finally {
    if (!renamed) {
      try {
        io.unlinkSync(tmp);
      } catch {
        // already gone
      }
    }
  }
}
