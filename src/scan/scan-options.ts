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
  /** Report sockets created in test, spec, mock and story files too (their sends always count). */
  includeTests?: boolean;
  /** Files to leave out after discovery (the config file's `ignore`), by absolute path. */
  exclude?: (absPath: string) => boolean;
}
