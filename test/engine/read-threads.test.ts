// A big tree is read by two threads taking chunks of the file list; the report must be the one of
// reading alone: same findings, sockets, notes (skipped files), directives and their suppressions.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, tsMorphProbe } from '../helpers/cli.js';

const root = mkdtempSync(join(tmpdir(), 'rta-read-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function put(rel: string, text: string | Buffer): void {
  const p = join(root, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, text);
}

// 3,600 files (past the two-thread threshold), with sockets, importers, skipped files and directives spread over the list
for (let i = 0; i < 3600; i++) {
  const dir = `packages/p${String(i % 40).padStart(2, '0')}/src`;
  if (i % 300 === 7) {
    put(
      `${dir}/feed${i}.ts`,
      `export const ws${i} = new WebSocket('wss://x/${i}');\nws${i}.onopen = () => ws${i}.send('ping');\nws${i}.onmessage = (e) => console.log(e.data);\n`,
    );
    put(`${dir}/use${i}.ts`, `import { ws${i} } from './feed${i}';\nexport const close${i} = () => ws${i}.close();\n`);
  } else if (i % 500 === 11) {
    put(
      `${dir}/quiet${i}.ts`,
      `// rt-advisor-disable-next-line ws-subscribe-only -- kept on purpose\nconst s = new WebSocket('wss://y');\ns.onopen = () => s.send('subscribe');\ns.onmessage = (e) => console.log(e.data);\n`,
    );
  } else if (i % 700 === 13) {
    put(`${dir}/poll${i}.ts`, `setInterval(() => fetch('/api/status/${i}'), 2000);\n`);
  } else if (i === 1234) {
    put(`${dir}/blob.ts`, Buffer.from([0x63, 0x6f, 0x00, 0x01, 0x02]));
  } else if (i === 2345) {
    put(`${dir}/huge.ts`, `export const big = "${'x'.repeat(3 * 1024 * 1024)}";\n`);
  } else {
    put(`${dir}/m${i}.ts`, `export function f${i}(a: number): number {\n  return a + ${i};\n}\n`);
  }
}

const run = (threads?: string) =>
  cli(['scan', '.', '--format', 'json', '--fail-on', 'none'], {
    cwd: root,
    env: { RT_ADVISOR_TIMING: '1', ...(threads ? { RT_ADVISOR_THREADS: threads } : {}) },
  });
const comparable = (stdout: string) => {
  const r = JSON.parse(stdout);
  return { ...r, stats: { ...r.stats, durationMs: 0 } };
};

describe('reading a big tree with two threads', () => {
  it('gives the report of reading with one', () => {
    const one = run('1');
    const two = run();
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    expect(two.stderr).toContain('read: files (second thread)');
    expect(one.stderr).not.toContain('second thread');
    const report = comparable(one.stdout);
    expect(report.stats.filesScanned).toBeGreaterThan(3500);
    expect(report.sockets.length).toBe(20);
    expect(report.suppressed.length).toBe(8);
    expect(report.notes.map((n: { kind: string }) => n.kind).sort()).toEqual(['skipped', 'skipped']);
    expect(comparable(two.stdout)).toEqual(report);
  });

  it('never loads ts-morph on a big tree without a file to parse', () => {
    const quiet = mkdtempSync(join(tmpdir(), 'rta-read-quiet-'));
    try {
      for (let i = 0; i < 3200; i++) {
        const p = join(quiet, `src/d${i % 32}/m${i}.ts`);
        mkdirSync(dirname(p), { recursive: true });
        writeFileSync(p, `export const f${i} = (a: number) => a + ${i}; // not a socket\n`);
      }
      const r = cli(['scan', '.', '--format', 'json'], {
        cwd: quiet,
        env: { RT_ADVISOR_TIMING: '1' },
        nodeArgs: ['--require', tsMorphProbe()],
      });
      expect(r.status).toBe(0);
      expect(r.stderr).toContain('read: files (second thread)');
      expect(r.stderr).not.toContain('LOADED');
      expect(JSON.parse(r.stdout).stats.filesScanned).toBe(3200);
    } finally {
      rmSync(quiet, { recursive: true, force: true });
    }
  });
});
