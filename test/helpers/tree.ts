import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

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
export const LISTEN_ONLY = "const ws = new WebSocket('wss://feed.example/prices');\nws.onmessage = (e) => console.log(e.data);\n";
