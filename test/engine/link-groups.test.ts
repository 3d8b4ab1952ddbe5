// The analysis runs one group of import-linked files at a time and forgets each: its sockets, findings
// and notes must be those of analysing every file together, in one project.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../rules/index.js';
import { analyse, analyseGroup, type AnalysisJob } from '../../src/engine/analyse.js';
import type { SourceText } from '../../src/engine/read-source.js';
import { activeRules } from '../../src/engine/apply-config.js';
import { linkedGroups } from '../../src/engine/link-groups.js';
import { ModuleResolver, specifiersInText } from '../../src/syntax/resolve-module.js';
import { SOCKET_HINT } from '../../src/engine/select-files.js';
import { distinctHints, hintOf, HintResults, matchedHints } from '../../src/engine/text-hints.js';
import { REPO } from '../helpers/cli.js';
import { FIXTURES, sourceFilesUnder } from '../helpers/fixture-sources.js';

function jobOf(
  toParse: SourceText[],
  ruleOnly: SourceText[],
  allPaths = [...toParse, ...ruleOnly].map((f) => f.absPath),
): AnalysisJob {
  const specifiers = new Map([...toParse, ...ruleOnly].map((f) => [f.absPath, specifiersInText(f.text)]));
  return {
    toParse,
    ruleOnly,
    resolver: new ModuleResolver(allPaths),
    specifiers,
    notReported: new Set(),
    extraVerbs: [],
    rules: activeRules(RULES),
  };
}

/** Every fixture at once: the files that mention a socket API as socket files, the rule-hinted rest as rule-only files. */
function jobOverFixtures(): AnalysisJob {
  const all = sourceFilesUnder(FIXTURES).map((absPath) => ({
    absPath,
    relPath: relative(REPO, absPath),
    text: readFileSync(absPath, 'utf8'),
  }));
  const hints = RULES.flatMap((r) => (r.fileHint ? [r.fileHint] : []));
  const toParse = all.filter((f) => SOCKET_HINT.test(f.text));
  const ruleOnly = all.filter((f) => !SOCKET_HINT.test(f.text) && hints.some((h) => h.test(f.text)));
  // a syntax error and a file too deep to analyse
  ruleOnly.push({
    absPath: '/x/broken.ts',
    relPath: 'broken.ts',
    text: "setInterval(() => fetch('/api/a'), 1000);\nconst = ;\n",
  });
  ruleOnly.push({
    absPath: '/x/deep.ts',
    relPath: 'deep.ts',
    text: `setInterval(() => fetch('/a'), 1000);\nconst v = ${'['.repeat(600)}${']'.repeat(600)};\n`,
  });
  return jobOf(
    toParse,
    ruleOnly,
    all.map((f) => f.absPath),
  );
}

const noteKey = (n: { file: string; kind: string; message: string }) => `${n.file}\0${n.kind}\0${n.message}`;

describe('linked groups', () => {
  const file = (name: string, text: string): SourceText => ({
    absPath: `/app/src/${name}`,
    relPath: `src/${name}`,
    text,
  });

  it('joins files that import, re-export or require one another, and nothing else', () => {
    const files = [
      file('a.ts', "import { b } from './b';"),
      file('b.ts', "export * from './c';"),
      file('c.ts', 'export const c = 1;'),
      file('d.js', "const e = require('./e');"),
      file('e.js', 'module.exports = {};'),
      file('f.ts', "import ws from 'ws'; import { x } from './not-parsed';"),
    ];
    const job = jobOf(files, [], [...files.map((f) => f.absPath), '/app/src/not-parsed.ts']);
    const groups = linkedGroups(files, job.specifiers, job.resolver);
    // each group is rooted at its first file and lists its members in file order
    expect(groups.roots()).toEqual([0, 3, 5]);
    expect(groups.members(0)).toEqual([0, 1, 2]);
    expect(groups.members(3)).toEqual([3, 4]);
    expect(groups.members(5)).toEqual([5]);
  });

  it('keep every member, in file order, through long chains of joins', async () => {
    const { Groups } = await import('../../src/engine/link-groups.js');
    const n = 200_000;
    const groups = new Groups(n);
    // even indexes in one chain joined from the far end, odd ones in pairs
    for (let i = n - 2; i >= 2; i -= 2) groups.join(i, i - 2);
    for (let i = 1; i + 2 < n; i += 4) groups.join(i + 2, i);
    expect(groups.root(n - 2)).toBe(0);
    expect(groups.members(0)).toEqual(Array.from({ length: n / 2 }, (_, k) => 2 * k));
    expect(groups.members(1)).toEqual([1, 3]);
    expect(groups.roots().slice(0, 4)).toEqual([0, 1, 5, 9]);
    expect(groups.roots()).toHaveLength(1 + n / 4);
  });

  it('give what analysing every fixture together gives', async () => {
    const job = jobOverFixtures();
    const groups = linkedGroups([...job.toParse, ...job.ruleOnly], job.specifiers, job.resolver);
    expect(groups.roots().length).toBeGreaterThan(60); // about one group per fixture app and per lone file
    const together = await analyseGroup(job);
    const grouped = await analyse(job);
    expect(together.sockets.length).toBeGreaterThan(50);
    expect(together.findings.length).toBeGreaterThan(30);
    expect(grouped.sockets).toEqual(together.sockets);
    expect(grouped.findings).toEqual(together.findings);
    expect(grouped.notes.map(noteKey).sort()).toEqual(together.notes.map(noteKey).sort());
    expect(grouped.notes.map((n) => `${n.file} ${n.kind}`)).toEqual(
      expect.arrayContaining(['broken.ts syntax-error', 'deep.ts skipped']),
    );
  });

  it('give the same when the rules take the hint results of the read instead of testing the texts again', async () => {
    const job = jobOverFixtures();
    const hints = distinctHints(activeRules(RULES).flatMap(({ rule }) => hintOf(rule) ?? []));
    const files = [...job.toParse, ...job.ruleOnly];
    const bits = new Map(files.map((f) => [f.absPath, matchedHints(hints, f.text)]));
    expect([...bits.values()].filter((b) => b !== 0).length).toBeGreaterThan(40);
    const tested = await analyse(job);
    expect(await analyse({ ...job, hintResults: new HintResults(hints, bits) })).toEqual(tested);
    // the bits are what the rules go by: with every bit cleared, no file rule has a file to look at
    const cleared = await analyse({
      ...job,
      hintResults: new HintResults(hints, new Map(files.map((f) => [f.absPath, 0]))),
    });
    expect(cleared.findings.length).toBeLessThan(tested.findings.length);
    expect(cleared.findings.map((f) => f.ruleId)).not.toContain('polling-could-stream');
  });

  it('join two groups when the parse finds a link the text did not show, and analyse them again together', async () => {
    // the apostrophe in the comment hides the import from the text scan, not from the parser
    const wrapper = file(
      'socket.ts',
      "export function connect() { return new WebSocket('wss://example.test/feed'); }\n",
    );
    const user = file(
      'feed.ts',
      "// opens the WebSocket\nimport { /* it's ours */ connect } from './socket';\nconst ws = connect();\nws.onopen = () => ws.send(JSON.stringify({ type: 'subscribe', channel: 'prices' }));\nws.onmessage = (e) => console.log(e.data);\n",
    );
    const job = jobOf([wrapper, user], []);
    expect(job.specifiers.get(user.absPath)).toEqual([]);
    expect(linkedGroups([wrapper, user], job.specifiers, job.resolver).roots()).toEqual([0, 1]);
    const grouped = await analyse(job);
    expect(grouped).toEqual(await analyseGroup(job).then(({ links: _, ...rest }) => rest));
    // the send in feed.ts reached the socket made in socket.ts only through that import
    expect(grouped.sockets).toHaveLength(1);
    expect(grouped.sockets[0].sends.map((s) => `${s.file}:${s.line} ${s.kind}`)).toEqual(['src/feed.ts:4 control']);
  });
});
