// Files only per-file rules want are checked one at a time and forgotten: the findings and notes
// must be those of checking every file together, in one project, as project-wide rules are.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { analyse, analyseAndCheck, splitJob, type AnalysisJob } from '../src/scan/analyse-files.js';
import { activeRules } from '../src/scan/apply-config.js';
import { REPO } from './helpers/cli.js';

const SOURCE = /\.(?:[cm]?[jt]sx?)$/;
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : SOURCE.test(name) ? [p] : [];
  });
}

/** Every rule-hinted fixture file as a rule-only file, the socket files of two fixtures as socket files. */
function jobOverFixtures(): AnalysisJob {
  const all = filesUnder(join(REPO, 'fixtures')).map((absPath) => ({ absPath, relPath: relative(REPO, absPath), text: readFileSync(absPath, 'utf8') }));
  const hints = RULES.flatMap((r) => (r.fileHint ? [r.fileHint] : []));
  const socketFixtures = /fixtures\/(?:price-feed-subscribe-ping|ws-token-in-query)\//;
  const toParse = all.filter((f) => socketFixtures.test(f.relPath));
  const ruleOnly = all.filter((f) => !socketFixtures.test(f.relPath) && hints.some((h) => h.test(f.text)));
  // a syntax error and a file too deep to analyse, in files only per-file rules want
  ruleOnly.push({ absPath: '/x/broken.ts', relPath: 'broken.ts', text: "setInterval(() => fetch('/api/a'), 1000);\nconst = ;\n" });
  ruleOnly.push({ absPath: '/x/deep.ts', relPath: 'deep.ts', text: `setInterval(() => fetch('/a'), 1000);\nconst v = ${'['.repeat(600)}${']'.repeat(600)};\n` });
  return { toParse, ruleOnly, allPaths: all.map((f) => f.absPath), includeTests: false, extraVerbs: [], rules: activeRules(RULES) };
}

describe('per-file rules, one file at a time', () => {
  it('find what checking every file together finds, with the same notes', async () => {
    const job = jobOverFixtures();
    const { alone, shared } = splitJob(job);
    // most rule-only fixture files are for per-file rules; token-in-url's stay with the socket files
    expect(alone.length).toBeGreaterThan(8);
    expect(shared.ruleOnly.length).toBeGreaterThan(0);
    const together = await analyseAndCheck(job);
    const split = await analyse(job);
    expect(together.findings.length).toBeGreaterThan(10);
    expect(split.findings).toEqual(together.findings);
    expect(split.sockets).toEqual(together.sockets);
    const order = (n: { file: string; kind: string; message: string }) => `${n.file}\0${n.kind}\0${n.message}`;
    expect(split.notes.map(order).sort()).toEqual(together.notes.map(order).sort());
    expect(split.notes.map((n) => `${n.file} ${n.kind}`)).toEqual(expect.arrayContaining(['broken.ts syntax-error', 'deep.ts skipped']));
  });
});
