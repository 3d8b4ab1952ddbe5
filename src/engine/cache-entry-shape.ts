// The shape check of a `--cache` entry: every field the reporters and the exit code read has its type
// and one of its allowed values. An entry that passes its HMAC was written by this tool, but a damaged
// disk, another version's bug or a hand edit must still never reach a report: anything else is a miss.
import type { FileNote, Finding, Location, Send, Socket } from '../model.js';

type Check = (v: unknown) => boolean;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str: Check = (v) => typeof v === 'string';
const bool: Check = (v) => typeof v === 'boolean';
const position: Check = (v) => Number.isSafeInteger(v) && (v as number) >= 0;
const oneOf =
  (...values: string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v);
const arrayOf =
  (item: Check): Check =>
  (v) =>
    Array.isArray(v) && v.every(item);
const optional =
  (check: Check): Check =>
  (v) =>
    v === undefined || check(v);

/** An object with (at least) these fields, each passing its check. */
function shape<T>(fields: Record<keyof T & string, Check>): Check {
  const entries = Object.entries<Check>(fields);
  return (v) => isObject(v) && entries.every(([k, check]) => check(Object.hasOwn(v, k) ? v[k] : undefined));
}

const location = { file: str, line: position, column: position } satisfies Record<keyof Location, Check>;

const send = shape<Send>({ ...location, kind: oneOf('control', 'data', 'binary', 'unknown'), label: str });

const socket = shape<Socket>({
  ...location,
  api: oneOf('browser-websocket', 'ws', 'socket.io-client', 'other'),
  verdict: oneOf('receive-only', 'control-only', 'bidirectional', 'binary', 'unknown'),
  confidence: oneOf('certain', 'likely'),
  constructorText: str,
  listens: bool,
  receivesBinary: bool,
  reconnects: oneOf('yes', 'no', 'unknown'),
  sends: arrayOf(send),
});

const finding = shape<Finding>({
  ...location,
  ruleId: str,
  severity: oneOf('error', 'warning', 'info'),
  message: str,
  related: optional(arrayOf(shape<Location & { message: string }>({ ...location, message: str }))),
  fingerprint: optional(str),
});

const note = shape<FileNote>({
  file: str,
  kind: oneOf('syntax-error', 'skipped', 'read-error', 'analyzer-error'),
  message: str,
});

/** CachedAnalysis (result-cache.ts), spelt out here so the two modules do not import each other */
interface Analysis {
  sockets: Socket[];
  findings: Finding[];
  notes: FileNote[];
}

const analysis = shape<Analysis>({ sockets: arrayOf(socket), findings: arrayOf(finding), notes: arrayOf(note) });

export function isCachedAnalysis(v: unknown): v is Analysis {
  return analysis(v);
}
