// `npm run bench`: rt-advisor scan against what a user would run instead, on real registry code, on a real
// monorepo and on synthetic monorepos. Trees are built once under bench/.work (gitignored); results go to
// bench/results.json.
//
// Environment knobs: BENCH_RUNS (timed rounds, default and minimum 5, after one warm-up), BENCH_TREES
// (comma list of real,monorepo,2000,10000,50000), BENCH_ESLINT_TREES (trees ESLint runs on; default all
// but 50000, where one run takes minutes), BENCH_MONOREPO (the folder of the real monorepo: a checkout of
// getsentry/sentry-javascript at MONOREPO_COMMIT; the tree is skipped with a note without it),
// BENCH_SCAN_BIN (another rt-advisor build, e.g. the one before a change), BENCH_BASE_BIN (a second build
// whose scan runs interleaved with the first, its report checked for being the same), BENCH_OUT (results file).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generate, GENERATOR_VERSION } from './synthetic.mjs';

const BENCH = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(BENCH, '..');
const WORK = join(BENCH, '.work');
const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 5));
const TREES = (process.env.BENCH_TREES ?? 'real,monorepo,2000,10000,50000').split(',').map((s) => s.trim());
const ESLINT_TREES = (process.env.BENCH_ESLINT_TREES ?? 'real,monorepo,2000,10000').split(',').map((s) => s.trim());
const SCAN_BIN = resolve(process.env.BENCH_SCAN_BIN ?? join(REPO, 'bin', 'rt-advisor.js'));
const BASE_BIN = process.env.BENCH_BASE_BIN && resolve(process.env.BENCH_BASE_BIN);
const OUT = resolve(process.env.BENCH_OUT ?? join(BENCH, 'results.json'));
const MAX_FILE_BYTES = 2 * 1024 * 1024; // the scan's own limit; the other tools get the same files
const SOCKET_CLIENTS = [
  'socket.io-client',
  'ws',
  'graphql-ws',
  '@supabase/realtime-js',
  'centrifuge',
  'reconnecting-websocket',
  'partysocket',
];
const COUNTED = /\.(?:js|ts|mjs|cjs)$/; // the issue's count: .js/.ts/.mjs/.cjs, .d.ts included
const SCANNED = /\.(?:[cm]?[jt]s|[jt]sx|vue|svelte)$/;
const DECLARATION = /\.d\.[cm]?ts$/;

const log = (...a) => console.error('[bench]', ...a);

function hasCommand(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** Every file under dir (no symlinks followed). */
function walk(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/** The registry tree: bench/packages.json (exact versions) and its lock, installed without scripts. */
function realTree() {
  const dir = join(WORK, 'real');
  const wanted = readFileSync(join(BENCH, 'packages.json'), 'utf8');
  const lock = join(BENCH, 'packages-lock.json');
  const stamp = join(dir, '.installed-from.json');
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== wanted) {
    log('installing the registry tree (once) into', relative(REPO, dir));
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), wanted);
    const args = ['--prefix', dir, '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'];
    if (existsSync(lock)) {
      copyFileSync(lock, join(dir, 'package-lock.json'));
      execFileSync('npm', ['ci', ...args], { stdio: 'inherit' });
    } else {
      execFileSync('npm', ['install', ...args], { stdio: 'inherit' });
    }
    writeFileSync(stamp, wanted);
  }
  const root = join(dir, 'node_modules');
  for (const c of SOCKET_CLIENTS)
    if (!existsSync(join(root, c, 'package.json'))) throw new Error(`registry tree lacks ${c}`);
  return { name: 'real', root, scanArgs: ['--no-default-ignores'] };
}

/**
 * A real monorepo, scanned as a user would: default ignores and its own .gitignore files (163 of them).
 * Not built here: its folder comes from BENCH_MONOREPO, written from a git snapshot with
 *   git --git-dir <snapshot> read-tree <commit> && git --git-dir <snapshot> --work-tree <dir> checkout-index -a -f --prefix=<dir>/
 * (with GIT_INDEX_FILE pointing to a throw-away index), as /work/shared/corpus/prepare.mjs does.
 */
const MONOREPO = 'getsentry/sentry-javascript';
const MONOREPO_COMMIT = 'f7a6cc0c221c324026287a7218ed07e929eb69d4';
function monorepoTree() {
  const root = process.env.BENCH_MONOREPO && resolve(process.env.BENCH_MONOREPO);
  if (!root || !existsSync(join(root, 'package.json'))) {
    log(
      `monorepo: skipped, ${root ? `${root} holds no package.json` : 'BENCH_MONOREPO is not set'} (a checkout of ${MONOREPO} at ${MONOREPO_COMMIT})`,
    );
    return undefined;
  }
  return { name: 'monorepo', root, scanArgs: [], source: `${MONOREPO}@${MONOREPO_COMMIT.slice(0, 12)}` };
}

function syntheticTree(n) {
  const dir = join(WORK, `synth-${n}`);
  const marker = join(dir, '.generated.json');
  const current = existsSync(marker) ? JSON.parse(readFileSync(marker, 'utf8')) : undefined;
  if (current?.version !== GENERATOR_VERSION || current?.totalFiles !== n) {
    log(`generating the ${n}-file synthetic monorepo (once)`);
    generate(dir, n, join(REPO, 'fixtures'));
  }
  return { name: String(n), root: dir, scanArgs: [] };
}

/** The scan's own file discovery (this checkout's build), to tell the other tools which files it leaves out. */
const discoverJs = ['scan', 'engine'].map((d) => join(REPO, 'dist', 'src', d, 'discover.js')).find(existsSync);
const { discoverFiles } = await import(pathToFileURL(discoverJs).href);

/**
 * What every tool is given: the source files the scan reads (its .gitignore files and default ignores
 * honoured, as the tree's scan arguments say), up to the scan's size limit, declarations aside. `skipped`
 * is every other source file, for ESLint to leave out too; `gitignores` counts the tree's .gitignore files.
 */
async function inventory(tree) {
  const all = walk(tree.root);
  const counted = all.filter((f) => COUNTED.test(f)).length;
  const gitignores = all.filter((f) => f.endsWith('/.gitignore')).length;
  const { files } = await discoverFiles({
    paths: [tree.root],
    cwd: tree.root,
    ignore: [],
    defaultIgnores: !tree.scanArgs.includes('--no-default-ignores'),
    gitignore: !tree.scanArgs.includes('--no-gitignore'),
  });
  const discovered = new Set(files.map((f) => f.absPath));
  const skipped = [];
  let big = 0;
  let scanned = 0;
  for (const f of all) {
    if (!SCANNED.test(f) || DECLARATION.test(f)) continue;
    if (!discovered.has(f)) skipped.push(f);
    else if (statSync(f).size > MAX_FILE_BYTES) {
      skipped.push(f);
      big++;
    } else scanned++;
  }
  return { counted, scanned, skipped, big, gitignores };
}

/** Wall time and peak RSS of one command: /usr/bin/time when present, else polling /proc. */
async function measure(cmd, args, cwd, stdoutFile, env) {
  const timeFile = join(WORK, 'time.out');
  const useTime = existsSync('/usr/bin/time');
  const argv = useTime ? ['/usr/bin/time', '-f', '%M', '-o', timeFile, cmd, ...args] : [cmd, ...args];
  const started = performance.now();
  const out = stdoutFile ? (await import('node:fs')).openSync(stdoutFile, 'w') : 'ignore';
  const child = spawn(argv[0], argv.slice(1), {
    cwd,
    stdio: ['ignore', out, 'pipe'],
    env: { ...process.env, ...env?.() },
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  let peakKb = 0;
  const poll = useTime
    ? undefined
    : setInterval(() => {
        try {
          const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
          if (m) peakKb = Math.max(peakKb, Number(m[1]));
        } catch {
          // gone
        }
      }, 10);
  const code = await new Promise((res) => child.on('close', (c) => res(c)));
  const wallMs = performance.now() - started;
  if (poll) clearInterval(poll);
  if (typeof out === 'number') (await import('node:fs')).closeSync(out);
  if (useTime) {
    const lines = readFileSync(timeFile, 'utf8').trim().split('\n');
    peakKb = Number(lines[lines.length - 1]);
  }
  return { wallMs, rssMb: peakKb / 1024, code, stderr };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const summary = (runs) => ({
  wallMs: median(runs.map((r) => r.wallMs)),
  rssMb: median(runs.map((r) => r.rssMb)),
  runsMs: runs.map((r) => Math.round(r.wallMs)),
});

/**
 * Runs every job once as a warm-up (page cache, the JIT's disk reads), then RUNS rounds of one run of
 * each, in turn: every tool's median then spans the same minutes, so a noisy spell on a shared machine
 * weighs on the tools alike instead of on whichever ran through it. A job's `env`, when given, is
 * called before each of its runs (a fresh folder per run, say).
 */
async function interleaved(jobs) {
  const runs = new Map(jobs.map((j) => [j.key, []]));
  for (let i = 0; i <= RUNS; i++) {
    log(i === 0 ? `  warm-up: ${jobs.map((j) => j.key).join(', ')}` : `  round ${i} of ${RUNS}`);
    for (const j of jobs) {
      const r = await measure(j.cmd, j.args, j.cwd, j.stdoutFile, j.env);
      if (!j.okCodes.includes(r.code)) throw new Error(`${j.key} exited ${r.code}: ${r.stderr.slice(0, 500)}`);
      if (i > 0) runs.get(j.key).push(r);
    }
  }
  return Object.fromEntries(jobs.map((j) => [j.key, summary(runs.get(j.key))]));
}

/** ESLint runs in the tree's folder (it lints nothing outside its working directory). */
function eslintConfig(tree, skipped) {
  const file = join(WORK, `eslint-${tree.name}.config.mjs`);
  const rel = (p) => relative(tree.root, p).split('\\').join('/');
  const text = `// generated by bench/run.mjs: one no-restricted-syntax rule, TS parser without type information
import tsParser from ${JSON.stringify(join(REPO, 'node_modules', '@typescript-eslint', 'parser', 'dist', 'index.js'))};
export default [
  // node_modules is the registry tree itself; declarations, files over 2 MB and what .gitignore and the
  // default ignores exclude are what the scan skips too
  { ignores: ['!**/node_modules/', '**/*.d.ts', '**/*.d.mts', '**/*.d.cts', ${skipped.map((b) => JSON.stringify(rel(b))).join(', ')}] },
  {
    files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'],
    languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } },
    linterOptions: { reportUnusedDisableDirectives: 'off', noInlineConfig: true },
    rules: {
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='WebSocket']", message: 'WebSocket client' },
        { selector: "CallExpression[callee.name='io']", message: 'socket.io client' }],
    },
  },
];
`;
  writeFileSync(file, text);
  return file;
}

const NODE_FLOOR = join(BENCH, 'floor.mjs');

async function benchTree(tree) {
  const inv = await inventory(tree);
  log(
    `${tree.name}: ${inv.counted} .js/.ts/.mjs/.cjs/.d.ts files, ${inv.gitignores} .gitignore files, ${inv.scanned} source files scanned (${inv.big} over 2 MB and ${inv.skipped.length - inv.big} ignored left out)`,
  );
  const rg = hasCommand('rg');
  const jobs = [];
  const tools = {};
  const job = (key, tool, j) => {
    jobs.push({ key, ...j });
    tools[key] = tool;
  };
  job(
    'floor',
    rg ? `rg ${execFileSync('rg', ['--version'], { encoding: 'utf8' }).split(/\s/)[1]}` : 'node read+search',
    rg
      ? {
          cmd: 'rg',
          args: [
            '-l',
            '--no-ignore',
            '--hidden',
            '--max-filesize',
            '2M',
            '-g',
            '*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}',
            '-g',
            '!*.d.{ts,mts,cts}',
            '-e',
            'WebSocket',
            '-e',
            'socket.io',
            tree.root,
          ],
          cwd: REPO,
          okCodes: [0, 1],
        }
      : { cmd: process.execPath, args: [NODE_FLOOR, tree.root], cwd: REPO, okCodes: [0] },
  );
  // what reading the tree costs Node itself, one thread: the floor where ripgrep is not installed
  if (rg)
    job('nodeFloor', 'node read+search', {
      cmd: process.execPath,
      args: [NODE_FLOOR, tree.root],
      cwd: REPO,
      okCodes: [0],
    });

  const scanArgs = [SCAN_BIN, 'scan', tree.root, '--format', 'json', '--fail-on', 'none', ...tree.scanArgs];
  const reportFile = join(WORK, `scan-${tree.name}.json`);
  job('scan', `rt-advisor scan (${relative(REPO, SCAN_BIN)})`, {
    cmd: process.execPath,
    args: scanArgs,
    cwd: REPO,
    okCodes: [0],
    stdoutFile: reportFile,
  });
  if (BASE_BIN) {
    job('scanBase', `rt-advisor scan (${BASE_BIN})`, {
      cmd: process.execPath,
      args: [BASE_BIN, ...scanArgs.slice(1)],
      cwd: REPO,
      okCodes: [0],
      stdoutFile: reportFile + '.base',
    });
  }
  // the very first scan on a machine: no compiled code of ts-morph cached yet (src/engine/compile-cache.ts)
  let fresh = 0;
  const freshCache = () => ({
    RT_ADVISOR_COMPILE_CACHE: join(WORK, 'compile-cache', `${tree.name}-${process.pid}-${fresh++}`),
  });
  job('scanFirst', 'rt-advisor scan, empty compile cache', {
    cmd: process.execPath,
    args: scanArgs,
    cwd: REPO,
    okCodes: [0],
    env: freshCache,
  });
  const cacheDir = join(WORK, 'cache', tree.name);
  const withCache =
    process.env.BENCH_CACHE !== '0' &&
    readFileSync(join(dirname(SCAN_BIN), '..', 'dist', 'src', 'cli', 'scan-flags.js'), 'utf8').includes('--cache');
  if (withCache) {
    rmSync(cacheDir, { recursive: true, force: true });
    // the warm-up run fills the cache; the timed runs re-run on the unchanged tree
    job('scanCached', 'rt-advisor scan --cache, warm', {
      cmd: process.execPath,
      args: [...scanArgs, '--cache', '--cache-location', cacheDir],
      cwd: REPO,
      okCodes: [0],
      stdoutFile: reportFile + '.cached',
    });
  }
  const withEslint = ESLINT_TREES.includes(tree.name);
  if (withEslint) {
    const config = eslintConfig(tree, inv.skipped);
    const eslintBin = join(REPO, 'node_modules', 'eslint', 'bin', 'eslint.js');
    const version = JSON.parse(readFileSync(join(REPO, 'node_modules', 'eslint', 'package.json'), 'utf8')).version;
    const parser = JSON.parse(
      readFileSync(join(REPO, 'node_modules', '@typescript-eslint', 'parser', 'package.json'), 'utf8'),
    ).version;
    job('eslint', `eslint ${version} + @typescript-eslint/parser ${parser}`, {
      cmd: process.execPath,
      args: [
        eslintBin,
        '--config',
        config,
        '--no-cache',
        '--format',
        'json',
        '--output-file',
        join(WORK, `eslint-${tree.name}.json`),
        '.',
      ],
      cwd: tree.root,
      okCodes: [0, 1],
    });
  }
  log(
    `${tree.name}: ${jobs.map((j) => j.key).join(', ')}, interleaved: ${RUNS} rounds after a warm-up${withEslint ? ' (ESLint is the slow part)' : ''}`,
  );
  const rows = await interleaved(jobs);
  rmSync(join(WORK, 'compile-cache'), { recursive: true, force: true });
  for (const [key, tool] of Object.entries(tools)) rows[key].tool = tool;

  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  rows.scan.sockets = report.sockets.length;
  rows.scan.filesParsed = report.stats.filesParsed;
  if (BASE_BIN) {
    const base = JSON.parse(readFileSync(reportFile + '.base', 'utf8'));
    rows.scanBase.sameReport =
      JSON.stringify({ ...base, stats: { ...base.stats, durationMs: 0 } }) ===
      JSON.stringify({ ...report, stats: { ...report.stats, durationMs: 0 } });
    if (!rows.scanBase.sameReport)
      log(`${tree.name}: the two builds' reports differ (${reportFile}, ${reportFile}.base)`);
  }
  if (withCache) {
    const again = JSON.parse(readFileSync(reportFile + '.cached', 'utf8'));
    if (JSON.stringify({ ...again, stats: undefined }) !== JSON.stringify({ ...report, stats: undefined }))
      throw new Error(`${tree.name}: the cached report differs`);
  }
  if (withEslint) {
    const lint = JSON.parse(readFileSync(join(WORK, `eslint-${tree.name}.json`), 'utf8'));
    rows.eslint.filesLinted = lint.length;
    rows.eslint.hits = lint.reduce(
      (n, f) => n + f.messages.filter((m) => m.ruleId === 'no-restricted-syntax').length,
      0,
    );
  }
  for (const r of Object.values(rows)) r.filesPerSec = Math.round(inv.scanned / (r.wallMs / 1000));
  const ratios = {
    scanOverFloor: +(rows.scan.wallMs / rows.floor.wallMs).toFixed(2),
    scanOverNodeFloor: rows.nodeFloor ? +(rows.scan.wallMs / rows.nodeFloor.wallMs).toFixed(2) : undefined,
    eslintOverScan: rows.eslint ? +(rows.eslint.wallMs / rows.scan.wallMs).toFixed(1) : undefined,
    eslintOverScanBase:
      rows.eslint && rows.scanBase ? +(rows.eslint.wallMs / rows.scanBase.wallMs).toFixed(1) : undefined,
    scanBaseOverFloor: rows.scanBase ? +(rows.scanBase.wallMs / rows.floor.wallMs).toFixed(2) : undefined,
    cachedOverFloor: rows.scanCached ? +(rows.scanCached.wallMs / rows.floor.wallMs).toFixed(2) : undefined,
  };
  return {
    tree: tree.name,
    source: tree.source,
    files: inv.counted,
    sourceFiles: inv.scanned,
    gitignores: inv.gitignores,
    tools: rows,
    ratios,
  };
}

async function startup() {
  const { help } = await interleaved([
    { key: 'help', cmd: process.execPath, args: [SCAN_BIN, '--help'], cwd: REPO, okCodes: [0] },
  ]);
  return { helpMs: Math.round(help.wallMs), helpRssMb: +help.rssMb.toFixed(0) };
}

function fmt(results) {
  const lines = [
    '| tree | files | tool | wall (median) | peak RSS | files/s |',
    '| --- | ---: | --- | ---: | ---: | ---: |',
  ];
  for (const t of results.trees) {
    for (const [key, r] of Object.entries(t.tools)) {
      lines.push(
        `| ${t.tree} | ${t.sourceFiles} | ${key}: ${r.tool} | ${(r.wallMs / 1000).toFixed(2)} s | ${r.rssMb.toFixed(0)} MB | ${r.filesPerSec} |`,
      );
    }
    const q = t.ratios;
    const nodeFloor = q.scanOverNodeFloor ? `, scan/node floor ${q.scanOverNodeFloor}×` : '';
    const base = q.scanBaseOverFloor
      ? `, base scan/floor ${q.scanBaseOverFloor}×${q.eslintOverScanBase ? `, ESLint/base scan ${q.eslintOverScanBase}×` : ''}, same report: ${t.tools.scanBase.sameReport ? 'yes' : 'NO'}`
      : '';
    lines.push(
      `| ${t.tree} | | **scan/floor ${q.scanOverFloor}×**${nodeFloor}${q.eslintOverScan ? `, **ESLint/scan ${q.eslintOverScan}×**` : ''}${q.cachedOverFloor ? `, cached scan/floor ${q.cachedOverFloor}×` : ''}${base} | | | |`,
    );
  }
  return lines.join('\n');
}

/** The targets of docs/performance.md (issue 20), each checked on the trees it names; absent trees are skipped. */
function targets(results) {
  const out = [];
  const tree = (name) => results.trees.find((t) => t.tree === name);
  const check = (what, value, ok) => value !== undefined && out.push({ what, value, met: ok(value) });
  for (const [name, min] of [
    ['real', 30],
    ['10000', 30],
    ['monorepo', 20],
  ])
    check(`ESLint/scan ≥ ${min}× on ${name}`, tree(name)?.ratios.eslintOverScan, (v) => v >= min);
  // without ripgrep the floor job is Node's own, and scan/floor is already that ratio
  const overNodeFloor = (t) =>
    t &&
    (t.ratios.scanOverNodeFloor ?? (t.tools.floor.tool === 'node read+search' ? t.ratios.scanOverFloor : undefined));
  for (const name of ['10000', 'monorepo'])
    check(`scan ≤ 4× the Node floor on ${name}`, overNodeFloor(tree(name)), (v) => v <= 4);
  for (const t of results.trees)
    check(`peak RSS ≤ 250 MB on ${t.tree}`, Math.round(t.tools.scan.rssMb), (v) => v <= 250);
  check('scan 50,000 / 10,000 files ≤ 5.5×', results.growth50kOver10k, (v) => v <= 5.5);
  return out;
}

const load = () => os.loadavg().map((x) => +x.toFixed(2));
const results = {
  date: new Date().toISOString(),
  machine: {
    cpu: os.cpus()[0]?.model,
    cores: os.cpus().length,
    memGb: +(os.totalmem() / 2 ** 30).toFixed(1),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
  },
  loadBefore: load(),
  runs: RUNS,
  trees: [],
};
mkdirSync(WORK, { recursive: true });
results.startup = await startup();
for (const name of TREES) {
  const tree = name === 'real' ? realTree() : name === 'monorepo' ? monorepoTree() : syntheticTree(Number(name));
  if (!tree) continue;
  results.trees.push(await benchTree(tree));
  log(fmt({ trees: [results.trees.at(-1)] }));
}
const synth = (n) => results.trees.find((t) => t.tree === String(n));
if (synth(10000) && synth(50000))
  results.growth50kOver10k = +(synth(50000).tools.scan.wallMs / synth(10000).tools.scan.wallMs).toFixed(2);
results.loadAfter = load();
results.targets = targets(results);
writeFileSync(OUT, JSON.stringify(results, null, 2) + '\n');
console.log(fmt(results));
console.log(
  `\n--help: ${results.startup.helpMs} ms, ${results.startup.helpRssMb} MB` +
    (results.growth50kOver10k ? `; scan 50,000 / 10,000 files: ${results.growth50kOver10k}×` : ''),
);
console.log(
  `\ntargets:\n${results.targets.map((t) => `- ${t.met ? 'met' : 'NOT met'}: ${t.what} (${t.value})`).join('\n')}`,
);
console.log(
  `machine: ${results.machine.cpu}, ${results.machine.cores} cores, ${results.machine.memGb} GB, ${results.machine.node}; load ${results.loadBefore.join(' ')} → ${results.loadAfter.join(' ')}`,
);
console.log(`written: ${relative(REPO, OUT)}`);
