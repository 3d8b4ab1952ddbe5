// `npm test`'s first step: build unless dist/ was built from exactly these sources (see build-inputs.mjs).
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildInputsHash, STAMP } from './build-inputs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, STAMP);
const built = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : '';
if (built === buildInputsHash(root)) {
  console.log('dist/ is up to date with src/ and rules/: no build needed');
} else {
  execSync('npm run build', { cwd: root, stdio: 'inherit' });
}
