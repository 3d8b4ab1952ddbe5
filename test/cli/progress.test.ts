import { afterAll, describe, expect, it } from 'vitest';
import { createProgress, NO_PROGRESS, progressLine } from '../../src/cli/progress.js';
import { cleanTrees, makeTree } from '../helpers/scan-tree.js';
import { scan } from '../../src/engine/scan.js';
import { RULES } from '../../rules/index.js';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { isTTY, writes, write: (s: string) => writes.push(s) };
}

function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('progress line', () => {
  it('says what the scan is doing, with grouped thousands', () => {
    expect(progressLine('read', 0, 10000)).toBe('rt-advisor: reading 10,000 files…');
    expect(progressLine('analyse', 1234, 2000)).toBe('rt-advisor: analysing 1,234/2,000 files');
  });

  it('shows nothing in the first second, then redraws in place at most every 100 ms, and clears at the end', () => {
    const s = fakeStream(true);
    const c = clock();
    const p = createProgress({ quiet: false }, s, {}, c.now);
    p.update('read', 0, 5000);
    c.advance(900);
    p.update('analyse', 10, 400);
    expect(s.writes).toEqual([]);
    c.advance(200);
    p.update('analyse', 20, 400);
    c.advance(50);
    p.update('analyse', 30, 400); // too soon
    c.advance(60);
    p.update('analyse', 40, 400);
    p.clear();
    expect(s.writes).toEqual([
      '\r\u001b[Krt-advisor: analysing 20/400 files',
      '\r\u001b[Krt-advisor: analysing 40/400 files',
      '\r\u001b[K',
    ]);
  });

  it('a fast scan leaves no trace', () => {
    const s = fakeStream(true);
    const p = createProgress({ quiet: false }, s, {}, clock().now);
    p.update('analyse', 1, 2);
    p.clear();
    expect(s.writes).toEqual([]);
  });

  it.each([
    ['stderr is not a TTY', false, {}, false],
    ['in CI', true, { CI: 'true' }, false],
    ['with --quiet', true, {}, true],
  ])('prints nothing %s', (_what, isTTY, env, quiet) => {
    expect(createProgress({ quiet }, fakeStream(isTTY), env, clock().now)).toBe(NO_PROGRESS);
  });

  it('CI=false or CI=0 is not CI', () => {
    expect(createProgress({ quiet: false }, fakeStream(true), { CI: 'false' }, clock().now)).not.toBe(NO_PROGRESS);
    expect(createProgress({ quiet: false }, fakeStream(true), { CI: '0' }, clock().now)).not.toBe(NO_PROGRESS);
  });
});

describe('the scan reports its progress', () => {
  afterAll(cleanTrees);
  it('the files to read, then the files analysed up to all of them', async () => {
    const root = makeTree({
      'a.ts': "const ws = new WebSocket('wss://x'); ws.onmessage = (e) => console.log(e.data);\n",
      'b.ts': "import './a';\nconst s = new WebSocket('wss://y'); s.onopen = () => s.send('ping');\n",
      'c.ts': 'export const n = 1;\n',
    });
    const calls: Array<[string, number, number]> = [];
    await scan({ paths: ['.'], cwd: root, ignore: [], defaultIgnores: true, gitignore: true }, RULES, {
      onProgress: (phase, done, total) => calls.push([phase, done, total]),
    });
    expect(calls[0]).toEqual(['read', 0, 3]);
    const analyse = calls.filter((c) => c[0] === 'analyse');
    expect(analyse[0][1]).toBe(0);
    expect(analyse.at(-1)![1]).toBe(analyse.at(-1)![2]);
    expect(analyse.at(-1)![2]).toBeGreaterThan(0);
  });
});
