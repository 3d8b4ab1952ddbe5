// `npm run build`, after tsc: bundles the compiled CLI into dist/bundle, so a scan loads 14 files instead
// of 83 modules (ours, commander, chalk, ignore), which Node 20 resolves, reads and compiles one by one.
// ts-morph and Inquirer stay outside, loaded only when a scan parses or `ask` prompts; every
// `import()` of the CLI becomes a chunk, so what is lazy stays lazy. The API (src/api.ts) is a third
// entry, and its declarations (emitted by tsc beside dist/src) are copied to dist/types: only the
// .d.ts files api.d.ts reaches, not one per module.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { buildInputsHash, STAMP } from './build-inputs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'bundle');
rmSync(outdir, { recursive: true, force: true });
await build({
  // bin/ imports main and stdio; helper-thread.ts starts ./helper-worker.js beside its own chunk
  entryPoints: ['main', 'stdio']
    .map((n) => join(root, 'dist', 'src', 'cli', `${n}.js`))
    .concat(join(root, 'dist', 'src', 'engine', 'helper-worker.js'), join(root, 'dist', 'src', 'api.js')),
  outdir,
  entryNames: '[name]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['ts-morph', '@inquirer/*'],
  // jsonc-parser's `main` is a UMD build whose inner require()s esbuild cannot follow; its `module` build is plain ESM
  mainFields: ['module', 'main'],
  // the bundled CommonJS packages (commander, ignore) call require() for Node's own modules
  banner: {
    js: "import { createRequire as __rtaRequire } from 'node:module'; const require = __rtaRequire(import.meta.url);",
  },
  logLevel: 'warning',
});

/** Copies api.d.ts and every declaration file it imports, transitively, to dist/types. */
function copyDeclarations() {
  const from = join(root, 'dist');
  const to = join(root, 'dist', 'types');
  rmSync(to, { recursive: true, force: true });
  const todo = [join(from, 'src', 'api.d.ts')];
  const seen = new Set();
  while (todo.length > 0) {
    const file = todo.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    const target = join(to, relative(from, file));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file, target);
    for (const [, spec] of text.matchAll(/(?:from\s+|import\()['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const dts = resolve(dirname(file), spec.replace(/\.js$/, '.d.ts'));
      if (!existsSync(dts)) throw new Error(`${relative(root, file)}: no declarations for ${spec}`);
      todo.push(dts);
    }
  }
}
copyDeclarations();
// last, so an interrupted build leaves no stamp and `npm test` builds again
writeFileSync(join(root, STAMP), `${buildInputsHash(root)}\n`);
