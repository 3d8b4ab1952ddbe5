// sse-no-heartbeat: an SSE handler whose stream is written only from event callbacks or once goes
// silent between events; proxies and load balancers close idle connections after 60–120 s.
import type { ts } from 'ts-morph';
import { findSseHandlers, hasParseErrors, SSE_FILE_HINT, type SseHandler } from './support/sse-handlers.js';
import { heartbeatOf, type Heartbeat } from './sse-no-heartbeat/heartbeat.js';
import type { TS } from '../src/syntax/scope.js';
import { defineRule, docsPath, type Problem, type RuleModule } from '../src/rule-api.js';

const id = 'sse-no-heartbeat';
/** Heroku's router closes a connection idle for 55 s, nginx and AWS ALB at 60 s: a slower timer loses the race. */
const DEFAULT_MAX_INTERVAL_MS = 55_000;

/** The keep-alive, phrased with the handler's own names: `res.write`, `controller.enqueue`, `stream.write`. */
export function keepAliveSnippet(T: TS, h: SseHandler, write: ts.CallExpression | undefined): string {
  const target = write && T.isPropertyAccessExpression(write.expression) ? write.expression : undefined;
  const recv = target?.expression.getText();
  const method = target?.name.text;
  if (h.shape === 'hono-stream-sse' || method === 'writeSSE') {
    const s = recv ?? 'stream';
    return `\`const ping = setInterval(() => ${s}.write(': keep-alive\\n\\n'), 15000)\` and \`${s}.onAbort(() => clearInterval(ping))\``;
  }
  if (method === 'enqueue' || (h.shape === 'web-response' && recv)) {
    const s = recv ?? 'controller';
    const verb = method === 'enqueue' ? 'enqueue' : 'write';
    const stop = method === 'enqueue' ? "clear it in the stream's `cancel()`" : 'clear it when `request.signal` aborts';
    return `\`const ping = setInterval(() => ${s}.${verb}(new TextEncoder().encode(': keep-alive\\n\\n')), 15000)\`, and ${stop}`;
  }
  const res = recv ?? 'res';
  const [first, second] = h.handler.parameters;
  const timer = `\`const ping = setInterval(() => ${res}.write(': keep-alive\\n\\n'), 15000)\``;
  // `(req, res) =>`: the request's close event ends the stream; Fastify's `reply.raw` is a ServerResponse, which emits it too
  const closes =
    first && second && T.isIdentifier(first.name) && T.isIdentifier(second.name) && second.name.text === res
      ? first.name.text
      : /\.raw$/.test(res)
        ? res
        : undefined;
  return closes
    ? `${timer} and \`${closes}.on('close', () => clearInterval(ping))\``
    : `${timer}, and clear it when the client disconnects`;
}

/** What the stream lacks, and the keep-alive in the handler's own names; the rule page says why. */
export function messageFor(T: TS, h: SseHandler, beat: Heartbeat, maxIntervalMs: number): string {
  const what =
    beat.slowTimerMs !== undefined
      ? `its only timer writes every ${beat.slowTimerMs / 1000} s, slower than the ${maxIntervalMs / 1000} s the rule allows`
      : 'nothing writes to it on a timer';
  return `SSE stream without a heartbeat: ${what}. Add ${keepAliveSnippet(T, h, beat.write)}.`;
}

const meta: RuleModule['meta'] = {
  id,
  description:
    'Server-Sent Events handlers that never write on a timer: idle streams are cut by proxies after 60–120 s',
  defaultSeverity: 'warning',
  help:
    'The handler answers with Content-Type: text/event-stream but writes only when an event arrives (or once). Between events the ' +
    'connection carries no bytes, and nginx, load balancers and CDNs close connections idle for 60–120 s. Write a comment line ' +
    "(': keep-alive') every 15–25 s from a setInterval and clear it when the request closes.",
  docsPath: docsPath(id),
};

export const sseNoHeartbeat = defineRule<{ maxIntervalMs: number }>({
  meta,
  fileHint: SSE_FILE_HINT,
  defaultOptions: { maxIntervalMs: DEFAULT_MAX_INTERVAL_MS },
  optionsSchema: {
    type: 'object',
    properties: {
      maxIntervalMs: {
        type: 'integer',
        minimum: 1000,
        description: 'a timer that writes less often than this (ms) does not count as a heartbeat',
      },
    },
    additionalProperties: false,
  },
  checkFile(file, { ts: T, options: { maxIntervalMs } }) {
    if (hasParseErrors(file)) return [];
    const problems: Problem[] = [];
    for (const h of findSseHandlers(T, file)) {
      const beat = heartbeatOf(T, h, { maxIntervalMs });
      if (beat.verdict !== 'absent') continue;
      problems.push({
        file: file.relPath,
        line: h.line,
        column: h.column,
        message: messageFor(T, h, beat, maxIntervalMs),
      });
    }
    return problems;
  },
});
