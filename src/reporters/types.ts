import type { Report } from '../model.js';

export interface ReporterOptions {
  color: boolean;
  cwd: string;
  /** SARIF: also write suppressed findings, marked as such. */
  reportSuppressed?: boolean;
  /** `--quiet`: the warnings and info it dropped, for the summary to count */
  hiddenByQuiet?: { warning: number; info: number };
}

/** A reporter is a pure function from one report to the text to print. */
export type Reporter = (report: Report, options: ReporterOptions) => string;
