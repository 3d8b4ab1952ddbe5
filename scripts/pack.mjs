// `npm run pack [-- <folder>]`: the package tarball, made from the built tree. npm's own `npm pack`
// picks the files (package.json "files"); the manifest inside is then stripped of `scripts` and
// `devDependencies`, because npm counts a `prepare` script as an install script of a tarball or git
// source: installing the tarball must run nothing. A root `npm pack` is refused (the prepack script),
// so every tarball is made here. Prints the tarball's path.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dest = resolve(process.argv[2] ?? root);
if (!existsSync(join(root, 'dist', 'bundle', 'main.js')) || !existsSync(join(root, 'dist', 'types'))) {
  console.error('rt-advisor: nothing built to pack: run `npm run build` first');
  process.exit(2);
}
const npm = (args, cwd) =>
  execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
const work = mkdtempSync(join(tmpdir(), 'rta-pack-'));
try {
  const [first] = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], root));
  const unpacked = join(work, 'unpacked');
  mkdirSync(unpacked);
  execFileSync('tar', ['-xzf', join(work, first.filename), '-C', unpacked]);
  const manifestFile = join(unpacked, 'package', 'package.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  delete manifest.scripts;
  delete manifest.devDependencies;
  writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  mkdirSync(dest, { recursive: true });
  const [made] = JSON.parse(
    npm(['pack', join(unpacked, 'package'), '--ignore-scripts', '--json', '--pack-destination', dest], work),
  );
  console.log(join(dest, made.filename));
} finally {
  rmSync(work, { recursive: true, force: true });
}
