// SARIF 2.1.0 for GitHub code scanning (and any other SARIF viewer). Paths stay relative to
// %SRCROOT% so the log is portable between machines and GitHub can map results to the checkout;
// nothing time- or machine-dependent goes in apart from the %SRCROOT% URL, so output is stable.
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { FileNote, Finding, Report, RuleMeta, Severity, SuppressedFinding } from '../model.js';
import type { ReporterOptions } from './types.js';
import { canonicalReport } from './canonical.js';
import { REPO_URL, versionedUrl } from '../links.js';

const SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const SRCROOT = '%SRCROOT%';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
// GitHub reads `problem.severity` for non-security alerts; it has no "info", its lowest is "recommendation".
const PROBLEM_SEVERITY: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'recommendation' };

function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

/** A relative URI reference: each segment percent-encoded, so spaces, `#` or `%` in names survive. */
function fileUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

function artifactLocation(file: string): Sarif.ArtifactLocation {
  return { uri: fileUri(file), uriBaseId: SRCROOT };
}

/** Link text in a SARIF message is Markdown-like: brackets and backslashes in it must be escaped. */
function escapeLinkText(text: string): string {
  return text.replace(/[\\[\]]/g, (ch) => `\\${ch}`);
}

/**
 * GitHub files an alert under Security when the rule has the `security` tag and a `security-severity`;
 * `external/cwe/cwe-N` tags name the weakness. Other rules are quality alerts with a `problem.severity`.
 */
function ruleProperties(rule: RuleMeta) {
  if (!rule.security)
    return { tags: ['maintainability', 'realtime'], 'problem.severity': PROBLEM_SEVERITY[rule.defaultSeverity] };
  const cwe = (rule.security.cwe ?? []).map((n) => `external/cwe/cwe-${n}`);
  return {
    tags: ['security', 'realtime', ...cwe],
    'security-severity': rule.security.severity,
    'problem.severity': PROBLEM_SEVERITY[rule.defaultSeverity],
  };
}

function ruleDescriptor(rule: RuleMeta, version: string): Sarif.ReportingDescriptor {
  const helpUri = versionedUrl(rule.docsPath, version);
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.help },
    help: {
      text: `${rule.help}\n\nDocumentation: ${helpUri}`,
      markdown: `**${rule.description}**\n\n${rule.help}\n\n[Rule documentation](${helpUri})`,
    },
    helpUri,
    defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
    properties: ruleProperties(rule),
  };
}

/**
 * GitHub matches alerts across commits by this hash, so it leaves the line number out: an alert
 * should survive code being added above it. The scanner's fingerprint hashes the flagged line's
 * text; a report without one (built by hand) falls back to the message. The `:n` suffix numbers
 * identical hashes within a file, as GitHub's own fingerprints do, so two equal findings stay two alerts.
 */
function lineHash(finding: Finding, seen: Map<string, number>): string {
  if (finding.fingerprint) return finding.fingerprint;
  const firstLine = finding.message.split('\n')[0];
  const hash = createHash('sha256')
    .update(`${finding.ruleId}\0${finding.file}\0${firstLine}`)
    .digest('hex')
    .slice(0, 16);
  const n = (seen.get(hash) ?? 0) + 1;
  seen.set(hash, n);
  return `${hash}:${n}`;
}

/** SARIF §3.34: `inSource` for a directive in the code, `external` for the baseline file. */
function suppressions(finding: Finding | SuppressedFinding): Pick<Sarif.Result, 'suppressions'> {
  if (!('suppression' in finding)) return {};
  const { kind, justification } = finding.suppression;
  return {
    suppressions: [
      { kind: kind === 'directive' ? 'inSource' : 'external', ...(justification ? { justification } : {}) },
    ],
  };
}

function result(finding: Finding | SuppressedFinding, ruleIndex: number, seen: Map<string, number>): Sarif.Result {
  const related = (finding.related ?? []).map((r, i): Sarif.Location & { id: number; message: { text: string } } => ({
    id: i + 1,
    physicalLocation: {
      artifactLocation: artifactLocation(r.file),
      region: { startLine: r.line, startColumn: r.column },
    },
    message: { text: r.message },
  }));
  // GitHub only shows related locations that the message links to, hence the trailing links.
  const links = related.map((r) => `[${escapeLinkText(r.message.text)}](${r.id})`).join(', ');
  return {
    ruleId: finding.ruleId,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: LEVEL[finding.severity],
    message: { text: links ? `${finding.message}\n\nRelated: ${links}.` : finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(finding.file),
          region: { startLine: finding.line, startColumn: finding.column },
        },
      },
    ],
    ...(related.length > 0 ? { relatedLocations: related } : {}),
    partialFingerprints: { primaryLocationLineHash: lineHash(finding, seen) },
    ...suppressions(finding),
  };
}

/** Notes about the analysis itself (not about the code) are tool notifications in SARIF. */
const NOTIFIED: Partial<Record<FileNote['kind'], 'error' | 'warning'>> = {
  'syntax-error': 'warning',
  'not-analysed': 'warning',
  'read-error': 'error',
  'analyzer-error': 'error',
};

function invocation(notes: FileNote[]): Sarif.Invocation {
  const notifications = notes
    .filter((n) => NOTIFIED[n.kind])
    .map((n): Sarif.Notification => ({
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(n.file) } }],
      message: { text: `${n.kind}: ${n.message}` },
      level: NOTIFIED[n.kind],
    }));
  // A file that could not be read or analysed means the scan is incomplete, not merely noisy.
  const failed = notes.some((n) => n.kind === 'read-error' || n.kind === 'analyzer-error');
  return {
    executionSuccessful: !failed,
    ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
  };
}

function srcRootUri(cwd: string): string {
  const href = pathToFileURL(cwd).href;
  return href.endsWith('/') ? href : `${href}/`;
}

export function formatSarif(input: Report, options: ReporterOptions): string {
  const report = canonicalReport(input);
  const ruleIndex = new Map(report.rules.map((r, i) => [r.id, i]));
  const seen = new Map<string, number>();
  const log: Sarif.Log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'rt-advisor',
            version: report.version,
            semanticVersion: report.version,
            informationUri: REPO_URL,
            rules: report.rules.map((r) => ruleDescriptor(r, report.version)),
          },
        },
        invocations: [invocation(report.notes)],
        originalUriBaseIds: { [SRCROOT]: { uri: srcRootUri(options.cwd) } },
        // Suppressed findings only on request: GitHub code scanning ignores `suppressions` and
        // would open an alert for each (github/codeql-action#1230).
        results: [...report.findings, ...(options.reportSuppressed ? (report.suppressed ?? []) : [])].map((f) =>
          result(f, ruleIndex.get(f.ruleId) ?? -1, seen),
        ),
        columnKind: 'utf16CodeUnits',
        // the config files the scan used, relative to %SRCROOT%
        properties: { configFiles: report.configs ?? [] },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
