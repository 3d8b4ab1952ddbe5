// Raw-text reading of what a file imports and what it exports built on it (select-files.ts follows those).
import { describe, expect, it } from 'vitest';
import { exportsBuiltOn, namesImportedFrom } from '../../src/engine/rewraps.js';
import { growthRatio } from '../helpers/linear.js';

describe('namesImportedFrom', () => {
  it('reads default, named, aliased, namespace and require bindings of the given specifiers only', () => {
    const text = `import send, { open as openSocket, type Frame, close } from './socket';
import * as api from '../api';
import { unrelated } from './other';
import type { Only } from './socket';
const { emit, on: listen } = require('./bus');
const client = require('./client');
`;
    const names = namesImportedFrom(text, new Set(['./socket', '../api', './bus', './client']));
    expect(names).toEqual([
      { local: 'send', imported: 'default', specifier: './socket' },
      { local: 'openSocket', imported: 'open', specifier: './socket' },
      { local: 'close', imported: 'close', specifier: './socket' },
      { local: 'api', imported: '*', specifier: '../api' },
      { local: 'emit', imported: 'emit', specifier: './bus' },
      { local: 'listen', imported: 'on', specifier: './bus' },
      { local: 'client', imported: '*', specifier: './client' },
    ]);
  });
});

describe('exportsBuiltOn', () => {
  it('names the exported functions, hooks, classes and stores that use an import', () => {
    const text = `import { send } from './socket';

const helper = () => 1;

export function subscribe(topic) {
  send({ type: 'subscribe', topic });
}

export const useFeed = (id) => {
  return () => send({ type: 'watch', id });
};

export class Channel {
  push(kind) {
    send({ kind });
  }
}

export default {
  ping: () => send({ type: 'ping' }),
};

export function unrelated() {
  return helper();
}
`;
    expect([...(exportsBuiltOn(text, ['send']) as Set<string>)]).toEqual([
      'subscribe',
      'useFeed',
      'Channel',
      'default',
    ]);
  });

  it('skips components: their importers render them', () => {
    const text = `import { roomCommand } from './rooms';

export function ChatBox({ room }) {
  return <button onClick={() => roomCommand('message', room)}>send</button>;
}

export const useChat = (room) => (text) => roomCommand('message', room, text);
`;
    expect([...(exportsBuiltOn(text, ['roomCommand'], '/p/ChatBox.tsx') as Set<string>)]).toEqual(['useChat']);
    expect([...(exportsBuiltOn(text, ['roomCommand'], '/p/Chat.vue') as Set<string>)]).toEqual([]);
  });

  it('does not count a JSX tag, a member of another object or a longer name as a use', () => {
    const text = `import { Feed } from './feed';

export function render() {
  return [<Feed />, other.Feed, FeedList];
}
`;
    expect([...(exportsBuiltOn(text, ['Feed']) as Set<string>)]).toEqual([]);
  });

  it('is `all` when the exports are listed apart and the file uses the import', () => {
    expect(
      exportsBuiltOn(`const { send } = require('./socket');\nmodule.exports = { hi: () => send('hi') };\n`, ['send']),
    ).toBe('all');
    expect(exportsBuiltOn(`import { send } from './s';\nfunction hi() { send(1); }\nexport { hi };\n`, ['send'])).toBe(
      'all',
    );
    expect([...(exportsBuiltOn(`import { send } from './s';\nexport { hi };\n`, ['send']) as Set<string>)]).toEqual([]);
  });
});

describe('raw-text reading stays linear', () => {
  it('on unclosed import, destructuring and export clauses (each try ran to the end of the file)', () => {
    for (const line of ['import {\n', 'const {\n', 'export {\n']) {
      const r = growthRatio({
        make: (n) => line.repeat(n),
        run: (t) => {
          for (let i = 0; i < 20; i++) {
            namesImportedFrom(t, new Set(['./x']));
            exportsBuiltOn(t, ['x'], '/a.ts');
          }
        },
        start: 2_000,
        minMs: 100,
        maxN: 16_000,
      });
      // ≤ 15× as the other raw-text scans (specifiers-linear.test.ts); the quadratic version read ~107×
      expect(r.ratio, `${JSON.stringify(line)} ${JSON.stringify(r)}`).toBeLessThanOrEqual(15);
    }
  }, 60_000);
});
