import type { Dirent } from 'node:fs';

/**
 * The two file-system calls that meet the scanned tree, replaceable in tests: root ignores permission
 * bits, so EACCES can only be shown through them; so can every readdir order.
 */
export interface ScanFs {
  readdir(path: string): Promise<Dirent[]>;
  /** opens a file for reading and returns its descriptor (the scan reads synchronously) */
  open(path: string): number;
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
  /** Test seam: the folder listing (default: readdirSync, as a promise) and the file opening (default: openSync). */
  fs?: Partial<ScanFs>;
  /** Report in test and other non-product code too (non-product.ts); their sends always count. */
  includeTests?: boolean;
  /** gitignore-style patterns added to the default non-product ones (`!pattern` re-includes) */
  nonProduct?: string[];
  /** Files to leave out after discovery (the config file's `ignore`), by absolute path. */
  exclude?: (absPath: string) => boolean;
}
