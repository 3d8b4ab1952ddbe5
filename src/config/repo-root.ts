// The repository root: the nearest folder at or above a path that holds `.git` (a folder, or the file
// a worktree or submodule has), found without spawning git. Config discovery stops there, and the
// JSON and SARIF reports give paths relative to it.
import { existsSync } from 'node:fs';
import path from 'node:path';

export function hasGit(dir: string): boolean {
  return existsSync(path.join(dir, '.git'));
}

/** The nearest folder at or above `dir` holding `.git`, or undefined outside any repository. */
export function findRepoRoot(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (hasGit(d)) return d;
    if (path.dirname(d) === d) return undefined;
  }
}

/** Where report paths start: the repository root, else the working directory. */
export function reportRoot(cwd: string): string {
  return findRepoRoot(cwd) ?? cwd;
}
