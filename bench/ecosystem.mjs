#!/usr/bin/env node
// `npm run ecosystem`: scans every corpus repository whole (every rule, default options, as a new user would)
// and compares the findings with the ledger of judged findings, bench/ecosystem/verdicts.json, like Ruff's
// ecosystem check. Prints per rule the findings and how many are judged tp / debatable / fp, then what changed
// against the ledger, then the labelled corpus score. Exits 1 when a finding judged tp vanished, a finding
// judged fp is reported, or a scan failed; 2 on bad usage. docs/ecosystem.md explains how to judge.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  compare,
  formatChanges,
  formatProjections,
  formatTable,
  mergeLedger,
  perRule,
  projections,
  unjudgedEntries,
  validateLedger,
} from './ecosystem/compare.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE =
  'usage: npm run ecosystem -- --trees DIR [--bin FILE] [--ledger FILE] [--score FILE | --no-score] [--repo owner/name]... [--jobs N] [--json FILE] [--update] [--list-fp] [--causes]  (or set RT_ECOSYSTEM_TREES; DIR holds owner+name/ trees written by the corpus prepare.mjs)';

/** One line on stderr and exit 2; the usage line too when the command line itself was wrong. */
function fail(message, { usage = false } = {}) {
  console.error(`ecosystem: ${message}`);
  if (usage) console.error(USAGE);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = {
    repos: [],
    score: undefined,
    noScore: false,
    update: false,
    listFp: false,
    causes: false,
    verbose: false,
    jobs: os.availableParallelism?.() ?? os.cpus().length,
    timeoutS: 600,
  };
  const value = (i, name) => {
    if (i + 1 >= argv.length || argv[i + 1].startsWith('--')) fail(`${name} needs a value`, { usage: true });
    return argv[i + 1];
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--trees':
        opts.trees = value(i, a);
        i++;
        break;
      case '--bin':
        opts.bin = value(i, a);
        i++;
        break;
      case '--ledger':
        opts.ledger = value(i, a);
        i++;
        break;
      case '--score':
        opts.score = value(i, a);
        i++;
        break;
      case '--no-score':
        opts.noScore = true;
        break;
      case '--repo':
        opts.repos.push(value(i, a));
        i++;
        break;
      case '--jobs':
        opts.jobs = Number(value(i, a));
        i++;
        break;
      case '--timeout':
        opts.timeoutS = Number(value(i, a));
        i++;
        break;
      case '--json':
        opts.json = value(i, a);
        i++;
        break;
      case '--update':
        opts.update = true;
        break;
      case '--list-fp':
        opts.listFp = true;
        break;
      case '--causes':
        opts.causes = true;
        break;
      case '--verbose':
        opts.verbose = true;
        break;
      case '-h':
      case '--help':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        if (a.startsWith('-')) fail(`unknown option ${a}`, { usage: true });
        if (opts.trees) fail(`unexpected argument ${a}`, { usage: true });
        opts.trees = a;
    }
  }
  opts.trees ??= process.env.RT_ECOSYSTEM_TREES;
  if (!opts.trees) fail('no trees folder: pass --trees DIR or set RT_ECOSYSTEM_TREES', { usage: true });
  if (!Number.isInteger(opts.jobs) || opts.jobs < 1) fail('--jobs must be a positive integer', { usage: true });
  if (!(opts.timeoutS > 0)) fail('--timeout must be a positive number of seconds', { usage: true });
  return opts;
}

const isDir = (p) => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};
const isFile = (p) => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

/** score.mjs of the labelled corpus: --score, RT_ECOSYSTEM_SCORE, or ../shared/corpus/ beside this checkout
 *  or beside the main checkout of its git repository (worktrees live elsewhere). */
function findScore(opts) {
  if (opts.noScore) return null;
  if (opts.repos.length && !opts.score) return null; // a subset of repositories: the score covers them all
  if (opts.score) return isFile(opts.score) ? path.resolve(opts.score) : fail(`--score: no file ${opts.score}`);
  if (process.env.RT_ECOSYSTEM_SCORE)
    return isFile(process.env.RT_ECOSYSTEM_SCORE)
      ? path.resolve(process.env.RT_ECOSYSTEM_SCORE)
      : fail(`RT_ECOSYSTEM_SCORE: no file ${process.env.RT_ECOSYSTEM_SCORE}`);
  const roots = [ROOT];
  try {
    const common = execFileSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    roots.push(path.dirname(common));
  } catch {
    /* not a git checkout: only the folder beside this one */
  }
  return roots.map((r) => path.resolve(r, '..', 'shared', 'corpus', 'score.mjs')).find(isFile) ?? null;
}

/** Runs `node args…` in cwd; resolves with its exit code, stdout, stderr and duration. Kills it after timeoutMs. */
function run(args, cwd, timeoutMs) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [],
      err = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', (e) => err.push(Buffer.from(String(e.message))));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code,
        signal,
        timedOut,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        ms: performance.now() - started,
      });
    });
  });
}

/** Runs the tasks, at most `jobs` at a time, in the given order. */
async function pool(tasks, jobs) {
  const results = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, tasks.length) }, worker));
  return results;
}

function firstLine(s) {
  return (
    String(s)
      .trim()
      .split('\n')
      .find((l) => l.trim()) ?? ''
  );
}

async function scanRepo(repo, opts) {
  const cwd = path.join(opts.trees, repo.replace('/', '+'));
  const r = await run([opts.bin, 'scan', '.', '--format', 'json', '--fail-on', 'none'], cwd, opts.timeoutS * 1000);
  if (opts.verbose) console.error(`[ecosystem] ${repo}: ${(r.ms / 1000).toFixed(1)} s`);
  const base = { repo, ms: r.ms };
  if (r.timedOut) return { ...base, error: `no answer after ${opts.timeoutS} s (killed)` };
  if (r.code !== 0)
    return { ...base, error: `exit ${r.code ?? r.signal}: ${firstLine(r.stderr) || firstLine(r.stdout)}` };
  let report;
  try {
    report = JSON.parse(r.stdout);
  } catch {
    return { ...base, error: `not JSON on stdout: ${firstLine(r.stdout).slice(0, 120)}` };
  }
  if (!Array.isArray(report?.findings)) return { ...base, error: 'the JSON report has no findings list' };
  const findings = report.findings.map((f) => ({
    repo,
    file: f.file,
    line: f.line,
    rule: f.ruleId,
    message: f.message,
  }));
  const rules = Array.isArray(report.rules) ? report.rules.map((x) => x.id) : [];
  return { ...base, findings, rules, filesScanned: report.stats?.filesScanned };
}

async function runScore(score, opts) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rt-ecosystem-'));
  const json = path.join(dir, 'score.json');
  try {
    const r = await run([score, '--trees', opts.trees, '--bin', opts.bin, '--json', json], ROOT, opts.timeoutS * 1000);
    const line = r.stdout.trim().split('\n').filter(Boolean).at(-1) ?? '';
    if (r.code !== 0 || !existsSync(json)) return { ms: r.ms, error: firstLine(r.stderr) || line || `exit ${r.code}` };
    const data = JSON.parse(readFileSync(json, 'utf8'));
    return {
      ms: r.ms,
      line,
      detect: data.detect,
      precision: data.precision,
      recall: data.recall,
      tp: data.tp,
      fp: data.fp,
      fn: data.fn,
      tn: data.tn,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One finding a line, so that a judgement is one line of a diff. */
function writeLedger(file, ledger) {
  const { findings, ...rest } = ledger;
  const head = JSON.stringify(rest, null, 2).replace(/\n}$/, '');
  const body = findings.map((e) => `    ${JSON.stringify(e)}`).join(',\n');
  writeFileSync(file, `${head},\n  "findings": [\n${body}\n  ]\n}\n`);
}

/** Newest modification time of the files under dir (0 when it does not exist). */
function newest(dir) {
  let t = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) t = Math.max(t, statSync(p).mtimeMs);
    }
  };
  if (isDir(dir)) walk(dir);
  return t;
}

/** The checkout's own build is older than its sources: the check would measure the previous build. */
function staleBuild(bin) {
  if (bin !== path.join(ROOT, 'bin', 'rt-advisor.js')) return false;
  const built = newest(path.join(ROOT, 'dist', 'bundle'));
  return built > 0 && Math.max(newest(path.join(ROOT, 'src')), newest(path.join(ROOT, 'rules'))) > built;
}

/** Warns when the corpus manifest beside score.mjs pins a repository at another commit than the ledger. */
function checkCommits(ledger, score) {
  const manifest = score && path.join(path.dirname(score), 'manifest.json');
  if (!manifest || !isFile(manifest)) return [];
  const pinned = new Map(JSON.parse(readFileSync(manifest, 'utf8')).map((c) => [c.repo, c.commit]));
  const warnings = [];
  for (const [repo, commit] of Object.entries(ledger.repos)) {
    if (pinned.has(repo) && pinned.get(repo) !== commit)
      warnings.push(
        `${repo}: the ledger was judged at ${commit.slice(0, 10)}, the corpus now pins ${pinned.get(repo).slice(0, 10)}: re-prepare the trees and re-judge its lines`,
      );
  }
  for (const repo of pinned.keys())
    if (!(repo in ledger.repos)) warnings.push(`${repo}: in the corpus but not in the ledger's repos (not scanned)`);
  const stale = ledger.findings.filter((e) => e.commit !== ledger.repos[e.repo]).length;
  if (stale) warnings.push(`${stale} ledger entries were judged at another commit than their repo's`);
  return warnings;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  opts.trees = path.resolve(opts.trees);
  if (!isDir(opts.trees)) fail(`no folder ${opts.trees}`);
  opts.bin = path.resolve(opts.bin ?? path.join(ROOT, 'bin', 'rt-advisor.js'));
  if (!isFile(opts.bin)) fail(`no rt-advisor at ${opts.bin} (run npm run build, or pass --bin)`);
  const ledgerFile = path.resolve(opts.ledger ?? path.join(ROOT, 'bench', 'ecosystem', 'verdicts.json'));
  let ledger;
  try {
    ledger = JSON.parse(readFileSync(ledgerFile, 'utf8'));
  } catch (e) {
    fail(`cannot read the ledger ${ledgerFile}: ${e.message}`);
  }
  const problems = validateLedger(ledger);
  if (problems.length)
    fail(
      `the ledger ${ledgerFile} is malformed: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`,
    );

  const unknown = opts.repos.filter((r) => !(r in ledger.repos));
  if (unknown.length) fail(`--repo: not in the ledger's repos: ${unknown.join(', ')}`, { usage: true });
  const repos = (opts.repos.length ? opts.repos : Object.keys(ledger.repos)).sort();
  const missing = repos.filter((r) => !isDir(path.join(opts.trees, r.replace('/', '+'))));
  if (missing.length)
    fail(
      `${missing.length} of ${repos.length} trees are missing under ${opts.trees} (${missing.slice(0, 4).join(', ')}${missing.length > 4 ? ', …' : ''}): write them with node <corpus>/prepare.mjs --mirrors DIR --out ${opts.trees}`,
    );
  const score = findScore(opts);

  let version = '?';
  try {
    version = execFileSync(process.execPath, [opts.bin, '--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    /* an old build without --version */
  }
  const rel = (p) => (path.relative(process.cwd(), p).startsWith('..') ? p : path.relative(process.cwd(), p) || '.');
  console.log(
    `rt-advisor ecosystem check: ${repos.length} repositories in ${rel(opts.trees)}, scanned whole with ${rel(opts.bin)} (${version}), ${opts.jobs} at a time`,
  );
  console.log(`ledger ${rel(ledgerFile)}: ${ledger.findings.length} judged findings`);
  for (const w of checkCommits(ledger, score)) console.log(`warning: ${w}`);
  if (staleBuild(opts.bin))
    console.log(
      'warning: src/ or rules/ changed after the last build: run npm run build first, or this measures the previous build',
    );

  const started = performance.now();
  // the labelled score is the longest single job: start it first
  const tasks = [...(score ? [() => runScore(score, opts)] : []), ...repos.map((repo) => () => scanRepo(repo, opts))];
  const done = await pool(tasks, opts.jobs);
  const wallMs = performance.now() - started;
  const scoreResult = score ? done.shift() : null;
  const scans = done;

  const failed = scans.filter((s) => s.error);
  const findings = scans.flatMap((s) => s.findings ?? []);
  const ruleIds = [...new Set(scans.flatMap((s) => s.rules ?? []))].filter((id) => id !== 'unused-disable-directive');
  // entries of a repository whose scan failed are neither present nor vanished
  const result = compare(
    findings,
    ledger,
    scans.filter((s) => !s.error).map((s) => s.repo),
  );
  const table = perRule(result, ruleIds);

  console.log('');
  console.log(formatTable(table));
  console.log(
    '(tp% = tp/(tp+deb+fp), tp+deb% = (tp+deb)/(tp+deb+fp), over the judged findings; "new" are not judged yet; "in tests" and "in examples" count by path)',
  );
  console.log('');
  console.log(formatChanges(result, { listFp: opts.listFp }));
  if (opts.causes) {
    console.log('');
    console.log(formatProjections(projections(result, ruleIds, ledger), table));
  }
  console.log('');
  if (!score)
    console.log(
      `labelled corpus score: skipped (${opts.noScore ? '--no-score' : opts.repos.length ? '--repo scans a subset; pass --score FILE to run it anyway' : 'no score.mjs found; pass --score FILE'})`,
    );
  else if (scoreResult.error) console.log(`labelled corpus score: failed: ${scoreResult.error}`);
  else console.log(`labelled corpus score (ws-subscribe-only): ${scoreResult.line}`);
  for (const s of failed) console.log(`scan failed: ${s.repo}: ${s.error}`);
  const slowest = [...scans]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 3)
    .map((s) => `${s.repo} ${(s.ms / 1000).toFixed(1)} s`)
    .join(', ');
  const scanCpu = scans.reduce((n, s) => n + s.ms, 0);
  console.log(
    `${repos.length} repositories, ${findings.length} findings, in ${(wallMs / 1000).toFixed(1)} s (scans ${(scanCpu / 1000).toFixed(1)} s summed${scoreResult ? `, score ${(scoreResult.ms / 1000).toFixed(1)} s` : ''}; slowest: ${slowest})`,
  );

  if (opts.update) {
    const added = unjudgedEntries(result.fresh, ledger.repos);
    if (added.length) {
      writeLedger(ledgerFile, mergeLedger(ledger, added));
      console.log(
        `--update: ${added.length} new findings added to ${rel(ledgerFile)} as unjudged: read each one's code and set verdict, reason and causes`,
      );
    } else console.log('--update: nothing new to add');
  }

  const reasons = [];
  if (result.tpVanished.length) reasons.push(`${result.tpVanished.length} judged tp vanished`);
  if (result.fpPresent.length) reasons.push(`${result.fpPresent.length} judged fp reported`);
  if (failed.length) reasons.push(`${failed.length} scans failed`);
  const exitCode = reasons.length ? 1 : 0;
  console.log(exitCode ? `exit 1: ${reasons.join(', ')}` : 'ok: no judged tp lost, no judged fp reported');

  if (opts.json) {
    writeFileSync(
      path.resolve(opts.json),
      JSON.stringify(
        {
          bin: opts.bin,
          version,
          trees: opts.trees,
          ledger: ledgerFile,
          wallMs,
          exitCode,
          rules: table.rules,
          total: table.total,
          score: scoreResult,
          repos: scans.map((s) => ({
            repo: s.repo,
            commit: ledger.repos[s.repo],
            ms: Math.round(s.ms),
            findings: s.findings?.length ?? null,
            filesScanned: s.filesScanned ?? null,
            error: s.error ?? null,
          })),
          findings: result.present.map((p) => ({
            repo: p.repo,
            file: p.file,
            line: p.line,
            rule: p.rule,
            verdict: p.verdict,
            kind: p.kind,
            causes: p.entry?.causes ?? [],
            message: p.message,
          })),
          new: result.fresh.map(({ repo, file, line, rule, message, movedFrom }) => ({
            repo,
            file,
            line,
            rule,
            message,
            movedFrom,
          })),
          vanished: result.vanished,
          projections: projections(result, ruleIds, ledger),
        },
        null,
        2,
      ),
    );
  }
  process.exitCode = exitCode;
}

main().catch((e) => {
  console.error(`ecosystem: ${e?.stack ?? e}`);
  process.exitCode = 2;
});
