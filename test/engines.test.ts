// `engines` promises the Node versions the package runs on: each runtime dependency must support all
// of them (issue 17: `>=20` promised Node 20.0, which @inquirer's `^20.17` does not).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { REPO } from './helpers/cli.js';

const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { dev?: boolean; engines?: { node?: string } | string[] }>;
};
const ours = manifest.engines.node;

describe('engines', () => {
  it('covers the Node lines we test on (20, 22, 24) and no version a runtime dependency refuses', () => {
    const runtime = Object.entries(lock.packages).filter(([key, e]) => key !== '' && !e.dev);
    expect(runtime.length).toBeGreaterThan(5);
    const refusing = runtime.flatMap(([key, e]) => {
      const theirs = !e.engines || Array.isArray(e.engines) ? undefined : e.engines.node;
      return theirs && !semver.subset(ours, theirs) ? [`${key} needs ${theirs}`] : [];
    });
    expect(refusing).toEqual([]);
    for (const line of ['20', '22', '24']) expect(semver.intersects(ours, `${line}.x`)).toBe(true);
  });

  it("accepts the Node running the tests (.ci/run's and RT_NODE's)", () => {
    expect(semver.satisfies(process.version, ours)).toBe(true);
  });
});
