import { describe, expect, it } from 'vitest';
import { pollingCouldStream } from '../../rules/polling-could-stream.js';
import { check } from '../helpers/rule-context.js';

const findings = (files: Record<string, string> | string, options: Record<string, unknown> = {}) =>
  check(pollingCouldStream, typeof files === 'string' ? { 'src/a.tsx': files } : files, options);
const at = (src: string, options: Record<string, unknown> = {}) =>
  findings(src, options).map((f) => `${f.line}:${f.column}`);

describe('polling-could-stream', () => {
  describe('flags', () => {
    it('a React effect polling /api/stats every 2 s, at the timer, with the endpoint, the cost and SSE', () => {
      const [f, ...rest] = findings(`import { useEffect, useState } from 'react';
export function Stats() {
  const [stats, setStats] = useState(null);
  useEffect(() => {
    const load = () => fetch('/api/stats').then((r) => r.json()).then(setStats);
    load();
    const id = setInterval(load, 2000);
    return () => clearInterval(id);
  }, []);
  return null;
}`);
      expect(rest).toEqual([]);
      expect(f).toMatchObject({
        ruleId: 'polling-could-stream',
        severity: 'info',
        file: 'src/a.tsx',
        line: 7,
        column: 16,
      });
      expect(f.message).toMatch(
        /^`setInterval` re-fetches `\/api\/stats` every 2 s \(request at line 5\): 30 requests a minute per tab/,
      );
      expect(f.message).toContain('Server-Sent Events');
      expect(f.message).toContain('EventSource');
      expect(f.related).toEqual([{ file: 'src/a.tsx', line: 5, column: 24, message: 'the repeated request' }]);
    });

    it.each([
      ['an inline callback', `setInterval(() => { fetch('/api/orders').then(render); }, 5000);`],
      [
        'a const interval',
        `const POLL_MS = 3_000;\nsetInterval(async () => render(await (await fetch('/api/q')).json()), POLL_MS);`,
      ],
      ['an interval computed from constants', `setInterval(() => fetch('/api/q'), 5 * 1000);`],
      [
        'an interval from a config object',
        `const config = { pollMs: 4000 };\nsetInterval(() => fetch('/api/q'), config.pollMs);`,
      ],
      ['window.setInterval', `window.setInterval(function () { fetch('/api/q'); }, 1000);`],
      [
        'a named function declared later',
        `setInterval(refresh, 2000);\nfunction refresh() { return load(); }\nfunction load() { return fetch('/api/q'); }`,
      ],
      ['axios.get', `import axios from 'axios';\nsetInterval(() => axios.get('/api/q').then(show), 2000);`],
      ['axios()', `import axios from 'axios';\nsetInterval(() => axios({ url: '/api/q' }), 2000);`],
      [
        'an axios instance',
        `import axios from 'axios';\nconst api = axios.create({ baseURL: '/api' });\nsetInterval(() => api.get('/q'), 2000);`,
      ],
      ['ky', `import ky from 'ky';\nsetInterval(() => ky.get('api/q').json(), 2000);`],
      ['jQuery', `setInterval(function () { $.getJSON('/status.json', update); }, 3000);`],
      [
        'a class method with this.http',
        `class S { constructor(private http: any) {}\n  start() { this.t = setInterval(() => this.http.get('/api/q').subscribe(), 2000); } }`,
      ],
      [
        'a Vue options component (this.method from methods)',
        `export default {\n  mounted() { this.timer = setInterval(this.fetchData, 3000); },\n  methods: { fetchData() { return axios.get('/api/q').then((r) => (this.rows = r.data)); } },\n};\nimport axios from 'axios';`,
      ],
      [
        'a job-status poll (same URL each tick)',
        `export function watch(jobId: string) {\n  setInterval(() => fetch(\`/api/jobs/\${jobId}\`), 2000);\n}`,
      ],
      [
        'a poll guarded by page visibility',
        `setInterval(() => { if (document.visibilityState === 'visible') fetch('/api/q').then(show); }, 3000);`,
      ],
      ['a GET spelled out', `setInterval(() => fetch('/api/q', { method: 'GET' }), 2000);`],
    ])('setInterval: %s', (_name, src) => {
      expect(findings(src)).toHaveLength(1);
    });

    it.each([
      [
        'useInterval (react-use, usehooks-ts, ahooks)',
        `import { useInterval } from 'usehooks-ts';\nexport function Queue() { useInterval(() => fetch('/api/queue').then(show), 3000); return null; }`,
        /^`useInterval` re-fetches `\/api\/queue` every 3 s/,
      ],
      [
        'VueUse useIntervalFn',
        `import { useIntervalFn } from '@vueuse/core';\nuseIntervalFn(async () => { data.value = await $fetch('/api/q'); }, 2000);`,
        /^`useIntervalFn` re-fetches/,
      ],
      [
        'RxJS interval + switchMap',
        `import { interval, switchMap } from 'rxjs';\nexport class S { constructor(private http: HttpClient) {}\n  stats$ = interval(5000).pipe(switchMap(() => this.http.get<Stats>('/api/stats'))); }`,
        /^`interval\(\)` re-fetches `\/api\/stats` every 5 s/,
      ],
      [
        'RxJS timer(0, N).subscribe',
        `import { timer } from 'rxjs';\nimport axios from 'axios';\ntimer(0, 2000).subscribe(() => axios.get('/api/q').then(show));`,
        /^`timer\(\)` re-fetches/,
      ],
      [
        'ahooks useRequest pollingInterval',
        `import { useRequest } from 'ahooks';\nconst { data } = useRequest(() => fetch('/api/q').then((r) => r.json()), { pollingInterval: 3000 });`,
        /^`useRequest` polls `\/api\/q` every 3 s/,
      ],
    ])('%s', (_name, src, message) => {
      const [f, ...rest] = findings(src);
      expect(rest).toEqual([]);
      expect(f.message).toMatch(message);
    });

    it.each([
      [
        'refetch() from useQuery',
        `const { data, refetch } = useQuery({ queryKey: ['s'], queryFn: () => fetch('/api/stats').then((r) => r.json()) });\nuseEffect(() => { const id = setInterval(() => refetch(), 2000); return () => clearInterval(id); }, [refetch]);`,
        /re-fetches `\/api\/stats` every 2 s/,
      ],
      [
        'Nuxt useFetch refresh',
        `const { data, refresh } = await useFetch('/api/board');\nonMounted(() => { timer = setInterval(refresh, 3000); });`,
        /re-fetches `\/api\/board` every 3 s/,
      ],
      [
        'SWR mutate through the returned object',
        `const feed = useSWR('/api/feed', fetcher);\nsetInterval(() => feed.mutate(), 1000);`,
        /re-fetches `\/api\/feed` every 1 s/,
      ],
    ])('%s', (_name, src, message) => {
      const [f, ...rest] = findings(src);
      expect(rest).toEqual([]);
      expect(f.message).toMatch(message);
    });

    it('a self-rescheduling setTimeout, at the inner call', () => {
      expect(
        at(
          `async function poll() {\n  const r = await fetch('/api/inbox');\n  render(await r.json());\n  setTimeout(poll, 4000);\n}\npoll();`,
        ),
      ).toEqual(['4:3']);
    });

    it('a rescheduling method and a .finally reschedule', () => {
      expect(
        findings(
          `class P {\n  poll() {\n    fetch('/api/q').then(show);\n    this.timer = setTimeout(() => this.poll(), 2000);\n  }\n}`,
        ),
      ).toHaveLength(1);
      expect(
        findings(`function tick() {\n  fetch('/api/q').then(show).finally(() => setTimeout(tick, 2000));\n}`),
      ).toHaveLength(1);
    });

    it('a sleep loop, at the delay', () => {
      expect(
        at(
          `async function run() {\n  while (!stopped) {\n    show(await (await fetch('/api/q')).json());\n    await new Promise((r) => setTimeout(r, 2500));\n  }\n}`,
        ),
      ).toEqual(['4:11']);
      expect(
        findings(`async function run() {\n  for (;;) {\n    await fetch('/api/q');\n    await sleep(1000);\n  }\n}`),
      ).toHaveLength(1);
    });

    it.each([
      [
        'TanStack Query refetchInterval',
        `import { useQuery } from '@tanstack/react-query';\nexport const useStats = () => useQuery({ queryKey: ['stats'], queryFn: () => fetch('/api/stats').then((r) => r.json()), refetchInterval: 2000 });`,
        /^`useQuery` polls `\/api\/stats` every 2 s \(`refetchInterval: 2000`\)/,
      ],
      [
        'SWR refreshInterval, the key as endpoint',
        `import useSWR from 'swr';\nexport const useFeed = () => useSWR('/api/feed', fetcher, { refreshInterval: 3000 });`,
        /^`useSWR` polls `\/api\/feed` every 3 s \(`refreshInterval: 3000`\)/,
      ],
      [
        'Apollo pollInterval',
        `import { useQuery } from '@apollo/client';\nconst { data } = useQuery(GET_ORDERS, { pollInterval: 5000 });`,
        /^`useQuery` polls the same request every 5 s/,
      ],
      [
        'RTK Query pollingInterval',
        `const { data } = useGetStatsQuery(undefined, { pollingInterval: 3000 });`,
        /^`useGetStatsQuery` polls/,
      ],
      [
        'a QueryClient default',
        `import { QueryClient } from '@tanstack/react-query';\nexport const qc = new QueryClient({ defaultOptions: { queries: { refetchInterval: 5000 } } });`,
        /^`new QueryClient` polls/,
      ],
      [
        'an SWRConfig provider',
        `import { SWRConfig } from 'swr';\nexport const App = () => <SWRConfig value={{ refreshInterval: 1000, fetcher }}><Main /></SWRConfig>;`,
        /^`SWRConfig` polls the same request every 1 s/,
      ],
    ])('%s', (_name, src, message) => {
      const [f, ...rest] = findings(src);
      expect(rest).toEqual([]);
      expect(f.message).toMatch(message);
      expect(f.message).toMatch(/setQueryData|mutate/);
    });

    it('honours maxIntervalMs', () => {
      const src = `setInterval(() => fetch('/api/q'), 30_000);`;
      expect(findings(src)).toEqual([]);
      expect(findings(src, { maxIntervalMs: 60_000 })).toHaveLength(1);
      expect(findings(`setInterval(() => fetch('/api/q'), 5000);`, { maxIntervalMs: 1000 })).toEqual([]);
    });

    it('says how often: sub-second intervals in ms, requests per minute', () => {
      expect(findings(`setInterval(() => fetch('/api/q'), 500);`)[0].message).toMatch(
        /every 500 ms: 120 requests a minute/,
      );
    });
  });

  describe('does not flag', () => {
    it.each([
      [
        'a wait for a restarted server: the success branch clears the flag the rescheduling reads',
        `export const dialog = {
  waitForServer(done: () => void) {
    this.timer = setTimeout(async () => {
      try {
        const res = await fetch('/api/status');
        if (res.status === 200) { this.waiting = false; done(); }
      } catch (e) {}
      if (this.waiting) this.waitForServer(done);
    }, 3000);
  },
};`,
      ],
      [
        'an interval cleared at the first ok answer',
        `const t = setInterval(async () => { const r = await fetch('/api/ready'); if (r.ok) { clearInterval(t); go(); } }, 2000);`,
      ],
      [
        'a loop that leaves at the first ok answer',
        `export async function waitUp() {
  while (true) {
    const r = await fetch('/api/version');
    if (r.ok) break;
    await new Promise((res) => setTimeout(res, 1000));
  }
}`,
      ],
      ['a 60 s poll', `setInterval(() => fetch('/api/q'), 60_000);`],
      ['an interval computed at run time', `setInterval(() => fetch('/api/q'), getDelay());`],
      ['an interval from a parameter', `export const start = (ms: number) => setInterval(() => fetch('/api/q'), ms);`],
      ['a timer that does not fetch', `setInterval(() => setClock(new Date()), 1000);`],
      [
        'a timer that posts (a heartbeat, a beacon)',
        `setInterval(() => fetch('/api/presence', { method: 'POST' }), 5000);`,
      ],
      ['axios.post', `import axios from 'axios';\nsetInterval(() => axios.post('/api/track', data), 2000);`],
      ['a health check', `setInterval(() => fetch('/healthz'), 5000);`],
      ['a ping endpoint', `setInterval(() => fetch(\`\${API}/ping\`), 5000);`],
      ['a Map get is not a request', `const http = new Map();\nsetInterval(() => cache.get('/api/q'), 2000);`],
      [
        'a cursor that moves each tick',
        `let cursor = '';\nsetInterval(async () => {\n  const r = await (await fetch(\`/api/feed?after=\${cursor}\`)).json();\n  cursor = r.next;\n}, 2000);`,
      ],
      ['a page counter', `let page = 1;\nsetInterval(() => fetch('/api/items?page=' + page++), 2000);`],
      ['a one-shot timeout', `setTimeout(() => fetch('/api/q'), 2000);`],
      [
        'the first kick of a poll (outside the poll)',
        `setTimeout(poll, 2000);\nfunction poll() { return fetch('/api/q'); }`,
      ],
      [
        'a backoff poller',
        `let delay = 1000;\nasync function poll() {\n  await fetch('/api/q');\n  delay = Math.min(delay * 2, 30000);\n  setTimeout(poll, delay);\n}`,
      ],
      [
        'a retry in a catch block',
        `async function load() {\n  try { await fetch('/api/q'); } catch { setTimeout(load, 2000); }\n}`,
      ],
      [
        'a retry in .catch()',
        `function load() {\n  fetch('/api/q').then(show).catch(() => setTimeout(load, 2000));\n}`,
      ],
      [
        'long polling (no delay between requests)',
        `async function loop() {\n  while (true) {\n    const r = await fetch('/api/poll?wait=25');\n    handle(await r.json());\n  }\n}`,
      ],
      [
        'a bounded retry loop',
        `async function get() {\n  for (let i = 0; i < 3; i++) {\n    try { return await fetch('/api/q'); } catch { await sleep(1000); }\n  }\n}`,
      ],
      [
        'a retry loop with a counter',
        `async function get() {\n  while (attempt < 5) {\n    const r = await fetch('/api/q');\n    await sleep(1000);\n    attempt++;\n  }\n}`,
      ],
      ['refetchInterval: false', `useQuery({ queryKey: ['a'], queryFn, refetchInterval: false });`],
      [
        'a refetchInterval callback',
        `useQuery({ queryKey: ['a'], queryFn, refetchInterval: (q) => (q.state.data?.done ? false : 2000) });`,
      ],
      ['a long refreshInterval', `useSWR('/api/a', fetcher, { refreshInterval: 60000 });`],
      [
        'an interval option outside a query call',
        `const settings = { refreshInterval: 2000 };\nsetInterval(() => {}, 1000);\nfetch('/x');`,
      ],
      [
        'an RxJS interval that does not request',
        `import { interval, map } from 'rxjs';\nconst clock$ = interval(1000).pipe(map(() => new Date()));\nfetch('/x');`,
      ],
      [
        'a local interval() that is not RxJS',
        `const interval = (ms: number) => ms;\ninterval(1000);\nfetch('/api/q'); // rxjs`,
      ],
      [
        'a request only when a token is about to expire',
        `setInterval(() => {\n  if (session.expiresAt - Date.now() < 60_000) fetch('/api/session/renew');\n}, 5000);`,
      ],
      [
        'a request every Nth tick',
        `let ticks = 0;\nsetInterval(() => { ticks++; if (ticks % 12 === 0) fetch('/api/q'); }, 1000);`,
      ],
      [
        'a mutation hook on a timer',
        `const { mutate } = useMutation({ mutationFn: (b) => fetch('/api/track', { method: 'POST', body: b }) });\nsetInterval(() => mutate(events), 2000);`,
      ],
      ['fetching a blob URL', `setInterval(() => fetch('blob:https://x/1'), 1000);`],
    ])('%s', (_name, src) => {
      expect(findings(src)).toEqual([]);
    });
  });

  it('survives odd trees', () => {
    expect(() =>
      findings(
        `setInterval(() => fetch(${'('.repeat(200)}'/a'${')'.repeat(200)}), ${'('.repeat(200)}1000${')'.repeat(200)});`,
      ),
    ).not.toThrow();
    expect(findings(`function a() { b(); setTimeout(a, 1000); }\nfunction b() { a(); fetch('/api/q'); }`)).toHaveLength(
      1,
    );
  });

  it('documents every default option in its options schema', () => {
    const schema = pollingCouldStream.optionsSchema as {
      type: string;
      properties: Record<string, unknown>;
      additionalProperties: boolean;
    };
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(pollingCouldStream.defaultOptions ?? {}).sort()).toEqual(Object.keys(schema.properties).sort());
  });
});
