// Where a report goes and whether it may be coloured; shared by commands that print reports.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
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

/** Writes the report to `outputFile` (creating folders) or returns it for stdout. */
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
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  } catch (err) {
    throw new UsageError(
      `cannot write ${outputFile}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
}
