// Fuzz input: the fixture trees, mutated at random the ways real repositories are broken: cut off
// mid-edit, merge debris, stray tokens and bytes, pasted-twice blocks, generated deep nesting.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isSourceFile } from '../../src/engine/discover.js';
import { pick, randInt, type Rand } from './prng.js';

export type Tree = Record<string, string | Buffer>;

/** Every fixture's source files (and .gitignore files), keyed by fixture name. */
export function loadFixtures(root: string): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const name of readdirSync(root).sort()) {
    const dir = join(root, name);
    if (!statSync(dir).isDirectory()) continue;
    const files: Record<string, string> = {};
    const walk = (d: string) => {
      for (const entry of readdirSync(d, { withFileTypes: true })) {
        const abs = join(d, entry.name);
        if (entry.isDirectory()) walk(abs);
        else if (isSourceFile(entry.name) || entry.name === '.gitignore')
          files[relative(dir, abs)] = readFileSync(abs, 'utf8');
      }
    };
    walk(dir);
    if (Object.keys(files).length > 0) out.set(name, files);
  }
  return out;
}

const TOKENS = [
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ';',
  ',',
  '.',
  '=>',
  '`',
  '${',
  '/*',
  '*/',
  '//',
  '"',
  "'",
  '<',
  '>',
  '</',
  '/>',
  '?.',
  '...',
  '@',
  'new WebSocket(',
  'new WebSocket(url)',
  '.send(',
  'ws.send(',
  '.emit(',
  '.on(',
  'io(',
  'JSON.stringify(',
  '.onmessage = ',
  'import ',
  'export ',
  'default ',
  'from ',
  'require(',
  'class ',
  'extends ',
  'function ',
  'return ',
  'await ',
  'async ',
  'yield ',
  'const ',
  'let ',
  'var ',
  'if (',
  'else ',
  'for (',
  'while (',
  'switch (',
  'case ',
  'this.',
  'this.ws',
  'super(',
  'typeof ',
  'interface ',
  'type ',
  'enum ',
  'namespace ',
  'declare ',
  'as ',
  'satisfies ',
  '<T>',
  ': string',
  '!',
  '#private',
  'get ',
  'set ',
  "{ type: 'subscribe' }",
  "'ping'",
  '"unsubscribe"',
  'new ArrayBuffer(8)',
  'undefined',
  'null',
  '0x',
  '1e309',
  '\\u{',
  '\n',
  '\r\n',
  '\t',
];

const WRAPPERS: Array<[string, string]> = [
  ['(', ')'],
  ['[', ']'],
  ['{', '}'],
  ['() => (', ')'],
  ['f(', ')'],
  ['!', ''],
  ['a + ', ''],
  ['x ? ', ' : y'],
  ['{ a: ', ' }'],
  ['<div>{', '}</div>'],
  ['`${', '}`'],
  ['await ', ''],
  ['new Promise(() => ', ')'],
];

/** Byte-level damage: NUL, invalid UTF-8, a lone surrogate's bytes, a BOM in the middle, CR alone. */
const BYTES: number[][] = [
  [0],
  [0xff],
  [0xc3],
  [0xed, 0xa0, 0x80],
  [0xef, 0xbb, 0xbf],
  [0x0d],
  [0xe2, 0x80, 0xa8],
  [0x1b],
];

type Mutation = (text: string, rand: Rand) => string | Buffer;

const at = (text: string, rand: Rand) => randInt(rand, text.length + 1);
const lines = (text: string) => text.split('\n');

export const MUTATIONS: Record<string, Mutation> = {
  truncate: (t, r) => t.slice(0, at(t, r)),
  spliceTokens: (t, r) => {
    let out = t;
    for (let n = 1 + randInt(r, 6); n > 0; n--) {
      const i = at(out, r);
      out = out.slice(0, i) + pick(r, TOKENS) + out.slice(i);
    }
    return out;
  },
  deleteSpan: (t, r) => {
    const i = at(t, r);
    return t.slice(0, i) + t.slice(i + randInt(r, 200));
  },
  spliceBytes: (t, r) => {
    const buf = Buffer.from(t, 'utf8');
    const i = randInt(r, buf.length + 1);
    return Buffer.concat([buf.subarray(0, i), Buffer.from(pick(r, BYTES)), buf.subarray(i)]);
  },
  duplicateBlock: (t, r) => {
    const ls = lines(t);
    const from = randInt(r, ls.length);
    const block = ls.slice(from, from + 1 + randInt(r, 30));
    const to = randInt(r, ls.length + 1);
    return [...ls.slice(0, to), ...block, ...ls.slice(to)].join('\n');
  },
  deepNest: (t, r) => {
    const ls = lines(t);
    const from = randInt(r, ls.length);
    const to = Math.min(ls.length, from + 1 + randInt(r, 10));
    const [open, close] = pick(r, WRAPPERS);
    // mostly shallow (analysed), sometimes past the depth limit (skipped with a note)
    const depth = r() < 0.8 ? 1 + randInt(r, 60) : 200 + randInt(r, 1500);
    const sep = r() < 0.5 ? '' : '\n';
    return [
      ...ls.slice(0, from),
      (open + sep).repeat(depth),
      ...ls.slice(from, to),
      (close + sep).repeat(depth),
      ...ls.slice(to),
    ].join('\n');
  },
  removeLines: (t, r) => {
    const ls = lines(t);
    const from = randInt(r, ls.length);
    ls.splice(from, 1 + randInt(r, 8));
    return ls.join('\n');
  },
  swapLines: (t, r) => {
    const ls = lines(t);
    for (let n = 1 + randInt(r, 4); n > 0; n--) {
      const i = randInt(r, ls.length);
      const j = randInt(r, ls.length);
      [ls[i], ls[j]] = [ls[j], ls[i]];
    }
    return ls.join('\n');
  },
  // a rename done halfway, or a paste into the wrong scope: valid syntax, odd meaning (cycles, self-references)
  swapIdentifiers: (t, r) => {
    const ids = [...new Set(t.match(/\b[A-Za-z_$][\w$]*\b/g) ?? [])];
    if (ids.length < 2) return t;
    const [a, b] = [pick(r, ids), pick(r, ids)];
    return t.replace(new RegExp(`\\b${a.replace(/\$/g, '\\$')}\\b`, 'g'), (m) => (r() < 0.5 ? b : m));
  },
  selfReference: (t, r) => {
    const ids = [...new Set(t.match(/\b(?:ws|socket|sock|conn|client|this\.\w+|[a-z]\w*)\b/g) ?? [])];
    if (ids.length === 0) return t;
    const [a, b] = [pick(r, ids), pick(r, ids)];
    const ls = lines(t);
    ls.splice(
      randInt(r, ls.length + 1),
      0,
      pick(r, [
        `${a} = ${b};`,
        `${b} = ${a};`,
        `${a} = ${a};`,
        `const ${a} = ${b};`,
        `${a}.send(${a});`,
        `${a}(${a});`,
        `return ${a};`,
      ]),
    );
    return ls.join('\n');
  },
  crlf: (t) => t.replace(/\n/g, '\r\n'),
  bom: (t) => `\uFEFF${t}`,
  empty: () => '',
};

const NAMES = Object.keys(MUTATIONS);
/** Byte damage makes a file unreadable as text, which hides the rest: rarer than the text mutations. */
const WEIGHTED = NAMES.flatMap((n) =>
  n === 'spliceBytes' || n === 'empty' || n === 'bom' || n === 'crlf' ? [n] : [n, n, n],
);

export interface MutatedCase {
  fixture: string;
  tree: Tree;
  /** what was done, for the failure message: `src/a.ts: truncate, deepNest` */
  log: string[];
}

/** One fuzz case: a fixture with 1–3 mutations on each of 1–2 of its files (sometimes another file's text pasted in). */
export function mutateFixture(fixtures: Map<string, Record<string, string>>, rand: Rand): MutatedCase {
  const names = [...fixtures.keys()];
  const fixture = pick(rand, names);
  const tree: Tree = { ...fixtures.get(fixture)! };
  const sources = Object.keys(tree).filter((f) => f !== '.gitignore' && !f.endsWith('/.gitignore'));
  const log: string[] = [];
  for (let n = 1 + randInt(rand, 2); n > 0 && sources.length > 0; n--) {
    const file = pick(rand, sources);
    const done: string[] = [];
    let text: string | Buffer = tree[file];
    for (let m = 1 + randInt(rand, 3); m > 0; m--) {
      if (Buffer.isBuffer(text)) break; // byte damage is the last thing done to a file
      if (rand() < 0.05) {
        // splice in a block of another fixture's file: code the analysis has never seen next to this
        const other = fixtures.get(pick(rand, names))!;
        const donor = String(Object.values(other)[0] ?? '');
        const i = at(text, rand);
        text = text.slice(0, i) + donor.slice(0, randInt(rand, donor.length + 1)) + text.slice(i);
        done.push('spliceDonor');
        continue;
      }
      const name = pick(rand, WEIGHTED);
      text = MUTATIONS[name](text, rand);
      done.push(name);
    }
    tree[file] = text;
    log.push(`${file}: ${done.join(', ')}`);
  }
  return { fixture, tree, log };
}
