// `npm run build`, after tsc: bundles the compiled CLI into dist/bundle, so a scan loads 14 files instead
// of 83 modules (ours, commander, chalk, ignore), which Node 20 resolves, reads and compiles one by one.
// ts-morph and Inquirer stay outside, loaded only when a scan parses or `ask` prompts; every
// `import()` of the CLI becomes a chunk, so what is lazy stays lazy.
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'bundle');
rmSync(outdir, { recursive: true, force: true });
await build({
  // bin/ imports main and stdio; helper-thread.ts starts ./helper-worker.js beside its own chunk
  entryPoints: ['main', 'stdio']
    .map((n) => join(root, 'dist', 'src', 'cli', `${n}.js`))
    .concat(join(root, 'dist', 'src', 'engine', 'helper-worker.js')),
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
