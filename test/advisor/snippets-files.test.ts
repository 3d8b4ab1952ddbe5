// The starter files as a whole: they compile as users would build them, every variant `ask` can
// point to exists and ships in the package, and `rt-advisor scan` finds nothing to say about them.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLIENTS, DIRECTIONS, PLATFORMS, SCOPES, type Answers } from '../../src/advisor/answers.js';
import { factsOf } from '../../src/advisor/facts.js';
import { ALL_SNIPPET_FILES, snippetFor } from '../../src/advisor/snippets/index.js';
import { OUTCOME_IDS } from '../../src/advisor/transports.js';
import { cli, REPO } from '../helpers/cli.js';

const DIR = join(REPO, 'src/advisor/snippets');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

describe('the starter files', () => {
  it('compile with tsc (strict, DOM for clients, Node for servers)', () => {
    const r = spawnSync(
      process.execPath,
      [join(REPO, 'node_modules/typescript/bin/tsc'), '-p', join(DIR, 'tsconfig.json')],
      { encoding: 'utf8' },
    );
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('are exactly the files the selector knows, and every variant points to them', () => {
    const onDisk = filesUnder(DIR)
      .map((f) => relative(DIR, f))
      .filter((f) => f.includes('/') && f.endsWith('.ts'))
      .sort();
    expect(onDisk).toEqual([...ALL_SNIPPET_FILES].sort());
    const used = new Set<string>();
    for (const pick of OUTCOME_IDS)
      for (const direction of DIRECTIONS)
        for (const streamScope of SCOPES)
          for (const platform of PLATFORMS)
            for (const client of CLIENTS)
              for (const binary of [false, true]) {
                const a = {
                  direction,
                  clientToServerRatio: 0,
                  latencyBudgetMs: 300,
                  binary,
                  serverless: platform !== 'long-lived-server',
                  platform,
                  streamScope,
                  client,
                } as Answers;
                const snippet = snippetFor(pick, factsOf(a));
                expect(
                  snippet.files.some((f) => f.role === 'server') && snippet.files.some((f) => f.role === 'client'),
                  snippet.variant,
                ).toBe(true);
                snippet.files.forEach((f) => used.add(f.path));
              }
    expect([...used].sort()).toEqual([...ALL_SNIPPET_FILES].sort());
  });

  it('ship in the package, as source users can read', () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('src/advisor/snippets');
  });

  it('give `rt-advisor scan` nothing to report', () => {
    const r = cli(['scan', 'src/advisor/snippets', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { findings: unknown[]; sockets: { file: string; reconnects: string }[] };
    expect(report.findings).toEqual([]);
    // the scanner does see the two browser sockets, and sees that both reconnect
    expect(report.sockets.map((s) => [relative('src/advisor/snippets', s.file), s.reconnects]).sort()).toEqual([
      ['webrtc/client.ts', 'yes'],
      ['websocket/client.ts', 'yes'],
    ]);
  });
});
