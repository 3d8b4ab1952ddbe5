// `--max-file-size` values: `2mb`, `500kb`, `1.5m`, or plain bytes. Binary units (1 kb = 1024 bytes),
// as `du -h` and the "larger than 2 MB" notes count them.
import { UsageError } from '../errors.js';

const UNIT: Readonly<Record<string, number>> = Object.assign(Object.create(null) as object, {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
});
const SIZE = /^(\d+(?:\.\d+)?)\s*([kmg]?b?)$/i;

/** Bytes for a size text; a bad value is a usage error naming the flag. */
export function parseFileSize(text: string, flag = '--max-file-size'): number {
  const m = SIZE.exec(text.trim());
  const bytes = m ? Math.floor(Number(m[1]) * UNIT[m[2].toLowerCase()]) : Number.NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1) {
    throw new UsageError(`${flag} must be a size like 2mb, 500kb or a number of bytes, got "${text}"`);
  }
  return bytes;
}
