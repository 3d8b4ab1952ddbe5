// The second prefilter: a rule's words must also appear outside the lines that begin with a comment.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../rules/index.js';
import {
  distinctHints,
  hintFromPlain,
  hintOf,
  HintResults,
  matchedHints,
  matchesHint,
  plainHint,
  withoutLineComments,
} from '../../src/engine/text-hints.js';
import { FIXTURES, sourceFilesUnder } from '../helpers/fixture-sources.js';

const polling = hintOf(RULES.find((r) => r.meta.id === 'polling-could-stream')!)!;

describe('whole-line comments', () => {
  it('are removed, block and line, indented or not; code after a block comment stays', () => {
    const text = [
      '/**',
      ' * fetch(url) every 2 s',
      ' */',
      '  // setTimeout(poll, 2000)',
      '/* a */ keep();',
      'code(); // trailing stays',
    ].join('\n');
    const out = withoutLineComments(text);
    expect(out).not.toMatch(/fetch|setTimeout/);
    expect(out).toContain('keep();');
    expect(out).toContain('code(); // trailing stays');
  });

  it('keep a `//` line that may end a template literal or close a comment opened mid-line', () => {
    const template = 'const src = `\n// header ` + fetch(url);\n';
    expect(withoutLineComments(template)).toContain('fetch(url)');
    const interpolated = 'const s = `\n// ${fetch(url)}\n`;\n';
    expect(withoutLineComments(interpolated)).toContain('fetch(url)');
    const midLine = 'go(); /* starts here\n// and ends */ fetch(url);\n';
    expect(withoutLineComments(midLine)).toContain('fetch(url)');
  });

  it('no longer let a library whose docs talk of fetching and timers through to the parser', () => {
    const docs = [
      '/**',
      ' * Retries with `Effect.sleep(1000)`; see fetch() and setTimeout.',
      ' * @since 2.0.0',
      ' */',
      'export const retry = (self, n) => loop(self, n);',
    ].join('\n');
    expect(polling.text.test(docs)).toBe(true); // the first, raw-text hint alone would parse it
    expect(matchesHint(polling, docs)).toBe(false);
    const poll = "// poll the board\nsetInterval(() => fetch('/api/board'), 2000);\n";
    expect(matchesHint(polling, poll)).toBe(true);
    // a query library's interval option needs no HTTP client in sight
    expect(matchesHint(polling, 'useQuery({ queryKey: ["k"], queryFn, refetchInterval: 2000 });')).toBe(true);
  });

  it('survive the trip to the helper thread', () => {
    const back = hintFromPlain(JSON.parse(JSON.stringify(plainHint(polling))));
    expect(back.text.source).toBe(polling.text.source);
    expect(back.code?.source).toBe(polling.code?.source);
  });
});

describe('distinct hints', () => {
  it('test a file once per hint the running rules share', async () => {
    const { distinctHints } = await import('../../src/engine/text-hints.js');
    const all = RULES.flatMap((r) => hintOf(r) ?? []);
    const distinct = distinctHints(all);
    expect(distinct.length).toBe(all.length - 1); // the two SSE rules' hint
    expect(new Set(distinct.map((h) => h.text.source)).size).toBe(distinct.length);
  });
});

describe('hint results from the read', () => {
  const hints = distinctHints(RULES.flatMap((r) => hintOf(r) ?? []));
  const texts = [
    'setInterval(() => fetch("/api/feed").then(render), 2000);',
    "const ws = new WebSocket('wss://x.test/?token=' + t);",
    "res.writeHead(200, { 'Content-Type': 'text/event-stream' });",
    "import { WebSocketServer } from 'ws';",
    '// setInterval and fetch, in a comment only\nexport const x = 1;',
    '',
  ];

  it('set bit i exactly when hint i matches, on every fixture file', () => {
    for (const text of [...texts, ...sourceFilesUnder(FIXTURES).map((f) => readFileSync(f, 'utf8'))]) {
      const bits = matchedHints(hints, text);
      hints.forEach((h, i) =>
        expect(Boolean(bits & (1 << i)), `hint ${i} on ${text.slice(0, 60)}`).toBe(matchesHint(h, text)),
      );
    }
  });

  it('answer from the bits for a known file and hint, and test the text otherwise', () => {
    const [a, b] = hints;
    const results = new HintResults([a], new Map([['/known.ts', 0]]));
    const text = texts.find((t) => matchesHint(a, t))!;
    // the bits say no, whatever the text says: nothing is tested again
    expect(results.matches(a, { absPath: '/known.ts', text })).toBe(false);
    // a file read again, or a hint not in the list, is tested on the text
    expect(results.matches(a, { absPath: '/read-again.ts', text })).toBe(true);
    const other = texts.find((t) => matchesHint(b, t))!;
    expect(results.matches(b, { absPath: '/known.ts', text: other })).toBe(true);
  });
});
