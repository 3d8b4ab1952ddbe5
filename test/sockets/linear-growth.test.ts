// Issue 16 case 5: one file with N sockets (`const wsN = new WebSocket(…); wsN.onopen = () => wsN.send(…)`)
// is analysed in time linear in N. Following each socket used to walk the whole file for its
// references, and locating each send counted the file's newlines from the start: 5,000 sockets took 202 s.
import { describe, expect, it } from 'vitest';
import { analyzeFiles } from '../helpers/analyze-snippet.js';
import { growthRatio } from '../helpers/linear.js';

function manySockets(n: number): Record<string, string> {
  let text = '';
  for (let i = 0; i < n; i++) {
    text += `const ws${i} = new WebSocket("wss://example.com/feed/${i}"); ws${i}.onopen = () => ws${i}.send(JSON.stringify({ type: "subscribe", channel: "c${i}" }));\n`;
  }
  return { 'src/feeds.ts': text };
}

describe('socket analysis grows linearly with the sockets in one file', () => {
  it('N and 10N sockets: parse, find, follow, classify and locate grow ≤ ~12×', () => {
    let found = 0;
    const r = growthRatio({
      make: manySockets,
      run: (files) => (found = analyzeFiles(files).length),
      start: 50,
      maxN: 400,
    });
    expect(found).toBe(r.n * 10);
    expect(r.ratio, JSON.stringify(r)).toBeLessThanOrEqual(12);
  }, 120_000);
});
