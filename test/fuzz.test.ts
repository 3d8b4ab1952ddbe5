// Fuzz: the fixture trees mutated at random (truncated, spliced with tokens and bytes, blocks
// duplicated, deep-nested, lines removed and swapped), scanned in process with every rule in
// rules/index.ts. No exception may escape, no file may end in an analyzer error (those are our bugs),
// and every report must be valid JSON and structurally valid SARIF; a sample goes to the official
// validator. Fixed seed in CI; RT_FUZZ_CASES=N RT_FUZZ_SEED=S for a longer run, RT_FUZZ_ONLY=i to replay one case.
import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/model.js';
import { loadFixtures, mutateFixture } from './helpers/mutate.js';
import { mulberry32, shuffle } from './helpers/prng.js';
import { sarifProblems } from './helpers/sarif-shape.js';
import { jsonWithoutDuration, printAll, scanTree, writeTree } from './helpers/scan-tree.js';
import { REPO } from './helpers/cli.js';
import { RAW_CONTROL, WORKFLOW_COMMAND, withoutColour } from './helpers/terminal.js';

// 300 cases keep `npm test` within minutes; RT_FUZZ_CASES=1500 (or more) is the long run
const CASES = Number(process.env.RT_FUZZ_CASES ?? 300);
const SEED = Number(process.env.RT_FUZZ_SEED ?? 20261201);
const ONLY = process.env.RT_FUZZ_ONLY === undefined ? undefined : Number(process.env.RT_FUZZ_ONLY);
/** every n-th case also re-scanned with a shuffled readdir order, and its SARIF kept for the validator */
const RESCAN_EVERY = 25;
const VALIDATE_MAX = 40;

const base = mkdtempSync(join(tmpdir(), 'rt-fuzz-'));
const sampleDir = join(base, 'sarif-sample');
mkdirSync(sampleDir);
afterAll(() => {
  if (totals.failures === 0) rmSync(base, { recursive: true, force: true });
});
/** RT_FUZZ_LOG=file: progress and failures as they happen, for long runs */
const progress = (line: string) => {
  if (process.env.RT_FUZZ_LOG) appendFileSync(process.env.RT_FUZZ_LOG, `${line}\n`);
};

/** Each case has its own seed, so one case replays without running the ones before it. */
function caseSeed(seed: number, i: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(i + 1, 0xc2b2ae35)) >>> 0;
}

function problemsOf(report: Report, root: string): string[] {
  const out = report.notes
    .filter((n) => n.kind === 'analyzer-error')
    .map((n) => `analyzer-error in ${n.file}: ${n.message}`);
  const printed = printAll(report, root);
  let json: Report | undefined;
  try {
    json = JSON.parse(printed.json);
  } catch (err) {
    out.push(`json reporter output is not JSON: ${(err as Error).message}`);
  }
  const located = json
    ? [
        ...json.findings,
        ...json.sockets,
        ...json.sockets.flatMap((s) => s.sends),
        ...json.findings.flatMap((f) => f.related ?? []),
      ]
    : [];
  for (const l of located) {
    if (!Number.isInteger(l.line) || l.line < 1 || !Number.isInteger(l.column) || l.column < 1)
      out.push(`bad location ${JSON.stringify(l)}`);
    if (typeof l.file !== 'string' || l.file.startsWith('/') || l.file.includes('\\')) out.push(`bad file ${l.file}`);
  }
  out.push(...sarifProblems(printed.sarif).map((p) => `sarif ${p.path}: ${p.why}`));
  if (typeof printed.stylish !== 'string') out.push('stylish reporter returned no text');
  return out;
}

const totals = { cases: 0, withSockets: 0, findings: 0, notes: {} as Record<string, number>, rescans: 0, failures: 0 };
let sampled = 0;

describe('fuzz', () => {
  it(
    `scans ${ONLY === undefined ? CASES : 1} mutated fixture trees (seed ${SEED}) without an escape, an analyzer error or an invalid report`,
    { timeout: 120_000 + CASES * 200 },
    async () => {
      const fixtures = loadFixtures(join(REPO, 'fixtures'));
      expect(fixtures.size).toBeGreaterThan(20);
      const failures: string[] = [];
      const started = performance.now();
      for (let i = ONLY ?? 0; i < (ONLY === undefined ? CASES : ONLY + 1); i++) {
        const rand = mulberry32(caseSeed(SEED, i));
        const c = mutateFixture(fixtures, rand);
        const includeTests = rand() < 0.3;
        const root = join(base, `case-${i}`);
        writeTree(root, c.tree);
        const where = `case ${i} (RT_FUZZ_SEED=${SEED} RT_FUZZ_ONLY=${i}) ${c.fixture} [${c.log.join('; ')}]`;
        let failed = false;
        try {
          const report = await scanTree(root, { includeTests });
          const problems = problemsOf(report, root);
          if (problems.length > 0) {
            failed = true;
            failures.push(`${where}: ${problems.slice(0, 3).join(' | ')}`);
          }
          totals.cases++;
          if (report.sockets.length > 0) totals.withSockets++;
          totals.findings += report.findings.length;
          for (const n of report.notes) totals.notes[n.kind] = (totals.notes[n.kind] ?? 0) + 1;
          if (i % RESCAN_EVERY === 0) {
            const shuffled = async (dir: string) => shuffle(await readdir(dir, { withFileTypes: true }), mulberry32(i));
            const again = printAll(await scanTree(root, { includeTests, fs: { readdir: shuffled } }), root);
            const first = printAll(report, root);
            totals.rescans++;
            if (jsonWithoutDuration(again.json) !== jsonWithoutDuration(first.json) || again.sarif !== first.sarif) {
              failed = true;
              failures.push(`${where}: a shuffled readdir order changed the report`);
            }
            if (sampled < VALIDATE_MAX) {
              writeFileSync(join(sampleDir, `case-${i}.sarif`), first.sarif);
              sampled++;
            }
          }
        } catch (err) {
          failed = true;
          failures.push(`${where}: threw ${(err as Error)?.stack?.split('\n').slice(0, 4).join(' / ') ?? String(err)}`);
        }
        if (failed) progress(failures[failures.length - 1]);
        if (i % 500 === 0)
          progress(`case ${i}: ${JSON.stringify(totals)} after ${((performance.now() - started) / 1000).toFixed(0)} s`);
        // keep a failing tree for a look; the rest go at once to keep the temp folder small
        if (!failed) rmSync(root, { recursive: true, force: true });
      }
      totals.failures = failures.length;
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(
        `fuzz: ${JSON.stringify(totals)} in ${seconds} s${failures.length > 0 ? `; failing trees kept under ${base}` : ''}`,
      );
      expect(failures.slice(0, 10)).toEqual([]);
    },
  );

  it('the official SARIF validator accepts a sample of the fuzzed reports', { timeout: 120_000 }, () => {
    const files = readdirSync(sampleDir)
      .filter((f) => f.endsWith('.sarif'))
      .map((f) => join(sampleDir, f));
    if (ONLY !== undefined && files.length === 0) return; // a replayed case may not be a sampled one
    expect(files.length).toBeGreaterThan(0);
    const bin = createRequire(import.meta.url)('@microsoft/sarif-multitool') as string;
    chmodSync(bin, 0o755);
    const outFile = join(base, 'validation.sarif');
    execFileSync(
      bin,
      ['validate', ...files, '--output', outFile, '--log', 'ForceOverwrite', '--rule-kind', 'Sarif;Ghas'],
      {
        env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1', DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
        stdio: 'pipe',
      },
    );
    const results: Array<{
      ruleId: string;
      level?: string;
      message: { arguments?: string[] };
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }>;
    }> = JSON.parse(readFileSync(outFile, 'utf8')).runs[0].results;
    // the validator reports nothing at all when one file fails to deserialise, so its run must name our files
    const run = JSON.parse(readFileSync(outFile, 'utf8')).runs[0];
    expect(run.artifacts?.length ?? files.length).toBeGreaterThan(0);
    const serious = results
      .filter((r) => (r.level ?? 'warning') !== 'note' && r.level !== 'none')
      .map(
        (r) =>
          `${r.locations[0]?.physicalLocation.artifactLocation.uri.split('/').pop()}: ${r.ruleId} ${(r.message.arguments ?? []).join(' | ')}`,
      );
    console.log(`sarif-multitool validated ${files.length} fuzzed reports`);
    expect(serious).toEqual([]);
  });
});

// Issue 16 case 2: hostile file names and control characters in literals, scanned in process and
// printed by the stylish reporter: no raw control character, no line that starts a workflow command,
// no forged finding row. A few cases by default; RT_FUZZ_HOSTILE_CASES=N for more.
const HOSTILE_CASES = Number(process.env.RT_FUZZ_HOSTILE_CASES ?? 12);
const HOSTILE_BITS = [
  '\n',
  '\r',
  '\r\n',
  '\u001b[31m',
  '\u001b]0;owned\u0007',
  '\u001b]8;;http://x\u001b\\',
  '\u0007',
  '\u0008',
  '\u007f',
  '\u009b2J',
  '\u202e',
  '\u2066',
  '\u2028',
  '::error file=README.md,line=1::forged',
  '\n::add-mask::secret',
  '\r\n  9:9  error  forged  ws-subscribe-only',
  '  ::warning::x',
];

describe('fuzz: hostile names and literals in the stylish output', () => {
  it(`${HOSTILE_CASES} trees with control characters in file names and literals print safely`, async () => {
    const rand = mulberry32(SEED ^ 0x5eed);
    const bits = (n: number) =>
      Array.from(
        { length: 1 + Math.floor(rand() * n) },
        () => HOSTILE_BITS[Math.floor(rand() * HOSTILE_BITS.length)],
      ).join('x');
    const failures: string[] = [];
    for (let i = 0; i < HOSTILE_CASES; i++) {
      const root = mkdtempSync(join(base, 'hostile-'));
      // a name may hold anything but `/` and NUL; keep the extension so the file is scanned
      const name = `${bits(3)}.ts`.replace(/\//g, '_');
      const literal = bits(4);
      writeTree(root, {
        [name]: [
          "const ws = new WebSocket('wss://example.com/feed');",
          `ws.onopen = () => ws.send(JSON.stringify({ type: ${JSON.stringify(`subscribe${literal}`)} }));`,
          `ws.onopen = () => ws.send(${JSON.stringify(literal)});`,
          `setInterval(() => fetch(${JSON.stringify(`/api/${literal}`)}), 1000);`,
          'ws.onmessage = (e) => render(e.data);',
        ].join('\n'),
      });
      const report = await scanTree(root);
      const stylish = withoutColour(printAll(report, root).stylish);
      const where = `hostile case ${i} (${JSON.stringify(name)}, ${JSON.stringify(literal)})`;
      if (RAW_CONTROL.test(stylish)) failures.push(`${where}: a raw control character`);
      if (WORKFLOW_COMMAND.test(stylish)) failures.push(`${where}: a line starts with ::`);
      if (/^\s+9:9\s+error/m.test(stylish)) failures.push(`${where}: a forged row`);
      if (report.findings.length === 0) failures.push(`case ${i}: the socket was not analysed`);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
