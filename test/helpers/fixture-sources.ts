import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './cli.js';

export const FIXTURES = join(REPO, 'fixtures');

/** Every JavaScript and TypeScript file under `dir`, depth first: the code the tests over all fixtures run on. */
export function sourceFilesUnder(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) sourceFilesUnder(p, out);
    else if (/\.(?:[cm]?[jt]sx?)$/.test(e.name)) out.push(p);
  }
  return out;
}
