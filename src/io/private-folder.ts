// Folders of the user's own: the default `--cache` folder (with its key) and the compile cache. A folder
// is private when lstat shows a real folder (not a symlink) owned by the user that group and others
// cannot write: then nobody else, and nothing in a scanned repository, can put files in it.
import { lstatSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Why `dir` is not private, or undefined when it is. */
export function privateFolderProblem(dir: string): string | undefined {
  let info;
  try {
    info = lstatSync(dir);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? 'cannot be read';
  }
  if (info.isSymbolicLink()) return 'it is a symlink';
  if (!info.isDirectory()) return 'it is not a folder';
  // Windows has no uid and no group/other write bits to check
  if (process.getuid && info.uid !== process.getuid()) return 'another user owns it';
  if (process.platform !== 'win32' && (info.mode & 0o022) !== 0) return 'others can write to it';
  return undefined;
}

/** Creates `dir` (mode 0700) if missing; why it is not private, or undefined when it is. */
export function ensurePrivateFolder(dir: string): string | undefined {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST') return code ?? 'cannot be created';
  }
  return privateFolderProblem(dir);
}

/**
 * The user's own cache folder for rt-advisor, outside any checkout: `$XDG_CACHE_HOME/rt-advisor`,
 * else `~/.cache/rt-advisor` (`%LOCALAPPDATA%\rt-advisor` on Windows). Undefined without a home.
 */
export function userCacheFolder(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'rt-advisor');
  if (process.platform === 'win32' && env.LOCALAPPDATA) return path.join(env.LOCALAPPDATA, 'rt-advisor');
  let home: string;
  try {
    home = env.HOME || os.homedir();
  } catch {
    return undefined;
  }
  return home && path.isAbsolute(home) ? path.join(home, '.cache', 'rt-advisor') : undefined;
}
