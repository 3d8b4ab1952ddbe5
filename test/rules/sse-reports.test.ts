// The SSE rules end to end through the built CLI: their metadata in the JSON and SARIF reports,
// their findings' levels, and --fail-on with an info-only result.
import { describe, expect, it } from 'vitest';
import { RULES } from '../../rules/index.js';
import { knownRules } from '../../src/config/known-rules.js';
import { cli, REPO } from '../helpers/cli.js';
import { versionedUrl } from '../../src/links.js';
import { VERSION } from '../../src/version.js';

const KNOWN_RULES = knownRules(RULES);

const EXPRESS = `${REPO}fixtures/sse-express-notifications`;
const FASTIFY = `${REPO}fixtures/sse-fastify-job-progress`;

describe('SSE rules in the reports', { timeout: 60_000 }, () => {
  it('JSON lists every rule with its metadata, and the findings carry their rule severity', () => {
    const r = cli(['scan', '.', '--format', 'json'], { cwd: EXPRESS });
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.rules.map((x: { id: string }) => x.id)).toEqual(KNOWN_RULES.map((x) => x.meta.id).sort());
    for (const rule of KNOWN_RULES) expect(report.rules).toContainEqual({ ...rule.meta });
    expect(report.findings.map((f: { ruleId: string; severity: string }) => [f.ruleId, f.severity])).toEqual([
      ['sse-no-heartbeat', 'warning'],
      ['sse-proxy-buffering', 'info'],
    ]);
  });

  it('SARIF describes both rules (info as note) and links each result to its rule', () => {
    const r = cli(['scan', '.', '--format', 'sarif'], { cwd: EXPRESS });
    const run = JSON.parse(r.stdout).runs[0];
    const byId = new Map(run.tool.driver.rules.map((x: { id: string }) => [x.id, x]));
    expect(byId.get('sse-no-heartbeat')).toMatchObject({
      name: 'SseNoHeartbeat',
      defaultConfiguration: { level: 'warning' },
    });
    expect(byId.get('sse-proxy-buffering')).toMatchObject({
      name: 'SseProxyBuffering',
      defaultConfiguration: { level: 'note' },
      helpUri: versionedUrl('rules/sse-proxy-buffering.md', VERSION),
    });
    expect(run.results.map((x: { ruleId: string; level: string }) => [x.ruleId, x.level])).toEqual([
      ['sse-no-heartbeat', 'warning'],
      ['sse-proxy-buffering', 'note'],
    ]);
    for (const x of run.results) expect(run.tool.driver.rules[x.ruleIndex].id).toBe(x.ruleId);
  });

  it('an info finding alone passes the default --fail-on warning and fails --fail-on info', () => {
    expect(cli(['scan', '.'], { cwd: FASTIFY }).status).toBe(0);
    expect(cli(['scan', '.', '--fail-on', 'info'], { cwd: FASTIFY }).status).toBe(1);
  });
});
