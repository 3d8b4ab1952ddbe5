import { describe, expect, it } from 'vitest';
import { wsTokenInUrl } from '../../rules/ws-token-in-url.js';
import { check } from '../helpers/rule-context.js';

const findings = (files: Record<string, string> | string, options: Record<string, unknown> = {}) =>
  check(wsTokenInUrl, files, options);
const at = (files: Record<string, string> | string, options: Record<string, unknown> = {}) =>
  findings(files, options).map((f) => `${f.line}:${f.column}`);

describe('ws-token-in-url', () => {
  describe('flags', () => {
    it('a browser WebSocket with ?token= in a template literal, at the URL argument, saying why and what instead', () => {
      const [f, ...rest] = findings(`export function connect(token: string) {
  const ws = new WebSocket(\`wss://api.example.com/live?token=\${token}\`);
  ws.onmessage = (e) => console.log(e.data);
}`);
      expect(rest).toEqual([]);
      expect(f).toMatchObject({
        ruleId: 'ws-token-in-url',
        severity: 'warning',
        file: 'src/a.ts',
        line: 2,
        column: 28,
      });
      expect(f.message).toMatch(
        /^WebSocket URL carries `token` in its query string \(`new WebSocket\(…\)`\); access logs keep it:/,
      );
      expect(f.message).toMatch(/cookie.*Origin.*one-time ticket/);
      expect(f.message.length).toBeLessThanOrEqual(200);
    });

    it.each([
      ['concatenation', `const ws = new WebSocket(BASE + '?access_token=' + t);`],
      ['a const URL resolved in scope', `const url = \`\${BASE}/ws?apiKey=\${key}\`;\nconst ws = new WebSocket(url);`],
      ['a second parameter after a first', `const ws = new WebSocket(\`wss://x/feed?room=\${r}&jwt=\${jwt}\`);`],
      [
        'a let grown with +=',
        `let url = 'wss://x/feed';\nif (t) url += '?auth_token=' + t;\nconst ws = new WebSocket(url);`,
      ],
      ['a conditional that adds it', `const ws = new WebSocket(t ? \`\${u}?token=\${t}\` : u);`],
      [
        'URL + searchParams.set',
        `const url = new URL('/ws', location.href);\nurl.searchParams.set('token', t);\nconst ws = new WebSocket(url);`,
      ],
      [
        'URL + searchParams.append, then .toString()',
        `const u = new URL(base);\nu.searchParams.append('Authorization', t);\nconst ws = new WebSocket(u.toString());`,
      ],
      [
        'URLSearchParams joined into the URL',
        `const qs = new URLSearchParams({ room, token });\nconst ws = new WebSocket(\`\${base}?\${qs}\`);`,
      ],
      [
        'URLSearchParams filled with set',
        `const qs = new URLSearchParams();\nqs.set('session_id', s);\nconst ws = new WebSocket(base + '?' + qs.toString());`,
      ],
      ['a hard-coded API key', `const ws = new WebSocket('wss://stream.example.com/v1?api_key=sk_live_4f9c2a1b77d0');`],
      [
        'the ws package',
        `import WebSocket from 'ws';\nconst ws = new WebSocket(\`wss://x?token=\${process.env.TOKEN}\`);`,
      ],
      [
        'encodeURIComponent around the value, returned from a factory',
        `export function connectWS() {\n  return new WebSocket(\`\${WS_BASE}/ws?token=\${encodeURIComponent(getToken())}\`);\n}`,
      ],
      [
        'searchParams.set under an if',
        `const url = new URL(\`ws://\${host}/ws\`);\nconst token = getToken();\nif (token) url.searchParams.set('token', token);\nconst websocket = new WebSocket(url.toString());`,
      ],
      [
        'a class field',
        `class Live {\n  private url = \`wss://x/live?token=\${getToken()}\`;\n  connect() { this.ws = new WebSocket(this.url); }\n}`,
      ],
      [
        'a field assigned in the constructor',
        `class Live {\n  url: string;\n  constructor(base: string, token: string) { this.url = base + '?access_token=' + token; }\n  connect() { return new WebSocket(this.url); }\n}`,
      ],
      [
        'a stored token next to a fetched one',
        `const { ticket } = await (await fetch('/t')).json();\nconst ws = new WebSocket(\`wss://x?ticket=\${ticket}&token=\${localStorage.getItem('token')}\`);`,
      ],
      [
        'reconnecting-websocket',
        `import RWS from 'reconnecting-websocket';\nconst ws = new RWS(\`wss://x?token=\${t}\`);`,
      ],
    ])('%s', (_name, src) => {
      expect(findings(src)).toHaveLength(1);
    });

    it('EventSource, naming its own fix (no headers: cookie or a fetch-based reader)', () => {
      const [f] = findings(
        `const es = new EventSource(\`/api/stream?access_token=\${token}\`);\nes.onmessage = (e) => render(e.data);`,
      );
      expect(f).toMatchObject({ line: 1, column: 28 });
      expect(f.message).toMatch(/^EventSource URL carries `access_token`/);
      expect(f.message).toMatch(/withCredentials.*fetch\(\)/);
    });

    it('window.EventSource and the polyfill', () => {
      expect(
        at(
          `const a = new window.EventSource('/s?jwt=' + jwt);\nimport { EventSourcePolyfill } from 'event-source-polyfill';\nconst b = new EventSourcePolyfill('/s?token=' + t);`,
        ),
      ).toEqual(['1:34', '3:35']);
    });

    it.each([
      [
        'SockJS',
        `import SockJS from 'sockjs-client';\nconst sock = new SockJS('/ws?access_token=' + token);`,
        /^SockJS URL carries.*session cookie/,
      ],
      [
        'graphql-ws createClient({ url })',
        `import { createClient } from 'graphql-ws';\nexport const client = createClient({ url: \`wss://api.example.com/graphql?token=\${token}\` });`,
        /^graphql-ws URL carries.*connectionParams/,
      ],
      [
        'a STOMP brokerURL',
        `import { Client } from '@stomp/stompjs';\nconst stomp = new Client({ brokerURL: 'wss://mq.example.com/ws?jwt=' + jwt });`,
        /^STOMP broker URL carries.*connectHeaders/,
      ],
      [
        'react-use-websocket queryParams',
        `import useWebSocket from 'react-use-websocket';\nexport const useFeed = (token: string) => useWebSocket('wss://x/feed', { queryParams: { token } });`,
        /^The `queryParams` option puts `token` in the URL/,
      ],
      [
        'VueUse useEventSource',
        `import { useEventSource } from '@vueuse/core';\nconst { data } = useEventSource(\`/api/events?token=\${token}\`);`,
        /^EventSource URL carries/,
      ],
      [
        'fetchEventSource (which could send a header)',
        `import { fetchEventSource } from '@microsoft/fetch-event-source';\nfetchEventSource(\`/api/stream?token=\${t}\`, { onmessage: show });`,
        /pass it in `headers`/,
      ],
    ])('%s', (_name, src, message) => {
      const [f, ...rest] = findings(src);
      expect(rest).toEqual([]);
      expect(f.message).toMatch(message);
    });

    it('socket.io `query: { token }`, at the option, pointing at `auth`', () => {
      const [f] = findings(
        `import { io } from 'socket.io-client';\nexport const socket = io('https://live.example.com', { query: { room, token } });\nsocket.on('score', show);`,
      );
      expect(f).toMatchObject({ line: 2, column: 71 });
      expect(f.message).toMatch(/^socket\.io's `query` option puts `token` in the URL \(`io\(…\)`\)/);
      expect(f.message).toContain('auth: { token }');
    });

    it('socket.io options from a const, and a token in the io() URL itself', () => {
      expect(
        findings(
          `import { io } from 'socket.io-client';\nconst opts = { query: { accessToken: t } };\nconst s = io(url, opts);\ns.on('x', f);`,
        ),
      ).toHaveLength(1);
      expect(
        findings(`import { io } from 'socket.io-client';\nconst s = io(\`https://x?token=\${t}\`);\ns.on('x', f);`),
      ).toHaveLength(1);
    });

    it('the ws package is told to send a header', () => {
      const [f] = findings(
        `import WebSocket from 'ws';\nconst ws = new WebSocket(\`wss://x?token=\${t}\`);\nws.on('message', f);`,
      );
      expect(f.message).toContain('Authorization header');
    });

    it('names every credential parameter of one URL', () => {
      const [f] = findings(`const ws = new WebSocket(\`wss://x?apikey=\${k}&secret=\${s}\`);`);
      expect(f.message).toContain('carries `apikey`, `secret`');
    });

    it('takes more names from the `params` option (case and separators ignored)', () => {
      const src = `const ws = new WebSocket(\`wss://x?signed_key=\${k}\`);`;
      expect(findings(src)).toEqual([]);
      expect(findings(src, { params: ['signedKey'] })).toHaveLength(1);
    });
  });

  describe('where the credential is added', () => {
    it('points a related location at the line that appends it', () => {
      const [f, ...rest] = findings(`export function open(base: string, key: string) {
  let url = base + '/socket';
  url += \`?api_key=\${key}\`;
  url += '&client=web';
  return new WebSocket(url);
}`);
      expect(rest).toEqual([]);
      expect(f.line).toBe(5);
      expect(f.related).toEqual([{ file: 'src/a.ts', line: 3, column: 10, message: 'adds the credential parameter' }]);
    });

    it('a token appended only when the token itself is there is still reported', () => {
      expect(
        findings(`export function open(base: string, token?: string) {
  let url = base;
  if (token) url += \`?token=\${token}\`;
  return new WebSocket(url);
}`),
      ).toHaveLength(1);
    });

    const optIn = `export function open(settings: { wsUrl: string; token: string; appendToken: boolean }) {
  const { wsUrl, token, appendToken } = settings;
  let url = wsUrl + '/events';
  if (appendToken && token !== '') {
    url += \`?token=\${encodeURIComponent(token)}\`;
  }
  return new WebSocket(url);
}`;
    it('a token a setting opts into is left out unless reportOptIn', () => {
      expect(findings(optIn)).toEqual([]);
      expect(findings(optIn, { reportOptIn: true })).toHaveLength(1);
    });

    it.each([
      [
        'a build-time placeholder through a const',
        `declare const __DEV_NONCE__: string;
const nonce = __DEV_NONCE__;
export const connect = (host: string) => new WebSocket(\`ws://\${host}/hmr?token=\${nonce}\`);`,
      ],
      [
        'a literal written into the script',
        `const key = 'public-demo';
export const connect = () => new WebSocket('wss://x.example/feed?apikey=' + key);`,
      ],
    ])('a constant of the script itself is no user credential: %s', (_name, src) => {
      expect(findings(src)).toEqual([]);
    });
  });

  describe('one hop through a parameter', () => {
    it('flags the caller that puts the token in a wrapper class URL (constructor parameter property), pointing back at the socket', () => {
      const [f, ...rest] = findings({
        'src/feed.ts': `export class Feed {\n  constructor(private readonly url: string) {}\n  open() { const ws = new WebSocket(this.url); ws.onmessage = show; }\n}`,
        'src/main.ts': `import { Feed } from './feed';\nnew Feed(\`wss://x/feed?token=\${t}\`).open();`,
      });
      expect(rest).toEqual([]);
      expect(f).toMatchObject({ file: 'src/main.ts', line: 2, column: 10 });
      expect(f.message).toMatch(
        /^This URL, passed to `new Feed\(…\)`, carries `token` into the WebSocket URL \(feed\.ts:3\);/,
      );
      expect(f.related).toEqual([{ file: 'src/feed.ts', line: 3, column: 23, message: 'the WebSocket it opens' }]);
    });

    it.each([
      [
        'a function parameter, same file',
        { 'src/a.ts': `function connect(url: string) { return new WebSocket(url); }\nconnect('wss://x?jwt=' + jwt);` },
      ],
      [
        'a const arrow, imported',
        {
          'src/ws.ts': `export const connect = (url: string) => new WebSocket(url);`,
          'src/b.ts': `import { connect } from './ws';\nconnect(\`wss://x?token=\${t}\`);`,
        },
      ],
      [
        'this.url assigned in the constructor',
        {
          'src/a.ts': `class C {\n  url: string;\n  constructor(url: string) { this.url = url; }\n  open() { return new EventSource(this.url); }\n}\nnew C('/s?access_token=' + t);`,
        },
      ],
    ])('%s', (_name, files) => {
      expect(findings(files)).toHaveLength(1);
    });

    it.each([
      [
        'a caller passing a clean URL',
        { 'src/a.ts': `function connect(url: string) { return new WebSocket(url); }\nconnect('wss://x/feed');` },
      ],
      [
        'a same-named function in a file that does not import it',
        {
          'src/ws.ts': `export const connect = (url: string) => new WebSocket(url);`,
          'src/b.ts': `const connect = (u: string) => fetch(u);\nconnect(\`wss://x?token=\${t}\`);`,
        },
      ],
      [
        'a parameter that is only part of the URL',
        {
          'src/a.ts': `function connect(room: string) { return new WebSocket(\`wss://x/\${room}\`); }\nconnect('lobby?token=abcdefghij');`,
        },
      ],
    ])('not %s', (_name, files) => {
      expect(findings(files)).toEqual([]);
    });
  });

  describe('does not flag', () => {
    it.each([
      [
        'socket.io auth (the right way)',
        `import { io } from 'socket.io-client';\nconst s = io('https://x', { auth: { token } });\ns.on('x', f);`,
      ],
      [
        'socket.io auth as a callback',
        `import { io } from 'socket.io-client';\nconst s = io(url, { auth: (cb) => cb({ token: getToken() }) });\ns.on('x', f);`,
      ],
      [
        'socket.io query without credentials',
        `import { io } from 'socket.io-client';\nconst s = io(url, { query: { room: 'lobby', v: 2 } });\ns.on('x', f);`,
      ],
      ['a URL without credentials', `const ws = new WebSocket(\`wss://x/feed?room=\${room}&v=2\`);`],
      [
        'a single-use ticket',
        `const { ticket } = await (await fetch('/ws-ticket', { method: 'POST' })).json();\nconst ws = new WebSocket(\`wss://x?ticket=\${ticket}\`);`,
      ],
      ['`key` (a channel or public app key)', `const ws = new WebSocket(\`wss://x?key=\${appKey}\`);`],
      [
        'socket.io / Engine.IO `sid`',
        `const ws = new WebSocket(\`wss://x/socket.io/?EIO=4&transport=websocket&sid=\${sid}\`);`,
      ],
      ['a pre-signed URL signature', `const ws = new WebSocket(\`wss://x?X-Amz-Signature=\${sig}&X-Amz-Date=\${d}\`);`],
      ['a token in the path, not the query', `const ws = new WebSocket(\`wss://x/token/\${id}\`);`],
      ['a token in the #fragment (never sent)', `const ws = new WebSocket(\`wss://x/#token=\${t}\`);`],
      ['a flag value', `const ws = new WebSocket('wss://x/feed?auth=false');`],
      [
        'a parameter whose name only contains a credential word',
        `const ws = new WebSocket(\`wss://x?tokenizer=\${t}&tokens_left=\${n}\`);`,
      ],
      ['the Sec-WebSocket-Protocol trick', `const ws = new WebSocket('wss://x/feed', ['bearer', token]);`],
      ['a bearer subprotocol', `const ws = new WebSocket(wsUrl, token ? [\`bearer.\${token}\`] : undefined);`],
      [
        'a class field without credentials',
        `class Live {\n  private url = 'wss://x/live';\n  connect() { this.ws = new WebSocket(this.url); }\n}`,
      ],
      [
        'a token fetched for this connection (a ticket by another name)',
        `const { token } = await (await fetch('/api/realtime-token', { method: 'POST' })).json();\nconst ws = new WebSocket(\`wss://api.example.com/v2/realtime?sample_rate=16000&token=\${token}\`);`,
      ],
      [
        'a token read from a response body fetched here',
        `const res = await axios.post('/api/ws-ticket');\nconst token = res.data.token;\nconst ws = new WebSocket('wss://x?token=' + token);`,
      ],
      [
        'graphql-ws connectionParams (the right way)',
        `import { createClient } from 'graphql-ws';\nexport const client = createClient({ url: 'wss://api.example.com/graphql', connectionParams: { authToken: token } });`,
      ],
      [
        'a createClient that is not graphql-ws',
        `import { createClient } from '@supabase/supabase-js';\nconst c = createClient(\`https://x.supabase.co?apikey=\${key}\`, key);\nconst ws = new WebSocket('wss://x');`,
      ],
      [
        'STOMP connectHeaders',
        `import { Client } from '@stomp/stompjs';\nconst stomp = new Client({ brokerURL: 'wss://mq.example.com/ws', connectHeaders: { Authorization: 'Bearer ' + jwt } });`,
      ],
      ['an unresolvable URL', `export const open = (url: string) => new WebSocket(url);`],
      [
        'an HTTP fetch with a token (not a socket or stream)',
        `fetch(\`/api/x?token=\${t}\`); const ws = new WebSocket('wss://x');`,
      ],
      [
        'a name removed with ignoreParams',
        `const ws = new WebSocket(\`wss://meet.example.com?session=\${meetingId}\`);`,
        { ignoreParams: ['session'] },
      ],
    ])('%s', (_name, src, options: Record<string, unknown> = {}) => {
      expect(findings(src, options)).toEqual([]);
    });
  });

  it('finds the socket on a file whose lines end in a lone carriage return (the compiler counts more lines there)', () => {
    const src =
      "const t = load();\r\r\nconst ws = new WebSocket('wss://x/feed?token=' + t);\r\r\nws.onmessage = (e) => show(e.data);\r\r\n";
    const [f, ...rest] = findings(src);
    expect(rest).toEqual([]);
    expect(f.message).toMatch(/^WebSocket URL carries `token`/);
  });

  it('survives self-referencing and deeply nested URL expressions', () => {
    const deep = `const ws = new WebSocket(${'('.repeat(300)}'wss://x?token=' + t${')'.repeat(300)});`;
    expect(findings(deep)).toHaveLength(1);
    expect(
      findings(`let u = 'wss://x';\nu = u + u;\nu = u + '?token=' + t;\nconst ws = new WebSocket(u);`),
    ).toHaveLength(1);
    const chain = Array.from({ length: 60 }, (_, i) => `const u${i + 1} = u${i} + 'a';`).join('\n');
    expect(() => findings(`const u0 = 'wss://x?token=' + t;\n${chain}\nconst ws = new WebSocket(u60);`)).not.toThrow();
  });

  it('documents every default option in its options schema', () => {
    const schema = wsTokenInUrl.optionsSchema as {
      type: string;
      properties: Record<string, unknown>;
      additionalProperties: boolean;
    };
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(wsTokenInUrl.defaultOptions ?? {}).sort()).toEqual(Object.keys(schema.properties).sort());
  });
});
