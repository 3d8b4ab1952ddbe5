// The programmatic API (src/api.ts) gives the objects the CLI's JSON formats print. The packed package's
// API is tested in package.test.ts; this checks the source, with bad input too.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatters, recommend, scan } from '../src/api.js';
import type { Report } from '../src/model.js';
import { cli, REPO } from './helpers/cli.js';

const comparable = (report: Report) => ({ ...report, stats: { ...report.stats, durationMs: 0 } });

describe('the API', () => {
  it('scan() resolves to the report `scan --format json` prints', async () => {
    const fixture = 'fixtures/price-feed-subscribe-ping';
    const report = await scan([fixture], { cwd: REPO });
    const printed = JSON.parse(cli(['scan', fixture, '--format', 'json']).stdout) as Report;
    expect(report.findings.length).toBeGreaterThan(0);
    expect(comparable(report)).toEqual(comparable(printed));
    expect(formatters.json(report, { color: false, cwd: REPO })).toBe(`${JSON.stringify(report, null, 2)}\n`);
    expect(formatters.stylish(report, { color: false, cwd: REPO })).toContain('ws-subscribe-only');
    expect(JSON.parse(formatters.sarif(report, { color: false, cwd: REPO }))).toMatchObject({ version: '2.1.0' });
  });

  it('scan() honours the options the CLI flags set: no config, extra ignores', async () => {
    const fixture = 'fixtures/config-team-protocol';
    const withConfig = await scan(fixture, { cwd: REPO });
    const printed = JSON.parse(cli(['scan', fixture, '--format', 'json']).stdout) as Report;
    expect(comparable(withConfig)).toEqual(comparable(printed));
    const noConfig = await scan(fixture, { cwd: REPO, config: false });
    const printedNoConfig = JSON.parse(cli(['scan', fixture, '--format', 'json', '--no-config']).stdout) as Report;
    expect(comparable(noConfig)).toEqual(comparable(printedNoConfig));
    const ignored = await scan(fixture, { cwd: REPO, ignore: ['**/*.ts'] });
    expect(ignored.findings).toEqual([]);
  });

  it('recommend() returns the report `ask --answers <file> --format json` prints', () => {
    const answers = {
      direction: 'server-to-client',
      clientToServerRatio: 0,
      latencyBudgetMs: 2000,
      binary: false,
      platform: 'vercel',
    } as const;
    // the CLI reads them from a file; the API gets the same object
    const file = join(mkdtempSync(join(tmpdir(), 'rta-api-')), 'answers.json');
    writeFileSync(file, JSON.stringify(answers));
    const printed = cli(['ask', '--answers', file, '--format', 'json']);
    expect(printed.status).toBe(0);
    expect(recommend(answers)).toEqual(JSON.parse(printed.stdout));
    const preset = JSON.parse(cli(['ask', '--preset', 'chat', '--format', 'json']).stdout) as unknown;
    expect(recommend({}, { preset: 'chat' })).toEqual(preset);
  });

  it("rejects bad input with the CLI's one-line messages", async () => {
    await expect(scan(['no/such/dir'], { cwd: REPO })).rejects.toThrow('path not found: no/such/dir');
    expect(() => recommend({ direction: 'server-to-client' })).toThrow(/missing answers: clientToServerRatio/);
    expect(() => recommend({ directon: 'x' } as never)).toThrow(/unknown key directon \(did you mean direction\?\)/);
  });
});
