// The hash of everything `npm run build` reads. The build stores it in dist/.build-inputs, and
// `npm test` rebuilds only when it differs: a fresh `npm ci` has just built through `prepare`.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const FILES = ['package.json', 'package-lock.json', 'tsconfig.json', 'scripts/bundle.mjs', 'scripts/build-inputs.mjs'];
const FOLDERS = ['src', 'rules'];

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}

export function buildInputsHash(root) {
  const hash = createHash('sha256');
  const files = [...FILES.map((f) => join(root, f)), ...FOLDERS.flatMap((d) => [...walk(join(root, d))])];
  for (const file of files) {
    hash.update(`${relative(root, file)}\0`);
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

export const STAMP = join('dist', '.build-inputs');
