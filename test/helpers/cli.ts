import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = `${REPO}bin/rt-advisor.js`;
/** The Node that runs the CLI: this one, or `RT_NODE=<path>` (.ci/run runs the end-to-end tests on Node 22 and 24 so). */
export const NODE = process.env.RT_NODE || process.execPath;

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a user would, with no TTY and no colour. */
export function cli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; nodeArgs?: string[] } = {},
): CliResult {
  const r = spawnSync(NODE, [...(options.nodeArgs ?? []), BIN, ...args], {
    cwd: options.cwd ?? REPO,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A preload (`nodeArgs: ['--require', probe]`) that writes `LOADED <request>` on stderr for every module load naming ts-morph. */
export function tsMorphProbe(): string {
  const probe = join(mkdtempSync(join(tmpdir(), 'rta-probe-')), 'probe.cjs');
  writeFileSync(
    probe,
    `const M = require('module'); const load = M._load;
     M._load = function (req, ...rest) { if (/ts-morph/.test(req)) process.stderr.write('LOADED ' + req + '\\n'); return load.call(this, req, ...rest); };`,
  );
  return probe;
}
