// In-process scans of throwaway trees: build a tree, scan it with the real pipeline, print it with the
// real reporters. Spawning the CLI costs ~0.5 s a run; this costs a few milliseconds.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Report } from '../../src/model.js';
import { formatJson } from '../../src/reporters/json.js';
import { formatSarif } from '../../src/reporters/sarif.js';
import { formatStylish } from '../../src/reporters/stylish.js';
import type { ScanInput } from '../../src/engine/scan-options.js';
import { scan } from '../../src/engine/scan.js';
import { RULES } from '../../rules/index.js';

const temps: string[] = [];

/** A temp tree from `{ 'a/b.ts': text }`; removed by cleanTrees(). */
export function makeTree(files: Record<string, string | Buffer>, prefix = 'rt-tree-'): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  temps.push(root);
  writeTree(root, files);
  return root;
}

export function writeTree(root: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = join(root, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
}

export function cleanTrees(): void {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
}

export function scanTree(root: string, over: Partial<ScanInput> = {}): Promise<Report> {
  return scan({ paths: ['.'], cwd: root, ignore: [], defaultIgnores: true, gitignore: true, ...over }, RULES);
}

export interface Printed {
  json: string;
  sarif: string;
  stylish: string;
}

export function printAll(report: Report, cwd: string): Printed {
  const options = { color: false, cwd };
  return {
    json: formatJson(report, options),
    sarif: formatSarif(report, options),
    stylish: formatStylish(report, options),
  };
}

/** The JSON report without its one time-dependent field. */
export function jsonWithoutDuration(json: string): string {
  return json.replace(/"durationMs": \d+/, '"durationMs": 0');
}
