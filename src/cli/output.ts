// Where a report goes and whether it may be coloured; shared by commands that print reports.
import { resolve } from 'node:path';
import { writeFileAtomic } from '../io/write-atomic.js';
import { UsageError } from '../errors.js';

/** Colour only on a TTY, never with NO_COLOR or into a file; FORCE_COLOR wins over the TTY test. */
export function colorWanted(
  flag: boolean,
  toFile: boolean,
  env: NodeJS.ProcessEnv = process.env,
  isTTY = Boolean(process.stdout.isTTY),
): boolean {
  if (!flag || toFile) return false;
  if ('NO_COLOR' in env && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return true;
  return isTTY;
}

/**
 * Writes the report to `outputFile` (creating folders) or returns it for stdout. The write is atomic:
 * a failure leaves the old file as it was, and no symlinked folder under `cwd` is written through.
 */
export function writeReport(
  text: string,
  outputFile: string | undefined,
  cwd: string,
  stdout: (s: string) => void,
): void {
  if (!outputFile) {
    stdout(text.endsWith('\n') ? text : `${text}\n`);
    return;
  }
  const target = resolve(cwd, outputFile);
  try {
    writeFileAtomic(target, text, { fsync: true, within: cwd });
  } catch (err) {
    throw new UsageError(
      `cannot write ${outputFile}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
}
