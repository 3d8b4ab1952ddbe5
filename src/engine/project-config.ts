// What the project's configs say for one scan, shared by the CLI and the API: the nested
// rt-advisor.config.json files (load-config.ts's cascade), or one file named with --config (with its
// `overrides`), or none. Read before anything is scanned, so a broken config is reported first.
import { relative, resolve, sep } from 'node:path';
import {
  ConfigCascade,
  readNamedConfig,
  rulesWithOverrides,
  type ProjectConfig,
  type RuleSetting,
} from '../config/load-config.js';
import type { KnownRule } from '../config/known-rules.js';
import type { ScanRunOptions } from './scan.js';

export interface ProjectSettings {
  /** paths the configs' `ignore` lists exclude */
  exclude?: (abs: string) => boolean;
  /** the non-product patterns (`nonProduct`) of the configs that apply to the scanned paths themselves */
  nonProduct: string[];
  /** the scan options the configs decide */
  options: Pick<ScanRunOptions, 'extraVerbs' | 'rules' | 'rulesFor'>;
  /** the config files in use, relative to the working directory with `/` (the report's `configs`; after the scan: nested ones are read as their folders are reached) */
  used: () => string[];
}

/** `--config` with `overrides`: each file's settings, with the entries that match it. */
function overridesOf(config: ProjectConfig, cwd: string) {
  const chain = { files: [config], rules: config.rules };
  const memo = new Map<string, ReadonlyMap<string, RuleSetting>>();
  return (file: string) => rulesWithOverrides(chain, resolve(cwd, file), memo);
}

/** `config`: a file named on the command line, `false` for none (--no-config), undefined to discover. */
export function projectSettings(
  paths: string[],
  cwd: string,
  config: string | false | undefined,
  known: readonly KnownRule[],
  extraVerbs: readonly string[],
): ProjectSettings {
  const named = typeof config === 'string' ? readNamedConfig(config, cwd, known) : undefined;
  const cascade = config === undefined ? new ConfigCascade(cwd, known, paths) : undefined;
  for (const p of paths.length > 0 ? paths : ['.']) cascade?.forScannedPath(resolve(cwd, p));
  const used = (): ProjectConfig[] => (named ? [named] : (cascade?.used() ?? []));
  return {
    ...(named && named.ignore.length > 0 ? { exclude: (abs: string) => named.isIgnored(abs) } : {}),
    ...(cascade ? { exclude: (abs: string) => cascade.isIgnored(abs) } : {}),
    nonProduct: used().flatMap((c) => c.nonProduct),
    options: {
      // nested configs' verbs count for the whole scan (socket analysis crosses packages)
      extraVerbs: () => [...used().flatMap((c) => c.controlVerbs), ...extraVerbs],
      rules: named?.rules,
      ...(named && named.overrides.length > 0 ? { rulesFor: overridesOf(named, cwd) } : {}),
      ...(cascade ? { rulesFor: (file: string) => cascade.rulesForFile(resolve(cwd, file)) } : {}),
    },
    used: () => used().map((c) => relative(cwd, c.file).split(sep).join('/') || c.file),
  };
}
