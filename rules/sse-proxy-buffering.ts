// sse-proxy-buffering: an SSE response that sets neither `Cache-Control: no-cache` nor
// `X-Accel-Buffering: no`; behind nginx (which buffers proxied responses by default) events arrive in bursts.
import {
  findSseHandlers,
  hasParseErrors,
  SSE_FILE_HINT,
  strayHeaderWrites,
  type SseHandler,
} from './support/sse-handlers.js';
import type { TS } from '../src/syntax/scope.js';
import type { HeaderSet } from './support/sse-headers.js';
import { escapeOf, rootIdentifier } from './support/sse-sinks.js';
import { defineRule, docsPath, type Problem, type RuleModule } from '../src/rule-api.js';

const id = 'sse-proxy-buffering';
/** any of these says the author thought about caches and transforming proxies (compression skips `no-transform`) */
const CACHE_OFF = /no-cache|no-store|no-transform/i;

type Verdict = { addressed: true } | { addressed: false; cacheControl?: string } | { addressed: 'unknown' };

/** Whether the response switches buffering off, from the headers in sight. */
export function bufferingOf(T: TS, h: SseHandler, stray: readonly HeaderSet[]): Verdict {
  if (h.libraryHeaders) return { addressed: true }; // Hono's streamSSE sends Cache-Control: no-cache itself
  const headers = [...h.headerWrites.flatMap((w) => w.headers), ...stray];
  if (headers.some((x) => x.name === 'x-accel-buffering')) return { addressed: true };
  const cache = headers.filter((x) => x.name === 'cache-control');
  if (cache.some((x) => x.value === undefined || CACHE_OFF.test(x.value))) return { addressed: true };
  if (h.headersUnknown) return { addressed: 'unknown' };
  // the response handed to a helper out of sight (`setupSse(res)`) may get its headers there
  const receivers = new Set(
    h.headerWrites.flatMap((w) => (w.receiver ? [rootIdentifier(T, w.receiver)?.text ?? ''] : [])),
  );
  receivers.delete('');
  if (escapeOf(T, h, { names: receivers, opaque: false }) === 'unknown') return { addressed: 'unknown' };
  return { addressed: false, cacheControl: cache[0]?.value };
}

/** What to write, in the form the handler already uses: keys in its headers object, or one call per header. */
export function fixFor(T: TS, h: SseHandler): string {
  const w = h.anchorWrite;
  if (
    !w ||
    w.asObject ||
    !w.receiver ||
    !T.isCallExpression(w.node) ||
    !T.isPropertyAccessExpression(w.node.expression)
  ) {
    return "add `'Cache-Control': 'no-cache'` and `'X-Accel-Buffering': 'no'` to its headers";
  }
  const recv = w.receiver.getText();
  const used = w.node.expression.name.text;
  const method = used === 'type' || used === 'contentType' ? 'header' : used;
  return `add \`${recv}.${method}('Cache-Control', 'no-cache')\` and \`${recv}.${method}('X-Accel-Buffering', 'no')\``;
}

export function messageFor(T: TS, h: SseHandler, cacheControl: string | undefined): string {
  const sets =
    cacheControl === undefined
      ? 'sets neither `Cache-Control: no-cache` nor `X-Accel-Buffering: no`'
      : `sets \`Cache-Control: ${cacheControl}\` and no \`X-Accel-Buffering: no\``;
  return `SSE response ${sets}: nginx delivers its events in bursts; ${fixFor(T, h)}.`;
}

const meta: RuleModule['meta'] = {
  id,
  description:
    'Server-Sent Events responses without Cache-Control: no-cache or X-Accel-Buffering: no: nginx delivers events in bursts',
  defaultSeverity: 'info',
  help:
    'nginx buffers proxied responses unless the location sets proxy_buffering off or the response carries X-Accel-Buffering: no, ' +
    'and caches and compression middleware hold responses they may transform. Send Cache-Control: no-cache and X-Accel-Buffering: no ' +
    'with every text/event-stream response so events reach the browser as they are written.',
  docsPath: docsPath(id),
};

export const sseProxyBuffering = defineRule({
  meta,
  fileHint: SSE_FILE_HINT,
  checkFile(file, { ts: T }) {
    if (hasParseErrors(file)) return [];
    const handlers = findSseHandlers(T, file);
    if (handlers.length === 0) return [];
    // `app.use((req, res, next) => { res.setHeader('X-Accel-Buffering', 'no'); next(); })` covers every route of the file
    const stray = strayHeaderWrites(T, file).flatMap((w) => w.headers);
    const problems: Problem[] = [];
    for (const h of handlers) {
      const v = bufferingOf(T, h, stray);
      if (v.addressed !== false) continue;
      problems.push({ file: file.relPath, line: h.line, column: h.column, message: messageFor(T, h, v.cacheControl) });
    }
    return problems;
  },
});
