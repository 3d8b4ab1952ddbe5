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
  /** Report sockets created in test, spec, mock and story files too (their sends always count). */
  includeTests?: boolean;
}
