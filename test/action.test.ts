// action.yml run locally: its shell steps, in order, with the inputs' defaults, in a copy of a fixture
// as the workspace; the `uses:` steps (setup-node, upload-sarif) are GitHub's and only named here.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCAN_FLAGS } from '../src/cli/scan-flags.js';
import { BIN, REPO } from './helpers/cli.js';

const action = readFileSync(join(REPO, 'action.yml'), 'utf8');

interface Step {
  name: string;
  id?: string;
  if?: string;
  uses?: string;
  env: Record<string, string>;
  run?: string;
}

/** The steps of this action's `runs.steps`, read by indentation (the file keeps one plain layout). */
function steps(): Step[] {
  const lines = action.slice(action.indexOf('\n  steps:\n')).split('\n').slice(2);
  const out: Step[] = [];
  let section: 'env' | 'run' | 'with' | undefined;
  for (const line of lines) {
    const item = /^ {4}- name: (.*)$/.exec(line);
    if (item) {
      out.push({ name: item[1], env: {} });
      section = undefined;
      continue;
    }
    const step = out.at(-1);
    if (!step) continue;
    const field = /^ {6}(\w[\w-]*):\s*(.*)$/.exec(line);
    if (field) {
      const [, key, value] = field;
      section = key === 'env' ? 'env' : key === 'run' ? 'run' : key === 'with' ? 'with' : undefined;
      if (key === 'id') step.id = value;
      if (key === 'if') step.if = value;
      if (key === 'uses') step.uses = value;
      if (key === 'run') step.run = '';
      continue;
    }
    if (section === 'env') {
      const kv = /^ {8}(\w+): (.*)$/.exec(line);
      if (kv) step.env[kv[1]] = kv[2];
    }
    if (section === 'run' && (line.startsWith('        ') || line === '')) step.run += `${line.slice(8)}\n`;
  }
  return out;
}

function inputDefaults(): Record<string, string> {
  const block = action.slice(action.indexOf('\ninputs:\n'), action.indexOf('\noutputs:\n'));
  const out: Record<string, string> = {};
  for (const [, name, value] of block.matchAll(/\n {2}([\w-]+):\n(?: {4}description: .*\n)? {4}default: (.*)/g))
    out[name] = value === "''" ? '' : value.replace(/^'(.*)'$/, '$1');
  return out;
}

describe('action.yml', () => {
  const all = steps();

  it('sets up Node, scans to SARIF, uploads it, then annotates and sets the exit code', () => {
    expect(all.map((s) => s.uses ?? s.name)).toEqual([
      'actions/setup-node@v5',
      'Find rt-advisor',
      'Scan (SARIF)',
      'github/codeql-action/upload-sarif@v4',
      'Scan (annotations and job summary)',
    ]);
    expect(all[3].if).toContain('!cancelled()');
    expect(action).toMatch(/sarif_file: \$\{\{ inputs\.sarif-file \}\}/);
  });

  it('passes inputs to scripts through the environment only (no ${{ }} in a script)', () => {
    for (const s of all) if (s.run) expect(s.run).not.toContain('${{');
  });

  it('runs its shell steps locally: a SARIF report, annotations, a job summary and exit 1 on a finding', () => {
    const workspace = mkdtempSync(join(tmpdir(), 'rta-action-'));
    cpSync(join(REPO, 'fixtures', 'price-feed-subscribe-ping'), workspace, { recursive: true });
    const output = join(workspace, '..', `${workspace.split('/').at(-1)}.output`);
    const summary = join(workspace, '..', `${workspace.split('/').at(-1)}.summary`);
    writeFileSync(output, '');
    const inputs = inputDefaults();
    const outputs: Record<string, string> = {};
    const evaluate = (v: string) =>
      v.replace(/\$\{\{ ([\w.-]+) \}\}/g, (_m, expr: string) => {
        const [scope, a, , c] = expr.split('.');
        if (scope === 'inputs') return inputs[a];
        if (expr === 'github.action_path') return REPO.replace(/\/$/, '');
        if (scope === 'steps') return outputs[`${a}.${c}`];
        throw new Error(`unknown expression ${expr}`);
      });
    const results: Record<string, { status: number | null; stdout: string; stderr: string }> = {};
    for (const s of all.filter((x) => x.run)) {
      const env = Object.fromEntries(Object.entries(s.env).map(([k, v]) => [k, evaluate(v)]));
      const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', s.run!], {
        cwd: workspace,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, CI: 'true', ...env },
      });
      results[s.name] = r;
      for (const [, k, v] of readFileSync(output, 'utf8').matchAll(/^(\w+)=(.*)$/gm)) outputs[`${s.id}.${k}`] = v;
    }
    expect(results['Find rt-advisor'].status).toBe(0);
    expect(outputs['cli.cli']).toBe(BIN);
    expect(results['Scan (SARIF)'].status).toBe(0);
    const sarif = JSON.parse(readFileSync(join(workspace, inputs['sarif-file']), 'utf8'));
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId).sort()).toEqual([
      'ws-no-reconnect',
      'ws-subscribe-only',
    ]);
    const last = results['Scan (annotations and job summary)'];
    expect(last.status).toBe(1);
    expect(last.stdout).toMatch(/^::warning file=src\/ticker\/priceFeed\.ts,line=17,col=14,/m);
    expect(readFileSync(summary, 'utf8')).toContain('## rt-advisor');
  });
});

describe("the README's workflow", () => {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const recipe = /```yaml\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  const scans = [...recipe.matchAll(/- run: npx rt-advisor scan (.*)/g)].map((m) => m[1].replace(/\s+#.*$/, ''));
  const known = SCAN_FLAGS.flatMap((f) => f.flags.split(/[ ,]+/).filter((w) => w.startsWith('-')));

  it('caches the cache folder, writes SARIF for the upload, then annotates', () => {
    expect(recipe).toMatch(/uses: actions\/cache@v\d+.*\n\s+with:\n\s+path: ~\/\.cache\/rt-advisor\n/);
    expect(scans.length).toBe(2);
    expect(scans[0]).toContain('--format sarif');
    expect(scans[1]).toContain('--format github');
    for (const s of scans) for (const f of s.split(/\s+/).filter((w) => w.startsWith('-'))) expect(known).toContain(f);
  });

  it("runs locally: the scan steps' commands give the report to upload and the annotations", () => {
    const workspace = mkdtempSync(join(tmpdir(), 'rta-readme-'));
    cpSync(join(REPO, 'fixtures', 'price-feed-subscribe-ping'), workspace, { recursive: true });
    const summary = join(workspace, '..', `${workspace.split('/').at(-1)}.summary`);
    const run = (args: string) =>
      spawnSync('bash', ['-c', `node "${BIN}" scan ${args}`], {
        cwd: workspace,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', HOME: workspace, CI: 'true', GITHUB_STEP_SUMMARY: summary },
      });
    const sarifScan = run(scans[0]);
    expect(sarifScan.status).toBe(0); // --fail-on none: the upload step runs, the next step fails the job
    const file = /--output-file (\S+)/.exec(scans[0])![1];
    expect(recipe).toContain(`sarif_file: ${file}`);
    expect(JSON.parse(readFileSync(join(workspace, file), 'utf8')).version).toBe('2.1.0');
    const annotate = run(scans[1]);
    expect(annotate.status).toBe(1);
    expect(annotate.stdout).toContain('::warning file=src/ticker/priceFeed.ts');
    expect(readFileSync(summary, 'utf8')).toContain('| `ws-subscribe-only`');
  });
});
