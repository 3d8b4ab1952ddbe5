import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractScripts, looksMinified, readSourceSync, scriptKindFor } from '../../src/engine/read-source.js';

const dir = mkdtempSync(join(tmpdir(), 'rt-read-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const abs = join(dir, name);
  writeFileSync(abs, content);
  return abs;
}

/** 1-based line and column of the first `token`, counting \r\n, \n and \r as line breaks like TS. */
function position(text: string, token: string): { line: number; column: number } {
  const index = text.indexOf(token);
  expect(index).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, index);
  const lines = before.split(/\r\n|\n|\r|\u2028|\u2029/);
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

describe('readSource', () => {
  it('returns the text unchanged, CRLF included', () => {
    const text = "const a = 1;\r\nconst b = 'é';\r\n";
    expect(readSourceSync(file('crlf.ts', text), 1024)).toEqual({ text });
  });

  it('strips a UTF-8 BOM', () => {
    expect(readSourceSync(file('bom.ts', Buffer.from('\uFEFFexport {};\n', 'utf8')), 1024)).toEqual({
      text: 'export {};\n',
    });
  });

  it('skips a file with a NUL byte as binary', () => {
    const res = readSourceSync(file('bin.js', Buffer.from([0x63, 0x6f, 0x00, 0x6e, 0x73, 0x74])), 1024);
    expect(res).toEqual({ skip: 'skipped', reason: 'binary file' });
  });

  it('skips a file that is not valid UTF-8', () => {
    const res = readSourceSync(file('latin1.js', Buffer.from('const s = "caf\xe9";\n', 'latin1')), 1024);
    expect(res).toEqual({ skip: 'skipped', reason: 'not valid UTF-8' });
  });

  it('skips a file above the size limit without reading it', () => {
    const abs = file('big.js', 'x'.repeat(3 * 1024 * 1024));
    expect(readSourceSync(abs, 2 * 1024 * 1024)).toEqual({
      skip: 'skipped',
      reason: 'larger than 2 MB (--max-file-size)',
    });
    expect(readSourceSync(abs, 3 * 1024 * 1024)).toHaveProperty('text');
    expect(readSourceSync(file('small.js', 'x'.repeat(200)), 100)).toEqual({
      skip: 'skipped',
      reason: 'larger than 100 bytes (--max-file-size)',
    });
  });

  it('reports a file it cannot open as a read error', () => {
    expect(readSourceSync(join(dir, 'missing.ts'), 1024)).toEqual({
      skip: 'read-error',
      reason: 'cannot read (ENOENT)',
    });
    expect(readSourceSync(dir, 1024)).toMatchObject({ skip: 'read-error' });
  });
});

const VUE = [
  '<template>',
  '  <div @click="socket.send(\'x\')">{{ count }}</div>',
  '</template>',
  '',
  '<script>',
  "export default { name: 'Live' };",
  '</script>',
  '',
  '<script setup lang="ts" generic="T extends Record<string, number>">',
  "import { ref } from 'vue';",
  "const ws = new WebSocket('wss://example.com/live');",
  '  ws.onmessage = (e) => count.value++;',
  '</script>',
  '',
  '<script type="application/json">{ "WebSocketJson": true }</script>',
  '<!-- <script>const commentedOut = 1;</script> -->',
  '<style scoped>',
  '.a { color: red; }',
  '</style>',
  '',
].join('\n');

describe('extractScripts', () => {
  it('keeps Vue script blocks at their exact lines and columns and blanks the rest', () => {
    const out = extractScripts(VUE, '.vue');
    expect(out).toHaveLength(VUE.length);
    expect(out.split('\n').length).toBe(VUE.split('\n').length);
    for (const token of [
      "export default { name: 'Live' }",
      'new WebSocket',
      'ws.onmessage',
      "import { ref } from 'vue'",
    ]) {
      expect(position(out, token)).toEqual(position(VUE, token));
    }
    expect(position(out, 'new WebSocket')).toEqual({ line: 11, column: 12 });
    for (const gone of [
      'template',
      'socket.send',
      'count }}',
      'script',
      'WebSocketJson',
      'commentedOut',
      'color',
      'generic',
    ]) {
      expect(out).not.toContain(gone);
    }
  });

  it('keeps CRLF and Svelte module and instance scripts, drops template scripts', () => {
    const svelte = [
      '<script context="module" lang="ts">',
      '  export const prerender = true;',
      '</script>',
      '<script lang="ts">',
      "  const ws = new WebSocket('wss://x');",
      '</script>',
      '<script type="text/template"><p>{name}</p></script>',
      '<h1>Hello {name}!</h1>',
      '<SCRIPT>const upper = 1;</SCRIPT >',
      '<script lang="coffee">cs = 1</script>',
    ].join('\r\n');
    const out = extractScripts(svelte, '.svelte');
    expect(out).toHaveLength(svelte.length);
    expect(out.match(/\r\n/g)).toHaveLength(9);
    expect(out.replace(/[^\r\n]/g, '')).toBe(svelte.replace(/[^\r\n]/g, ''));
    expect(position(out, 'new WebSocket')).toEqual({ line: 5, column: 14 });
    expect(position(out, 'export const prerender')).toEqual(position(svelte, 'export const prerender'));
    expect(position(out, 'const upper')).toEqual({ line: 9, column: 9 });
    for (const gone of ['<p>', 'Hello', 'cs = 1', 'context']) expect(out).not.toContain(gone);
  });

  it('keeps an unclosed script to the end, and nothing for a self-closing one', () => {
    expect(extractScripts('<script src="./a.ts" />\n<script>let a = 1;\n', '.vue')).toBe(
      `${' '.repeat(23)}\n        let a = 1;\n`,
    );
  });

  it('blanks a file without scripts entirely, keeping line separators', () => {
    expect(extractScripts('<p>a</p>\r\n<p>\u2028b</p>', '.svelte')).toBe('        \r\n   \u2028     ');
  });
});

describe('looksMinified', () => {
  it('flags a bundle on one long line', () => {
    const bundle = `/*! lib v1 | MIT */\n${'var a=function(b){return b+1};'.repeat(2000)}\n`;
    expect(looksMinified(bundle)).toBe(true);
  });

  it('flags a bundle on a few very long lines', () => {
    const line = 'function x(){return window.WebSocket&&new WebSocket(u)}'.repeat(40);
    expect(looksMinified(Array.from({ length: 20 }, () => line).join('\n'))).toBe(true);
  });

  it('does not flag normal source, however large', () => {
    const src = Array.from(
      { length: 3000 },
      (_, i) => `export const value${i} = compute(${i}, 'some text here');`,
    ).join('\n');
    expect(src.length).toBeGreaterThan(100_000);
    expect(looksMinified(src)).toBe(false);
  });

  it('does not flag normal source with one long data line', () => {
    const src = Array.from({ length: 400 }, (_, i) => `const v${i} = ${i};`);
    src.push(`export const logo = 'data:image/png;base64,${'A'.repeat(30_000)}';`);
    expect(looksMinified(src.join('\n'))).toBe(false);
  });

  it('does not flag a small file with a long line', () => {
    expect(looksMinified(`var a=1;${'b+=1;'.repeat(1000)}`)).toBe(false);
  });
});

describe('scriptKindFor', () => {
  it.each([
    ['a.ts', 'ts'],
    ['a.mts', 'ts'],
    ['a.cts', 'ts'],
    ['a.d.ts', 'ts'],
    ['a.tsx', 'tsx'],
    ['a.js', 'js'],
    ['a.mjs', 'js'],
    ['a.cjs', 'js'],
    ['a.jsx', 'jsx'],
    ['/x/App.vue', 'ts'],
    ['C:\\x\\Page.svelte', 'ts'],
    ['A.TS', 'ts'],
    ['noext', 'js'],
  ])('%s → %s', (p, kind) => {
    expect(scriptKindFor(p)).toBe(kind);
  });
});
