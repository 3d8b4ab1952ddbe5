// When a file that some unparsed file imports (select-files.ts: `open`) exports a send wrapper, a class
// with send methods or the socket itself, the callers seen are not all the callers: what the unseen ones
// send is unknown, so the socket is never "control only" on the word of the callers that were parsed.
import { describe, expect, it } from 'vitest';
import { analyseSources } from '../../src/engine/analyse-sources.js';
import { ModuleResolver } from '../../src/syntax/resolve-module.js';
import { summary } from '../helpers/analyze-snippet.js';

function analyse(files: Record<string, string>, open: string[]) {
  const sources = Object.entries(files).map(([rel, text]) => ({ absPath: `/virtual/${rel}`, relPath: rel, text }));
  const { sockets } = analyseSources(sources, new ModuleResolver(sources.map((s) => s.absPath)), {
    extraVerbs: [],
    open: new Set(open.map((rel) => `/virtual/${rel}`)),
  });
  expect(sockets).toHaveLength(1);
  return summary(sockets[0]);
}

const WRAPPED = {
  'src/socket.ts': `const ws = new WebSocket('wss://x.example');
export function send(frame: object) {
  ws.send(JSON.stringify(frame));
}
`,
  'src/rooms.ts': `import { send } from './socket';
export function roomCommand(type: string, room: string) {
  send({ type, room });
}
`,
  'src/lobby.ts': `import { roomCommand } from './rooms';
roomCommand('subscribe', 'lobby');
`,
};

const CLASS = {
  'src/socket.ts': `export const ws = new WebSocket('wss://x.example');`,
  'src/client.ts': `import { ws } from './socket';
export class RoomClient {
  act(type: string, room: string) {
    ws.send(JSON.stringify({ type, room }));
  }
}
`,
  'src/lobby.ts': `import { RoomClient } from './client';
new RoomClient().act('subscribe', 'lobby');
`,
};

describe('callers of a file some unparsed file imports', () => {
  it('an exported wrapper: the callers seen are judged, the unseen ones are unknown', () => {
    expect(analyse(WRAPPED, []).verdict).toBe('control-only');
    const open = analyse(WRAPPED, ['src/rooms.ts']);
    expect(open.verdict).toBe('unknown');
    expect(open.sends).toContain('control:subscribe');
    expect(open.sends.some((s) => /^unknown:.*cannot see/.test(s))).toBe(true);
  });

  it('an exported class: its methods may be called from the files not parsed', () => {
    expect(analyse(CLASS, []).verdict).toBe('control-only');
    expect(analyse(CLASS, ['src/client.ts']).verdict).toBe('unknown');
  });

  it('a barrel re-exporting the wrapper, imported by a file not parsed: unknown', () => {
    const files = {
      ...WRAPPED,
      'src/index.ts': `export { roomCommand } from './rooms';\n`,
      'src/lobby.ts': `import { roomCommand } from './index';\nroomCommand('subscribe', 'lobby');\n`,
    };
    expect(analyse(files, []).verdict).toBe('control-only');
    expect(analyse(files, ['src/index.ts']).verdict).toBe('unknown');
  });

  it('a socket exported again from a file some unparsed file imports escapes there', () => {
    const files = {
      'src/socket.ts': `export const ws = new WebSocket('wss://x.example');\n`,
      'src/feed.ts': `import { ws } from './socket';\nexport const feed = ws;\n`,
      'src/view.ts': `import { feed } from './feed';\nfeed.send(JSON.stringify({ type: 'subscribe' }));\n`,
    };
    expect(analyse(files, []).verdict).toBe('control-only');
    const open = analyse(files, ['src/feed.ts']);
    expect(open.verdict).toBe('unknown');
    expect(open.sends.some((s) => /too far away/.test(s))).toBe(true);
  });

  it('a file no unparsed file imports is judged by its callers as before', () => {
    expect(analyse(WRAPPED, ['src/lobby.ts']).verdict).toBe('control-only');
  });
});
