// Opening a file the scanned repository may control (.gitignore, info/exclude, configs, baselines,
// answers files): only a regular file, never through a symlink, never blocking on a FIFO or a device,
// and never more than a size cap. lstat says what the name is; the descriptor is opened with
// O_NOFOLLOW | O_NONBLOCK and fstat says what was opened, so a swap between the two cannot slip a
// FIFO or /dev/zero in. The answer says why a file was refused; callers turn that into a note or exit 2.
import { constants, type Stats } from 'node:fs';
import { closeSync, fstatSync, lstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { open, lstat } from 'node:fs/promises';
import path from 'node:path';

export const MiB = 1024 * 1024;

/** ignore files and configs are a few kB; a bigger one is a planted bomb or a wrong path */
export const SMALL_FILE_CAP = MiB;

export type ReadResult =
  | { ok: true; bytes: Buffer }
  | {
      ok: false;
      /** `missing` when there is no such file (most callers treat that as "none") */
      missing: boolean;
      /** a short reason for a message: "not a regular file (a FIFO)", "larger than 1 MB", "EACCES" */
      reason: string;
    };

// O_NOFOLLOW and O_NONBLOCK are 0 where the platform lacks them (Windows): lstat still refuses symlinks
const FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

function kindOf(info: Stats): string {
  const kind = info.isSymbolicLink()
    ? 'a symlink'
    : info.isDirectory()
      ? 'a directory'
      : info.isFIFO()
        ? 'a FIFO'
        : info.isSocket()
          ? 'a socket'
          : info.isCharacterDevice() || info.isBlockDevice()
            ? 'a device'
            : 'something else';
  return `not a regular file (${kind})`;
}

function sizeText(bytes: number): string {
  return bytes >= MiB ? `${Math.round(bytes / MiB)} MB` : `${Math.round(bytes / 1024)} kB`;
}

function refused(err: unknown): ReadResult {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, missing: true, reason: 'not found' };
  // O_NOFOLLOW on a symlink swapped in after lstat
  if (code === 'ELOOP') return { ok: false, missing: false, reason: 'not a regular file (a symlink)' };
  return { ok: false, missing: false, reason: code ?? (err as Error).message };
}

function tooBig(maxBytes: number): ReadResult {
  return { ok: false, missing: false, reason: `larger than ${sizeText(maxBytes)}` };
}

export interface ReadOptions {
  /**
   * Follow a symlink whose target (all links resolved) is inside this folder, as for a config shared
   * by the packages of a monorepo; the target must be a regular file too. Default: no symlink.
   */
  symlinksWithin?: string;
}

function isInside(file: string, folder: string): boolean {
  const rel = path.relative(folder, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** The file a symlink leads to when options allow it, else undefined. */
function allowedTarget(file: string, options: ReadOptions): string | undefined {
  if (options.symlinksWithin === undefined) return undefined;
  const target = realpathSync(file);
  return isInside(target, realpathSync(options.symlinksWithin)) ? target : undefined;
}

/**
 * The bytes of `file` if it is a regular file (not a symlink, unless `options` allow it) of at most
 * `maxBytes`.
 */
export function readRegularFileSync(file: string, maxBytes: number, options: ReadOptions = {}): ReadResult {
  let fd: number;
  try {
    const named = lstatSync(file);
    if (named.isSymbolicLink()) {
      const target = allowedTarget(file, options);
      if (target !== undefined) return readRegularFileSync(target, maxBytes);
    }
    if (!named.isFile()) return { ok: false, missing: false, reason: kindOf(named) };
    fd = openSync(file, FLAGS);
  } catch (err) {
    return refused(err);
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return { ok: false, missing: false, reason: kindOf(info) };
    if (info.size > maxBytes) return tooBig(maxBytes);
    // read to the end, not to the stat'd size: a file that grows past the cap meanwhile is refused too
    const buf = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(info.size + 1, 64 * 1024)));
    let length = 0;
    let chunk = buf;
    for (;;) {
      if (length === chunk.length) {
        if (chunk.length > maxBytes) return tooBig(maxBytes);
        const bigger = Buffer.allocUnsafe(Math.min(maxBytes + 1, chunk.length * 2));
        chunk.copy(bigger, 0, 0, length);
        chunk = bigger;
      }
      const n = readSync(fd, chunk, length, chunk.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > maxBytes) return tooBig(maxBytes);
    return { ok: true, bytes: chunk.subarray(0, length) };
  } catch (err) {
    return refused(err);
  } finally {
    closeSync(fd);
  }
}

/** The same as readRegularFileSync, for the asynchronous walk. */
export async function readRegularFile(file: string, maxBytes: number): Promise<ReadResult> {
  let handle;
  try {
    const named = await lstat(file);
    if (!named.isFile()) return { ok: false, missing: false, reason: kindOf(named) };
    handle = await open(file, FLAGS);
  } catch (err) {
    return refused(err);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { ok: false, missing: false, reason: kindOf(info) };
    if (info.size > maxBytes) return tooBig(maxBytes);
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(64 * 1024);
      const { bytesRead } = await handle.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) return tooBig(maxBytes);
      chunks.push(buf.subarray(0, bytesRead));
    }
    return { ok: true, bytes: Buffer.concat(chunks, length) };
  } catch (err) {
    return refused(err);
  } finally {
    await handle.close();
  }
}

/** Text of a regular file as UTF-8, or the refusal. */
export function readRegularTextSync(
  file: string,
  maxBytes: number,
  options: ReadOptions = {},
): { ok: true; text: string } | Extract<ReadResult, { ok: false }> {
  const r = readRegularFileSync(file, maxBytes, options);
  return r.ok ? { ok: true, text: r.bytes.toString('utf8') } : r;
}
