// Where `--cache` keeps its entries and the secret that signs them. Both live in the user's private
// cache folder (`$XDG_CACHE_HOME/rt-advisor` or `~/.cache/rt-advisor`): outside the checkout, so
// `npm ci` keeps it and a repository cannot ship entries into it. `--cache-location` moves the entries
// only; the secret stays in the private folder, so entries found there are checked all the same.
import { randomBytes } from 'node:crypto';
import { closeSync, constants, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { ensurePrivateFolder, userCacheFolder } from '../io/private-folder.js';
import { readRegularFileSync } from '../io/read-regular-file.js';
import { writeFileAtomic } from '../io/write-atomic.js';
import type { ResultCache } from './result-cache.js';

const SECRET_BYTES = 32;

/** The secret in `dir`/key, made on first use; undefined if it cannot be read or made. */
function secretIn(dir: string): Buffer | undefined {
  const file = path.join(dir, 'key');
  const read = readRegularFileSync(file, 1024);
  if (read.ok && read.bytes.length === SECRET_BYTES) return read.bytes;
  const secret = randomBytes(SECRET_BYTES);
  try {
    if (read.ok || !read.missing) {
      // damaged or not a file: replace it (entries signed with the old one become misses)
      writeFileAtomic(file, secret, { mode: 0o600 });
      return secret;
    }
    const fd = openSync(
      file,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0),
      0o600,
    );
    try {
      writeSync(fd, secret);
    } finally {
      closeSync(fd);
    }
    return secret;
  } catch (err) {
    // another run made it first: take theirs
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return undefined;
    const again = readRegularFileSync(file, 1024);
    return again.ok && again.bytes.length === SECRET_BYTES ? again.bytes : undefined;
  }
}

/**
 * The cache for a scan, or why there is none (one line for stderr; the scan goes on without it).
 * `location` is `--cache-location`, relative to `cwd`.
 */
export function openResultCache(
  location: string | undefined,
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): ResultCache | { problem: string } {
  const home = userCacheFolder(env);
  if (!home) return { problem: 'no home folder for its key (set XDG_CACHE_HOME)' };
  const problem = ensurePrivateFolder(home);
  if (problem) return { problem: `${home} is not a private folder (${problem})` };
  const secret = secretIn(home);
  if (!secret) return { problem: `cannot make its key in ${home}` };
  if (location) return { dir: path.resolve(cwd, location), secret, within: cwd };
  const dir = path.join(home, 'results');
  const inner = ensurePrivateFolder(dir);
  if (inner) return { problem: `${dir} is not a private folder (${inner})` };
  return { dir, secret, within: home };
}
