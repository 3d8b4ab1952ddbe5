import type { Report } from '../model.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';

export interface ReporterOptions {
  color: boolean;
  cwd: string;
  /** SARIF: also write suppressed findings, marked as such. */
  reportSuppressed?: boolean;
}

/** A reporter is a pure function from one report to the text to print. */
export type Reporter = (report: Report, options: ReporterOptions) => string;

export const REPORTERS: Record<'stylish' | 'json' | 'sarif', Reporter> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
};
