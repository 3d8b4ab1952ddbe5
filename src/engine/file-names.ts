// One folder's file names, from one listing: cheaper than a stat per name looked for, most of which miss.
import { readdirSync } from 'node:fs';

/** The names of the files (and symlinks) directly in `dir` that `keep` accepts; null when it cannot be listed. */
export function fileNamesIn(dir: string, keep: (name: string) => boolean = () => true): Set<string> | null {
  try {
    return new Set(
      readdirSync(dir, { withFileTypes: true })
        .filter((e) => keep(e.name) && (e.isFile() || e.isSymbolicLink()))
        .map((e) => e.name),
    );
  } catch {
    return null; // absent, or not a folder
  }
}
