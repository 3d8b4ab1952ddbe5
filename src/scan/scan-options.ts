import type { Dirent } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

/**
 * The two file-system calls that meet the scanned tree, replaceable in tests: root ignores permission
 * bits, so EACCES can only be shown through them; so can every readdir order.
 */
export interface ScanFs {
  readdir(path: string): Promise<Dirent[]>;
  open(path: string): Promise<FileHandle>;
}

export interface ScanInput {
  /** Files or folders, relative to cwd or absolute. */
  paths: string[];
  cwd: string;
  /** Extra gitignore-style globs to skip. */
  ignore: string[];
  /** Skip node_modules, dist, build, coverage and minified bundles. */
  defaultIgnores: boolean;
  /** Honour .gitignore files. */
  gitignore: boolean;
  /** Files larger than this are skipped with a note (default DEFAULT_MAX_FILE_BYTES, 2 MiB). */
  maxFileBytes?: number;
  /** Test seam: the folder listing and file opening calls (default: node:fs/promises). */
  fs?: Partial<ScanFs>;
  /** Report sockets created in test, spec, mock and story files too (their sends always count). */
  includeTests?: boolean;
}
