// Reading an answers file (or stdin with `--answers -`) and writing one (`--save-answers`).
import { resolve } from 'node:path';
import { AnswerError, checkAnswersObject, type Answers } from '../advisor/answers.js';
import { jsonSyntaxError } from '../advisor/json-syntax.js';
import { writeReport } from './output.js';
import { UsageError } from '../errors.js';
import { readRegularTextSync } from '../io/read-regular-file.js';

/** An answers file is a few hundred bytes; a bigger one is a wrong path (a log, a bundle, /dev/zero). */
const MAX_ANSWERS_BYTES = 1024 * 1024;
/** Where editors find the schema once rt-advisor is installed in the project. */
export const ANSWERS_SCHEMA_REF = './node_modules/rt-advisor/schema/ask-answers.schema.json';

export interface AnswersSource {
  /** reads stdin to its end; only called for `--answers -` */
  readStdin: () => string;
  stdinIsTTY: boolean;
  cwd: string;
}

function readText(path: string, src: AnswersSource): string {
  if (path === '-') {
    if (src.stdinIsTTY)
      throw new UsageError(
        '--answers - reads the answers from a pipe, and stdin is a terminal; pipe a file in or give its path',
      );
    const text = src.readStdin();
    if (Buffer.byteLength(text) > MAX_ANSWERS_BYTES)
      throw new UsageError('answers on stdin: larger than 1 MB, not an answers file');
    return text;
  }
  // a regular file only: a FIFO or a device would block or never end, a directory is no file
  // `ask` reads the user's own files, not a scanned repository's: any symlink to a regular file will do
  const read = readRegularTextSync(resolve(src.cwd, path), MAX_ANSWERS_BYTES, { symlinksWithin: '/' });
  if (read.ok) return read.text;
  const reason = read.missing
    ? 'ENOENT'
    : read.reason.endsWith('(a directory)')
      ? 'it is a directory'
      : read.reason.startsWith('larger')
        ? 'larger than 1 MB, not an answers file'
        : read.reason;
  throw new UsageError(`cannot read answers file ${path}: ${reason}`);
}

export function readAnswers(path: string, src: AnswersSource): Partial<Answers> {
  const label = path === '-' ? 'answers on stdin' : `answers file ${path}`;
  const text = readText(path, src).replace(/^\uFEFF/, ''); // editors on Windows save a BOM
  const syntax = jsonSyntaxError(text);
  if (syntax)
    throw new UsageError(`${label} is not valid JSON: line ${syntax.line}, column ${syntax.column}: ${syntax.message}`);
  try {
    return checkAnswersObject(JSON.parse(text), label);
  } catch (err) {
    if (err instanceof AnswerError) throw new UsageError(err.message);
    throw err;
  }
}

/** Writes the answers the user gave, with `$schema` so editors complete and check the file. */
export function saveAnswers(path: string, answers: Partial<Answers>, cwd: string): void {
  writeReport(`${JSON.stringify({ $schema: ANSWERS_SCHEMA_REF, ...answers }, null, 2)}\n`, path, cwd, () => undefined);
}
