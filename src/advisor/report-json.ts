// JSON report, versioned and documented in schema/ask-report.schema.json. Ruled-out outcomes carry
// `score: null` and come last; `answers` holds only what the user gave, `defaults` what was filled in.
import type { AnswerKey, Answers } from './answers.js';
import type { ReportInput } from './report-input.js';

export const REPORT_SCHEMA_VERSION = 1;

/** The JSON report as an object: what `ask --format json` prints and the API's `recommend()` returns. */
export function askReport({ rec, given }: Pick<ReportInput, 'rec' | 'given'>) {
  const answers: Partial<Answers> = {};
  const defaults: Partial<Answers> = {};
  for (const [key, value] of Object.entries(rec.answers) as [AnswerKey, unknown][]) {
    if (value === undefined) continue;
    ((given.has(key) ? answers : defaults) as Record<string, unknown>)[key] = value;
  }
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    recommendation: rec.recommendation,
    decidedBy: rec.decidedBy,
    decidedByRow: rec.decidedByRow,
    runnerUp: rec.runnerUp,
    wouldChange: rec.wouldChange ?? null,
    ranking: rec.ranking.map((t) => ({
      transport: t.transport,
      score: t.vetoed ? null : t.score,
      vetoed: t.vetoed,
      reasons: t.reasons,
    })),
    answers,
    defaults,
    warnings: rec.warnings,
    notes: rec.notes,
    checklist: rec.checklist,
    snippet: rec.snippet,
  };
}

export type AskReport = ReturnType<typeof askReport>;

export function reportJson(input: ReportInput): string {
  return `${JSON.stringify(askReport(input), null, 2)}\n`;
}
