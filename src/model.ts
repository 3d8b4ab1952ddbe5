// The one data model shared by the scanner, the rules and every reporter.
// Paths are relative to the working directory with `/` separators; line and column are 1-based.

export type Severity = 'error' | 'warning' | 'info';

export type SocketApi = 'browser-websocket' | 'ws' | 'socket.io-client' | 'other';

/** What one outbound message is. */
export type SendKind = 'control' | 'data' | 'binary' | 'unknown';

/** What a socket's client side does over its life. */
export type Verdict = 'receive-only' | 'control-only' | 'bidirectional' | 'binary' | 'unknown';

export interface Location {
  file: string;
  line: number;
  column: number;
}

export interface Send extends Location {
  kind: SendKind;
  /** Short human text: the message's verb (`subscribe`, `ping`) or why it is data/unknown. */
  label: string;
}

export interface Socket extends Location {
  api: SocketApi;
  verdict: Verdict;
  /** How sure the analyzer is that the construct is a socket client at all. */
  confidence: 'certain' | 'likely';
  /** Source text of the constructor or factory, for messages (`WebSocket`, `io`, `this.options.WebSocket`). */
  constructorText: string;
  /** A message listener was seen (`onmessage`, `on('message')`, a socket.io event handler). */
  listens: boolean;
  /** The client asks for binary frames (`binaryType = 'arraybuffer'`): the server pushes bytes. */
  receivesBinary: boolean;
  /**
   * Whether the client re-creates the socket after it closes: `yes` (a close/error handler, a retry loop or
   * a timer calls the code that creates it, or the library reconnects by itself), `no` (the analyzer saw all
   * of the socket's code and nothing does), `unknown` (the socket or its close event escapes into code the
   * analyzer cannot see, or the API is one it does not judge).
   */
  reconnects: Reconnects;
  sends: Send[];
}

export type Reconnects = 'yes' | 'no' | 'unknown';

export interface Finding extends Location {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Other places the message refers to (the sends), for SARIF related locations. */
  related?: Array<Location & { message: string }>;
  /**
   * Identifies the finding across edits: a hash of the rule and the flagged line's text (not its
   * number) plus `:n` for the n-th identical one in the file. Baselines and SARIF use it.
   */
  fingerprint?: string;
}

/** Why a finding is not reported: a disable directive in the code, or an entry in the baseline file. */
export interface Suppression {
  kind: 'directive' | 'baseline';
  /** The directive's `-- reason`, or the baseline file. */
  justification?: string;
}

export interface SuppressedFinding extends Finding {
  suppression: Suppression;
}

/** A file the scan could not fully analyse, or skipped, with the reason. */
export interface FileNote {
  file: string;
  /** `not-analysed`: skipped, but it may hold what the rules look for (a socket in a minified file): a warning. */
  kind: 'syntax-error' | 'skipped' | 'read-error' | 'analyzer-error' | 'not-analysed';
  message: string;
}

export interface RuleMeta {
  id: string;
  description: string;
  defaultSeverity: Severity;
  /** Longer help, shown by SARIF consumers. */
  help: string;
  docsPath: string;
  /**
   * A security rule: its CVSS-like score as GitHub code scanning reads it (`security-severity`,
   * "0.1"–"10.0"), and the CWE ids it stands for. Unset for every other rule.
   */
  security?: { severity: string; cwe?: number[] };
}

export interface Report {
  version: string;
  /** The config files the scan used, outermost first (paths like the findings'); empty without one. */
  configs?: string[];
  findings: Finding[];
  /** Findings silenced by a disable directive or the baseline (not counted for the exit code). */
  suppressed?: SuppressedFinding[];
  sockets: Socket[];
  notes: FileNote[];
  rules: RuleMeta[];
  stats: {
    filesScanned: number;
    filesParsed: number;
    durationMs: number;
    /** Findings silenced by disable directives. */
    suppressed?: number;
    /** Findings dropped because the `--baseline` file lists them. */
    baselined?: number;
    /** Baseline entries that matched no finding: fixed or changed since the baseline was written. */
    baselineUnmatched?: number;
  };
}

export const SEVERITY_RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

export function compareLocations(a: Location, b: Location): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column;
}
