// Machine-readable output: the canonical report, as JSON.
import type { Report } from '../model.js';
import { canonicalReport } from './canonical.js';
import type { ReporterOptions } from './types.js';

export function formatJson(report: Report, _options: ReporterOptions): string {
  return `${JSON.stringify(canonicalReport(report), null, 2)}\n`;
}
