import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { RULES } from '../../rules/index.js';

/**
 * A throwaway project: the given files under a fresh temp folder that has its own `.git`, so config
 * discovery stops there and never picks up a file from above.
 */
export function tree(files: Record<string, string>, options: { git?: boolean } = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'rta-tree-'));
  if (options.git !== false) mkdirSync(join(root, '.git'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}

/** A browser socket that only listens: ws-subscribe-only flags it at line 1, column 12. */
export const LISTEN_ONLY =
  "const ws = new WebSocket('wss://feed.example/prices');\nws.onmessage = (e) => console.log(e.data);\n";

/**
 * Config rules that turn every rule but `keep` off, so a test about ws-subscribe-only (or about
 * directives) is not disturbed by what other rules make of the same snippet.
 */
export function only(
  keep: readonly string[] = ['ws-subscribe-only'],
  set: Record<string, unknown> = {},
): Record<string, unknown> {
  const off = Object.fromEntries(RULES.filter((r) => !keep.includes(r.meta.id)).map((r) => [r.meta.id, 'off']));
  return { ...off, ...set };
}
