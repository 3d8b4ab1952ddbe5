// The JSON and SARIF reports describe every registered rule, so a consumer can show the metadata of
// a rule that has no finding in this run; an info rule's findings are SARIF notes and do not fail a scan.
import { describe, expect, it } from 'vitest';
import { RULES } from '../../rules/index.js';
import { knownRules } from '../../src/config/known-rules.js';
import { cli } from '../helpers/cli.js';

const KNOWN_RULES = knownRules(RULES);

const dashboard = 'fixtures/dashboard-polling-effect';

describe('rule metadata in the reports', () => {
  it('JSON lists every rule with its metadata', () => {
    const r = cli(['scan', dashboard, '--format', 'json']);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as {
      rules: Array<{ id: string; defaultSeverity: string; docsPath: string }>;
      findings: Array<{ ruleId: string; severity: string }>;
    };
    for (const rule of KNOWN_RULES)
      expect(report.rules).toContainEqual(
        expect.objectContaining({
          id: rule.meta.id,
          defaultSeverity: rule.meta.defaultSeverity,
          docsPath: rule.meta.docsPath,
        }),
      );
    expect(report.findings.map((f) => [f.ruleId, f.severity])).toEqual([['polling-could-stream', 'info']]);
  });

  it('SARIF lists every rule, and the info finding is a note that --fail-on info turns into a failure', () => {
    const r = cli(['scan', dashboard, '--format', 'sarif']);
    const run = JSON.parse(r.stdout).runs[0];
    expect(run.tool.driver.rules.map((d: { id: string }) => d.id).sort()).toEqual(
      KNOWN_RULES.map((x) => x.meta.id).sort(),
    );
    expect(run.results.map((x: { ruleId: string; level: string }) => [x.ruleId, x.level])).toEqual([
      ['polling-could-stream', 'note'],
    ]);
    expect(cli(['scan', dashboard, '--fail-on', 'info']).status).toBe(1);
  });
});
