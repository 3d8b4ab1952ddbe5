// polling-could-stream: a client that re-fetches the same endpoint on a short, fixed timer asks the
// server "anything new?" over and over; Server-Sent Events let the server say so when it happens.
import { defineRule, docsPath, type Problem, type RuleModule } from '../src/rule-api.js';
import { pollAt, type Poll } from './polling-could-stream/poll-shapes.js';
import { position, type TS } from '../src/syntax/values.js';
import { listedNodes } from '../src/syntax/node-list.js';

const id = 'polling-could-stream';
const DEFAULT_MAX_INTERVAL_MS = 10_000;

const meta: RuleModule['meta'] = {
  id,
  description:
    'Client code that re-fetches the same endpoint on a short fixed timer: let the server push with Server-Sent Events',
  defaultSeverity: 'info',
  help:
    'A setInterval, a self-rescheduling setTimeout, a sleep loop or a query-library refetchInterval re-requests one endpoint every few seconds. ' +
    'Every open tab pays that many requests a minute, mostly answered "nothing new", and each update still waits for the next tick. ' +
    'When the server knows when the data changes, an EventSource stream pushes it as it happens over one long-lived HTTP response.',
  docsPath: docsPath(id),
};

/** What starts a poll: a timer, an interval hook or option, an RxJS source, a delay a loop awaits. */
const TIMER = String.raw`setInterval|setTimeout|refetchInterval|refreshInterval|pollInterval|pollingInterval|useInterval|useTimeoutPoll|usePolling|\binterval\(|\btimer\(|\bsleep\(|\bdelay\(`;
const HTTP_CLIENT = String.raw`[Ff]etch|useAsyncData|axios|\bky\b|\$http|http\.get|httpClient|getJSON|\bgot\b|useSWR|SWRConfig|Query|useRequest`;
/**
 * Names a poll cannot do without: a client a read is called on or made by, a data hook whose
 * refetcher a timer calls, or a query library's interval option (which needs no read).
 */
const HTTP_READ = String.raw`\b(?:fetch|ky|axios|got|ofetch|superagent|jQuery|httpClient)\b|\$(?:fetch|http|axios)\b|(?:\$|\bhttp)\s*\??\.\s*(?:get|head|getJSON|request)\b|\buse\w*Quer(?:y|ies)|\buse(?:SWR|Fetch|LazyFetch|AsyncData|LazyAsyncData|Axios|Request)|SWRConfig|refetchInterval|refreshInterval|pollInterval|pollingInterval`;

function bothIn(a: string, b: string): RegExp {
  return new RegExp(`^(?=[\\s\\S]*?(?:${a}))(?=[\\s\\S]*?(?:${b}))`);
}

function every(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

/** What the code polls and how often, and what to do; the rule page says why. */
/** What the code polls and how often, and what to do; the rule page says why. */
function messageFor(ts: TS, p: Poll): string {
  const perMinute = Math.round(60_000 / p.ms);
  const target = p.endpoint ? `\`${p.endpoint.slice(0, 40)}\`` : 'the same request';
  const readLine = p.read ? position(ts, p.read.call).line : undefined;
  const request = readLine !== undefined && readLine !== position(ts, p.at).line ? `request at line ${readLine}` : '';
  const cost = `${perMinute} request${perMinute === 1 ? '' : 's'} a minute per tab`;
  const push = 'If the server knows of changes, push them with Server-Sent Events';
  if (p.option) {
    const how = `\`${p.option.slice(0, 30)}\``;
    return `\`${p.what.slice(0, 30)}\` polls ${target} every ${every(p.ms)} (${how}): ${cost}. Push changes with Server-Sent Events into the cache (\`setQueryData\`, \`mutate\`).`;
  }
  const what = p.what === 'a polling loop' ? 'A polling loop' : `\`${p.what.slice(0, 30)}\``;
  return `${what} re-fetches ${target} every ${every(p.ms)}${request ? ` (${request})` : ''}: ${cost}. ${push} (EventSource).`;
}

export const pollingCouldStream = defineRule<{ maxIntervalMs: number }>({
  meta,
  // a timer and an HTTP client (or a query library's interval option) in the same file…
  fileHint: bothIn(TIMER, HTTP_CLIENT),
  // …and outside comments, as the names a read is made with (polling-could-stream/http-calls.ts)
  codeHint: bothIn(TIMER, HTTP_READ),
  defaultOptions: { maxIntervalMs: DEFAULT_MAX_INTERVAL_MS },
  optionsSchema: {
    type: 'object',
    properties: {
      maxIntervalMs: {
        type: 'number',
        exclusiveMinimum: 0,
        default: DEFAULT_MAX_INTERVAL_MS,
        description: 'Report polls whose fixed interval is at most this many milliseconds.',
      },
    },
    additionalProperties: false,
  },
  checkFile(file, { ts, options }) {
    const problems: Problem[] = [];
    for (const n of listedNodes(ts, file.sourceFile.compilerNode)) {
      const poll = pollAt(ts, n, file.text, options.maxIntervalMs);
      if (!poll) continue;
      const related = poll.read
        ? [{ file: file.relPath, ...position(ts, poll.read.call), message: 'the repeated request' }]
        : [];
      problems.push({ file: file.relPath, ...position(ts, poll.at), message: messageFor(ts, poll), related });
    }
    return problems;
  },
});
