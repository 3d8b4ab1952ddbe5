// File selection follows chains of wrappers: a file that exports something built on what carries the
// socket makes its importers worth parsing, up to MAX_HOPS imports and MAX_FAR_FILES files; the picked
// files that a file left out imports are reported as open (their callers are not all seen).
import { describe, expect, it } from 'vitest';
import { MAX_FAR_FILES, MAX_HOPS, selectFiles, summarize } from '../../src/engine/select-files.js';
import { ModuleResolver } from '../../src/syntax/resolve-module.js';

/** Selection over in-memory files; texts are not kept (as for any file that does not mention a socket API). */
function select(files: Record<string, string>) {
  const sources = Object.entries(files).map(([rel, text]) => ({ absPath: `/p/${rel}`, relPath: rel, text }));
  const texts = new Map(sources.map((s) => [s.absPath, s.text]));
  const read: string[] = [];
  const summaries = sources.map((s) => summarize(s, 0));
  const { files: picked, open } = selectFiles(summaries, new ModuleResolver(sources.map((s) => s.absPath)), (s) => {
    read.push(s.relPath);
    return s.text ?? texts.get(s.absPath);
  });
  return {
    picked: picked.map((s) => s.relPath).sort(),
    open: [...open].map((p) => p.slice('/p/'.length)).sort(),
    read,
    pickedSet: new Set(picked.map((s) => s.relPath)),
  };
}

const SOCKET = `const ws = new WebSocket('wss://x.example');
export function send(frame) {
  ws.send(JSON.stringify(frame));
}
export const VERSION = 2;
`;

/** socket ← l1 ← l2 ← … ← l<depth>, each layer forwarding `kind` to the one it imports; app.ts calls the last. */
function chain(depth: number): Record<string, string> {
  const files: Record<string, string> = { 'src/socket.ts': SOCKET };
  let previous = ['socket', 'send'];
  for (let i = 1; i <= depth; i++) {
    files[`src/l${i}.ts`] = `import { ${previous[1]} } from './${previous[0]}';

export function layer${i}(kind, body) {
  ${previous[1]}(${i === 1 ? '{ kind, body }' : 'kind, body'});
}
`;
    previous = [`l${i}`, `layer${i}`];
  }
  files['src/app.ts'] = `import { ${previous[1]} } from './${previous[0]}';

${previous[1]}('subscribe', { topic: 'news' });
`;
  return files;
}

describe('selectFiles', () => {
  it('parses the callers of a wrapper of a wrapper, three imports away from the socket', () => {
    const { picked, open } = select(chain(3));
    expect(picked).toEqual(['src/app.ts', 'src/l1.ts', 'src/l2.ts', 'src/l3.ts', 'src/socket.ts']);
    expect(open).toEqual([]);
  });

  it(`stops after ${MAX_HOPS} imports: the last file picked is open, its importer unseen`, () => {
    const { picked, open } = select(chain(MAX_HOPS + 1));
    expect(picked).toContain(`src/l${MAX_HOPS}.ts`);
    expect(picked).not.toContain(`src/l${MAX_HOPS + 1}.ts`);
    expect(picked).not.toContain('src/app.ts');
    expect(open).toEqual([`src/l${MAX_HOPS}.ts`]);
  });

  it('does not follow a file whose exports do not use what carries the socket', () => {
    const files = {
      'src/socket.ts': SOCKET,
      'src/api.ts': `import { send } from './socket';
export function chat(text) {
  send({ type: 'message', text });
}
export const LIMIT = 10;
`,
      // uses only a constant of the wrapper's file: nothing it exports sends
      'src/limits.ts': `import { LIMIT } from './api';
export function clamp(n) {
  return Math.min(n, LIMIT);
}
`,
      'src/form.ts': `import { clamp } from './limits';
export const size = clamp(40);
`,
    };
    const { picked, open } = select(files);
    expect(picked).toEqual(['src/api.ts', 'src/limits.ts', 'src/socket.ts']);
    // limits.ts is imported by a file left out: what it exports has unseen callers
    expect(open).toEqual(['src/limits.ts']);
  });

  it('follows a hook and a class built on the wrapper, not a component that only renders', () => {
    const files = {
      'src/socket.ts': SOCKET,
      'src/rooms.ts': `import { send } from './socket';
export function roomCommand(type, room) {
  send({ type, room });
}
`,
      'src/useRoom.ts': `import { useEffect } from 'react';
import { roomCommand } from './rooms';

export function useRoom(room, verb) {
  useEffect(() => roomCommand(verb, room), [room, verb]);
}
`,
      'src/RoomClient.ts': `import { roomCommand as command } from './rooms';

export class RoomClient {
  act(type, room) {
    command(type, room);
  }
}
`,
      'src/Lobby.tsx': `import { useRoom } from './useRoom';
export function Lobby() {
  useRoom('lobby', 'join');
  return <div>lobby</div>;
}
`,
      'src/admin.ts': `import { RoomClient } from './RoomClient';
new RoomClient().act('subscribe', 'admins');
`,
      'src/App.tsx': `import { Lobby } from './Lobby';
export function App() {
  return <Lobby />;
}
`,
    };
    const { picked, open } = select(files);
    expect(picked).toContain('src/Lobby.tsx');
    expect(picked).toContain('src/admin.ts');
    // the component's importer renders it: not parsed, and the component's file is open
    expect(picked).not.toContain('src/App.tsx');
    expect(open).toEqual(['src/Lobby.tsx']);
  });

  it('reads texts only of files it picks', () => {
    const files = {
      ...chain(3),
      'src/other.ts': `export const x = 1;\n`,
      'src/more.ts': `import { x } from './other';\n`,
    };
    const { read, pickedSet } = select(files);
    expect(read.length).toBeGreaterThan(0);
    for (const f of read) expect(pickedSet.has(f)).toBe(true);
  });

  it(`parses at most ${MAX_FAR_FILES} files past the second hop; the file they import stays open`, () => {
    const files: Record<string, string> = chain(3);
    // l3's importers, at the fourth hop: more than the budget
    for (let i = 0; i < MAX_FAR_FILES + 20; i++)
      files[`src/callers/c${i}.ts`] = `import { layer3 } from '../l3';\nlayer3('subscribe', ${i});\n`;
    const { picked, open } = select(files);
    // socket.ts, l1.ts and l2.ts are within two hops; l3.ts, app.ts and the callers past them
    expect(picked.length - 3).toBe(MAX_FAR_FILES);
    expect(picked.filter((p) => p.startsWith('src/callers/')).length).toBe(MAX_FAR_FILES - 2);
    expect(open).toEqual(['src/l3.ts']);
  });
});
