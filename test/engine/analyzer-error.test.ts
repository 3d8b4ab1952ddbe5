// An unexpected exception while analysing one file is that file's analyzer error: the scan goes on,
// the other files are reported, and the exit code is 2 so CI does not pass silently.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { exitCodeFor } from '../../src/cli/scan-command.js';
import { cleanTrees, makeTree, printAll, scanTree } from '../helpers/scan-tree.js';

// The real socket finder, made to throw on one file: a stand-in for a bug we have not found yet.
vi.mock('../../src/sockets/find-sockets.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/sockets/find-sockets.js')>();
  return {
    ...real,
    findSockets: (info: Parameters<typeof real.findSockets>[0], index: Parameters<typeof real.findSockets>[1]) => {
      if (info.relPath.endsWith('cursed.ts'))
        throw new TypeError("Cannot read properties of undefined (reading 'getText')\n    at somewhere");
      return real.findSockets(info, index);
    },
  };
});

afterAll(cleanTrees);

const SOCKET = "const ws = new WebSocket('wss://x');\nws.onmessage = (e) => show(e.data);\n";

describe('an internal error in one file', () => {
  it('is an analyzer-error note with the path; the other files are still reported; exit 2', async () => {
    const root = makeTree({ 'src/cursed.ts': SOCKET, 'src/fine.ts': SOCKET });
    const r = await scanTree(root);
    expect(r.notes).toEqual([
      {
        file: 'src/cursed.ts',
        kind: 'analyzer-error',
        message: "internal analyzer error: Cannot read properties of undefined (reading 'getText')",
      },
    ]);
    expect(r.sockets.map((s) => s.file)).toEqual(['src/fine.ts']);
    // the fine socket keeps all its findings (ws-subscribe-only, ws-no-reconnect); the cursed one has none
    expect(r.findings.map((f) => `${f.file} ${f.ruleId}`)).toEqual([
      'src/fine.ts ws-no-reconnect',
      'src/fine.ts ws-subscribe-only',
    ]);
    expect(exitCodeFor(r, 'none')).toBe(2);
    const sarif = JSON.parse(printAll(r, root).sarif).runs[0];
    expect(sarif.invocations[0]).toMatchObject({
      executionSuccessful: false,
      toolExecutionNotifications: [{ level: 'error' }],
    });
    expect(sarif.results).toHaveLength(2);
  });
});
