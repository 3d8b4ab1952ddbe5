// One typed table of `scan` options: it drives parsing, `--help` and the README section.

export interface FlagSpec {
  /** commander flag syntax */
  flags: string;
  description: string;
  choices?: readonly string[];
  defaultValue?: string | boolean | string[];
  /** repeatable option collecting values into an array */
  repeatable?: boolean;
}

export const FORMATS = ['stylish', 'json', 'sarif'] as const;
export const FAIL_ON = ['error', 'warning', 'info', 'none'] as const;

export const SCAN_FLAGS: readonly FlagSpec[] = [
  { flags: '-f, --format <format>', description: 'report format', choices: FORMATS, defaultValue: 'stylish' },
  { flags: '-o, --output-file <path>', description: 'write the report to a file instead of stdout' },
  {
    flags: '--fail-on <severity>',
    description: 'exit 1 when a finding has this severity or higher (`none`: never)',
    choices: FAIL_ON,
    defaultValue: 'warning',
  },
  { flags: '--quiet', description: 'report errors only (drop warnings and info)', defaultValue: false },
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
      're-use the last analysis when no file it parsed has changed (kept in `node_modules/.cache/rt-advisor` under the current folder)',
    defaultValue: false,
  },
  { flags: '--cache-location <dir>', description: 'folder for `--cache` results' },
  { flags: '--no-color', description: 'plain output (also when stdout is not a TTY or NO_COLOR is set)' },
  { flags: '-c, --config <path>', description: 'use this config file instead of the nearest `rt-advisor.config.json`' },
  { flags: '--no-config', description: 'ignore `rt-advisor.config.json` files: every rule at its default' },
  { flags: '--no-inline-config', description: 'ignore `rt-advisor-disable` comments: report what they would silence' },
  { flags: '--baseline <file>', description: 'report only findings not recorded in this baseline file' },
  {
    flags: '--write-baseline <file>',
    description: 'record the current findings in this baseline file, then report as if baselined (exit 0)',
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
  quiet: boolean;
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
