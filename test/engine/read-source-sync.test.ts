// The scanner reads with readSourceSync: one shared buffer, no promises.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSourceSync } from '../../src/engine/read-source.js';

const dir = mkdtempSync(join(tmpdir(), 'rt-read-sync-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const abs = join(dir, name);
  writeFileSync(abs, content);
  return abs;
}

describe('readSourceSync', () => {
  it('grows its shared buffer for a file larger than it, and returns the whole text', () => {
    const text = `${'// é\n'.repeat(600_000)}export const last = 1;\n`;
    expect(readSourceSync(file('three-mb.js', text), 4 * 1024 * 1024)).toEqual({ text });
  });

  it('a file exactly at the limit is read; one byte more is skipped', () => {
    expect(readSourceSync(file('exact.js', 'y'.repeat(100)), 100)).toEqual({ text: 'y'.repeat(100) });
    expect(readSourceSync(file('over.js', 'y'.repeat(101)), 100)).toEqual({
      skip: 'skipped',
      reason: 'larger than 100 bytes (--max-file-size)',
    });
  });

  it('a small file read after a big one is not polluted by the shared buffer', () => {
    readSourceSync(file('big-first.js', 'q'.repeat(1_500_000)), 4 * 1024 * 1024);
    expect(readSourceSync(file('tiny.js', 'ok\n'), 1024)).toEqual({ text: 'ok\n' });
  });

  it('reports missing files and folders as read errors', () => {
    expect(readSourceSync(join(dir, 'missing.ts'), 1024)).toEqual({
      skip: 'read-error',
      reason: 'cannot read (ENOENT)',
    });
    expect(readSourceSync(dir, 1024)).toEqual({ skip: 'read-error', reason: 'not a regular file' });
  });
});
