// One typed table of `scan` options: it drives parsing, `--help` and the README section.

export interface FlagSpec {
  /** commander flag syntax */
  flags: string;
  description: string;
  choices?: readonly string[];
  defaultValue?: string | boolean | string[];
  /** repeatable option collecting values into an array */
  repeatable?: boolean;
  /** other spellings accepted for a choice (`warn` for `warning`), mapped to it when parsed */
  aliases?: Readonly<Record<string, string>>;
}

export const FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
export const FAIL_ON = ['error', 'warning', 'info', 'none'] as const;

export const SCAN_FLAGS: readonly FlagSpec[] = [
  {
    flags: '-f, --format <format>',
    description: 'report format (`github`: annotations and a job summary in GitHub Actions)',
    choices: FORMATS,
    defaultValue: 'stylish',
  },
  { flags: '-o, --output-file <path>', description: 'write the report to a file instead of stdout' },
  {
    flags: '--fail-on <severity>',
    description: 'exit 1 when a finding has this severity or higher (`none`: never; `warn` = `warning`)',
    choices: FAIL_ON,
    aliases: { warn: 'warning' },
    defaultValue: 'warning',
  },
  {
    flags: '--max-warnings <number>',
    description:
      'exit 1 when there are more warnings than this, even under `--fail-on error` (as in ESLint; `-1`: no limit)',
  },
  {
    flags: '--quiet',
    description: 'report errors only (drop warnings and info; the summary counts them); no progress line',
    defaultValue: false,
  },
  {
    flags: '--ignore <glob>',
    description: 'skip files matching this gitignore-style glob (repeatable)',
    repeatable: true,
    defaultValue: [],
  },
  {
    flags: '--no-default-ignores',
    description: 'also scan node_modules, dist, build, coverage and minified bundles',
  },
  { flags: '--no-gitignore', description: 'do not honour .gitignore files' },
  {
    flags: '--no-error-on-unmatched-pattern',
    description: 'exit 0 with a note, not 2, when the paths hold no file to scan',
  },
  {
    flags: '--max-file-size <size>',
    description: 'skip (with a note) files larger than this: `2mb`, `500kb` or bytes',
    defaultValue: '2mb',
  },
  {
    flags: '--control-verb <verb>',
    description: 'count messages with this verb as control, like subscribe or ping (repeatable)',
    repeatable: true,
    defaultValue: [],
  },
  {
    flags: '--include-tests',
    description:
      'also report in test and other non-product code: tests, fixtures, examples, demos, docs, scripts (see `nonProduct`)',
    defaultValue: false,
  },
  {
    flags: '--cache',
    description:
      're-use the last analysis when no file it parsed has changed (kept in `~/.cache/rt-advisor`, or `$XDG_CACHE_HOME/rt-advisor`; entries are signed with a key kept there)',
    defaultValue: false,
  },
  {
    flags: '--cache-location <dir>',
    description: 'folder for `--cache` results (still checked with the key in `~/.cache/rt-advisor`)',
  },
  { flags: '--no-color', description: 'plain output (also when stdout is not a TTY or NO_COLOR is set)' },
  { flags: '-c, --config <path>', description: 'use only this config file, not the `rt-advisor.config.json` files' },
  { flags: '--no-config', description: 'ignore `rt-advisor.config.json` files: every rule at its default' },
  { flags: '--no-inline-config', description: 'ignore `rt-advisor-disable` comments: report what they would silence' },
  { flags: '--baseline <file>', description: 'report only findings not recorded in this baseline file' },
  {
    flags: '--write-baseline <file>',
    description: 'record the current findings in this baseline file, then report as if baselined (exit 0)',
  },
  {
    flags: '--debug',
    description: 'print where the time went on stderr (as `RT_ADVISOR_TIMING=1`), and stack traces of internal errors',
    defaultValue: false,
  },
  {
    flags: '--report-suppressed',
    description:
      'SARIF: also write suppressed and baselined findings, marked with `suppressions` (GitHub ignores the mark and opens alerts)',
    defaultValue: false,
  },
];

export interface ScanOptions {
  format: (typeof FORMATS)[number];
  outputFile?: string;
  failOn: (typeof FAIL_ON)[number];
  /** text as given; a whole number ≥ 0 (or -1, no limit) */
  maxWarnings?: string;
  quiet: boolean;
  /** false with --no-error-on-unmatched-pattern */
  errorOnUnmatchedPattern: boolean;
  debug: boolean;
  ignore: string[];
  defaultIgnores: boolean;
  gitignore: boolean;
  /** text as given; parsed by parseFileSize */
  maxFileSize: string;
  includeTests: boolean;
  controlVerb: string[];
  cache: boolean;
  cacheLocation?: string;
  color: boolean;
  /** a path, `false` for --no-config, undefined to discover */
  config?: string | false;
  inlineConfig: boolean;
  baseline?: string;
  writeBaseline?: string;
  reportSuppressed: boolean;
}

/** The README's option table, rendered from SCAN_FLAGS (a test keeps the README in step). */
export function renderFlagsMarkdown(flags: readonly FlagSpec[] = SCAN_FLAGS): string {
  const rows = flags.map((f) => {
    const def =
      f.defaultValue === undefined || Array.isArray(f.defaultValue) || typeof f.defaultValue === 'boolean'
        ? ''
        : `\`${f.defaultValue}\``;
    const choices = f.choices ? ` (${f.choices.map((c) => `\`${c}\``).join(', ')})` : '';
    return `| \`${f.flags}\` | ${f.description}${choices} | ${def} |`;
  });
  return ['| option | meaning | default |', '| --- | --- | --- |', ...rows].join('\n');
}
