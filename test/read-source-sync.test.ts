// The scanner reads with readSourceSync (one shared buffer, no promises): it must answer exactly as readSource.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSource, readSourceSync } from '../src/scan/read-source.js';

const dir = mkdtempSync(join(tmpdir(), 'rt-read-sync-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const abs = join(dir, name);
  writeFileSync(abs, content);
  return abs;
}

const CASES: Array<[string, string | Buffer, number]> = [
  ['crlf.ts', "const a = 1;\r\nconst b = 'é';\r\n", 1024],
  ['bom.ts', Buffer.from('\uFEFFexport {};\n', 'utf8'), 1024],
  ['empty.ts', '', 1024],
  ['bin.js', Buffer.from([0x63, 0x6f, 0x00, 0x6e]), 1024],
  ['latin1.js', Buffer.from('const s = "caf\xe9";\n', 'latin1'), 1024],
  ['small.js', 'x'.repeat(200), 100],
  ['exact.js', 'y'.repeat(100), 100],
  // larger than the shared buffer's first size: it grows, and the text is whole
  ['three-mb.js', `${'// é\n'.repeat(600_000)}export const last = 1;\n`, 4 * 1024 * 1024],
  ['three-mb-over.js', 'z'.repeat(3 * 1024 * 1024), 2 * 1024 * 1024],
];

describe('readSourceSync', () => {
  it.each(CASES)('%s: same answer as readSource', async (name, content, max) => {
    const abs = file(name, content);
    const sync = readSourceSync(abs, max);
    expect(sync).toEqual(await readSource(abs, max));
  });

  it('a small file read after a big one is not polluted by the shared buffer', () => {
    readSourceSync(file('big-first.js', 'q'.repeat(1_500_000)), 4 * 1024 * 1024);
    expect(readSourceSync(file('tiny.js', 'ok\n'), 1024)).toEqual({ text: 'ok\n' });
  });

  it('reports missing files and folders as read errors', async () => {
    expect(readSourceSync(join(dir, 'missing.ts'), 1024)).toEqual({ skip: 'read-error', reason: 'cannot read (ENOENT)' });
    expect(readSourceSync(dir, 1024)).toEqual(await readSource(dir, 1024));
  });
});
