// Turns a discovered file into source text the parser can take, keeping every position true:
// no newline conversion, and Vue/Svelte files blanked outside their scripts rather than cut.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import type { FileNote } from '../model.js';

export type ReadResult = { text: string } | { skip: FileNote['kind']; reason: string };
/** A file's text as the parser gets it (a .vue or .svelte file's scripts, blanked around), with its paths. */
export interface SourceText {
  absPath: string;
  /** relative to the working directory, `/` separators */
  relPath: string;
  text: string;
}

export type ScriptKindName = 'ts' | 'tsx' | 'js' | 'jsx';
/** Files whose code sits in `<script>` blocks: an `.html` page's inline scripts are plain browser JS. */
export type ScriptHost = '.vue' | '.svelte' | '.html' | '.htm';

/** Binary files show a NUL early; git looks at the same first 8 KB. */
const BINARY_SNIFF_BYTES = 8192;
/** Fatal: a file that is not UTF-8 is skipped rather than parsed as mojibake. Strips a BOM. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

function decode(bytes: Uint8Array): ReadResult {
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { skip: 'skipped', reason: 'binary file' };
  try {
    return { text: UTF8.decode(bytes) };
  } catch {
    return { skip: 'skipped', reason: 'not valid UTF-8' };
  }
}

/** One buffer reused by every synchronous read: a file's bytes live only until they are decoded. */
let shared = Buffer.allocUnsafe(1024 * 1024);

/**
 * Reads one source file, synchronously: a scan reads thousands of small files from the page cache, where a
 * blocking open/fstat/read/close costs a few microseconds and a promise round trip per call costs more.
 */
export function readSourceSync(
  absPath: string,
  maxBytes: number,
  // O_NONBLOCK: a file swapped for a FIFO after the walk is refused by fstat instead of blocking the open
  openFile: (p: string) => number = (p) => openSync(p, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)),
): ReadResult {
  let fd: number | undefined;
  let length = 0;
  try {
    fd = openFile(absPath);
    const info = fstatSync(fd);
    if (!info.isFile()) return { skip: 'read-error', reason: 'not a regular file' };
    if (info.size > maxBytes)
      return { skip: 'skipped', reason: `larger than ${formatSize(maxBytes)} (--max-file-size)` };
    // read to the end, not to the size seen: the file may have grown (or shrunk) meanwhile
    for (;;) {
      if (length === shared.length) {
        if (length > maxBytes) break;
        const bigger = Buffer.allocUnsafe(shared.length * 2);
        shared.copy(bigger, 0, 0, length);
        shared = bigger;
      }
      const n = readSync(fd, shared, length, shared.length - length, null);
      if (n === 0) break;
      length += n;
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    return { skip: 'read-error', reason: `cannot read (${code})` };
  } finally {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // nothing left to do with it
      }
    }
  }
  if (length > maxBytes) return { skip: 'skipped', reason: `larger than ${formatSize(maxBytes)} (--max-file-size)` };
  return decode(shared.subarray(0, length));
}

const SCRIPT_OR_COMMENT = /<!--|<script(?=[\s/>])/gi;
const SCRIPT_CLOSE = /<\/script(?=[\s/>])[^>]*>/gi;
const ATTRIBUTE = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
const CODE_TYPES = new Set([
  'module',
  'text/javascript',
  'application/javascript',
  'text/ecmascript',
  'application/ecmascript',
  'text/typescript',
  'application/typescript',
  'text/jsx',
  'text/babel',
  'ts',
  'tsx',
  'js',
  'jsx',
]);
const CODE_LANGS = new Set(['js', 'javascript', 'ts', 'typescript', 'jsx', 'tsx']);

/** Index of the `>` closing a start tag; `>` inside quoted values (`generic="T extends A<B>"`) does not count. */
function endOfStartTag(text: string, from: number): number {
  let quote = '';
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '>') return i;
  }
  return -1;
}

/** Whether a script's attributes say JS or TS (not `type="application/json"`, `lang="coffee"`, templates). */
function isCodeScript(attributes: string): boolean {
  let type = '';
  let lang = '';
  for (const m of attributes.matchAll(ATTRIBUTE)) {
    const name = m[1].toLowerCase();
    const value = (m[2] ?? m[3] ?? m[4] ?? '').trim().toLowerCase();
    if (name === 'type') type = value;
    else if (name === 'lang') lang = value;
  }
  return (type === '' || CODE_TYPES.has(type)) && (lang === '' || CODE_LANGS.has(lang));
}

/** Spaces for everything but line breaks (TS also counts U+2028/U+2029), so lines and columns stay put. */
function blank(segment: string): string {
  return segment.replace(/[^\r\n\u2028\u2029]/g, ' ');
}

/**
 * The `.vue`/`.svelte`/`.html` file with everything outside its JS/TS `<script>` blocks blanked: same length,
 * same line breaks, so a position in the result is the position in the file.
 */
export function extractScripts(text: string, _ext: ScriptHost): string {
  const kept: Array<[number, number]> = [];
  let at = 0;
  while (at < text.length) {
    SCRIPT_OR_COMMENT.lastIndex = at;
    const open = SCRIPT_OR_COMMENT.exec(text);
    if (!open) break;
    if (open[0] === '<!--') {
      // a commented-out script is not code
      const end = text.indexOf('-->', open.index + 4);
      if (end < 0) break;
      at = end + 3;
      continue;
    }
    const tagEnd = endOfStartTag(text, open.index + open[0].length);
    if (tagEnd < 0) break;
    const attributes = text.slice(open.index + open[0].length, tagEnd);
    if (/\/\s*$/.test(attributes)) {
      at = tagEnd + 1; // `<script src="./x.ts" />` has no body
      continue;
    }
    SCRIPT_CLOSE.lastIndex = tagEnd + 1;
    const close = SCRIPT_CLOSE.exec(text);
    const bodyEnd = close ? close.index : text.length;
    if (isCodeScript(attributes)) kept.push([tagEnd + 1, bodyEnd]);
    at = close ? close.index + close[0].length : text.length;
  }

  let out = '';
  let from = 0;
  for (const [start, end] of kept) {
    out += blank(text.slice(from, start)) + text.slice(start, end);
    from = end;
  }
  return out + blank(text.slice(from));
}

const MINIFIED_MIN_CHARS = 20_000;
const MINIFIED_LONG_LINE = 1_000;
const MINIFIED_AVG_LINE = 300;
/** Of the text, the share on lines longer than MINIFIED_LONG_LINE for a file to be a bundle. */
const MINIFIED_LONG_SHARE = 0.9;
/** Minified code: little whitespace, many short names (`a`, `e.t`, `prototype`). */
const MINIFIED_MAX_WHITESPACE = 0.12;
const MINIFIED_MAX_NAME_LENGTH = 7;
const MINIFIED_MIN_NAMES_PER_KB = 60;
/** Characters of the long lines examined. */
const MINIFIED_SAMPLE = 64 * 1024;
/** A source map comment ends generated code. */
const SOURCE_MAP = /^\s*\/\/[#@] sourceMappingURL=\S+\s*$/m;

/** How much of `text` looks like minified code: its whitespace ratio and names' count and length. */
function readsAsMinifiedCode(text: string): boolean {
  let spaces = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) spaces++;
  }
  if (spaces / text.length > MINIFIED_MAX_WHITESPACE) return false;
  let names = 0;
  let nameChars = 0;
  for (const m of text.matchAll(/[A-Za-z_$][\w$]*/g)) {
    names++;
    nameChars += m[0].length;
  }
  return (
    names > 0 &&
    nameChars / names <= MINIFIED_MAX_NAME_LENGTH &&
    names / (text.length / 1024) >= MINIFIED_MIN_NAMES_PER_KB
  );
}

/**
 * A bundle or minified library, by more than line length (a long line is easy to add to a
 * hand-written file to hide it: issue 16 case 13): big, with very long lines on average holding
 * nearly all the text, and those lines read as minified code (little whitespace, many short names),
 * or a source map comment says the file was generated. A long data line (base64, a string, a table
 * of numbers) in normal code does not trip it.
 */
export function looksMinified(text: string): boolean {
  if (text.length < MINIFIED_MIN_CHARS) return false;
  // averaging over MINIFIED_AVG_LINE means fewer lines than this; stop counting once past it
  const maxLines = text.length / MINIFIED_AVG_LINE;
  let lines = 1;
  let start = 0;
  const long: Array<[number, number]> = [];
  let longChars = 0;
  const line = (from: number, to: number) => {
    if (to - from > MINIFIED_LONG_LINE) {
      long.push([from, to]);
      longChars += to - from;
    }
  };
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
    line(start, nl);
    start = nl + 1;
    if (++lines >= maxLines) return false;
  }
  line(start, text.length);
  if (long.length === 0) return false;
  if (SOURCE_MAP.test(text.slice(-500))) return true;
  if (longChars / text.length < MINIFIED_LONG_SHARE) return false;
  // a sample is enough to tell code from data, and keeps a 10 MB bundle cheap
  let sample = '';
  for (const [a, b] of long) {
    sample += `${text.slice(a, Math.min(b, a + MINIFIED_SAMPLE - sample.length))}\n`;
    if (sample.length >= MINIFIED_SAMPLE) break;
  }
  return readsAsMinifiedCode(sample);
}

/** A socket made in the text: such a file is never skipped as minified without a warning. */
const SOCKET_CONSTRUCTION = /\bnew\s+[\w$.]*(?:WebSocket|Socket|EventSource)\b|\b(?:io|webSocket)\s*\(/;

export function holdsSocketConstruction(text: string): boolean {
  return SOCKET_CONSTRUCTION.test(text);
}

const KIND_BY_EXTENSION: Readonly<Record<string, ScriptKindName>> = Object.assign(
  Object.create(null) as Record<string, ScriptKindName>,
  {
    '.ts': 'ts',
    '.mts': 'ts',
    '.cts': 'ts',
    '.tsx': 'tsx',
    '.js': 'js',
    '.mjs': 'js',
    '.cjs': 'js',
    '.jsx': 'jsx',
    // the TS parser reads plain JS too, so one flavour serves `lang="ts"` and untyped blocks alike
    '.vue': 'ts',
    '.svelte': 'ts',
  },
);

/** The parse flavour for a file, by extension; unknown extensions parse as JS. */
export function scriptKindFor(filePath: string): ScriptKindName {
  const ext = /\.[^./\\]+$/.exec(filePath)?.[0].toLowerCase() ?? '';
  return KIND_BY_EXTENSION[ext] ?? 'js'; // a null-prototype table: `.constructor` is no kind
}
