// The floor without ripgrep: walk the tree, read every source file, search the text. Nothing less
// can answer "which files mention a socket".
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const DECLARATION = /\.d\.[cm]?ts$/;
const NEEDLE = /WebSocket|socket\.io/;
let hits = 0;
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.isFile() && SOURCE.test(e.name) && !DECLARATION.test(e.name) && statSync(p).size <= 2 * 1024 * 1024) {
      if (NEEDLE.test(readFileSync(p, 'utf8'))) hits++;
    }
  }
};
walk(process.argv[2]);
console.log(hits);
