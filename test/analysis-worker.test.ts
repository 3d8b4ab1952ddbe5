// Where the analysis runs must never change a result: every fixture, scanned as one tree, gives the
// same report from the analysis worker as from the scan's own thread; timing shows the worker ran.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, REPO } from './helpers/cli.js';

const scanFixtures = (worker: 'always' | 'never') =>
  cli(['scan', 'fixtures', '--format', 'json', '--fail-on', 'none'], { cwd: REPO, env: { RT_ADVISOR_WORKER: worker, RT_ADVISOR_TIMING: '1' } });

function comparable(stdout: string): unknown {
  const report = JSON.parse(stdout);
  return { ...report, stats: { ...report.stats, durationMs: 0 } };
}

describe('the analysis worker', () => {
  it('gives the same report as the scan thread over every fixture', () => {
    const inThread = scanFixtures('never');
    const inWorker = scanFixtures('always');
    expect(inThread.status).toBe(0);
    expect(inWorker.status).toBe(0);
    // the worker's phases come back labelled; the thread's run has none
    expect(inWorker.stderr).toMatch(/^parse \(worker\) /m);
    expect(inThread.stderr).not.toContain('(worker)');
    const report = comparable(inThread.stdout) as { sockets: unknown[]; findings: unknown[] };
    expect(report.sockets.length).toBeGreaterThan(50);
    expect(report.findings.length).toBeGreaterThan(50);
    expect(comparable(inWorker.stdout)).toEqual(report);
  });

  it('is not started for a tree with nothing to parse (ts-morph never loads)', () => {
    const root = mkdtempSync(join(tmpdir(), 'rta-worker-'));
    try {
      writeFileSync(join(root, 'math.ts'), 'export const add = (a: number, b: number) => a + b;\n');
      const r = cli(['scan', '.', '--format', 'json'], { cwd: root, env: { RT_ADVISOR_WORKER: 'always', RT_ADVISOR_TIMING: '1' } });
      expect(r.status).toBe(0);
      expect(r.stderr).toContain('read and select');
      expect(r.stderr).not.toContain('load ts-morph');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
