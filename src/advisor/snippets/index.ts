// Which starter files fit the pick: each transport in the variants the answers select (a
// subscription or one stream per request; a long-lived server or the declared platform). The files
// beside this one are real TypeScript, compiled and run by the tests; `ask` points to them and the
// ADR embeds them. This module only chooses; it never reads them.
import type { Facts } from '../facts.js';
import type { OutcomeId } from '../transports.js';

export type SnippetRole = 'server' | 'client' | 'shared' | 'entry';

export interface SnippetFile {
  role: SnippetRole;
  /** relative to src/advisor/snippets/ */
  path: string;
}

export interface Snippet {
  /** e.g. "sse/per-request on vercel" */
  variant: string;
  files: SnippetFile[];
}

const LOG: SnippetFile = { role: 'shared', path: 'shared/event-log.ts' };

/** How a web-standard handler (Request → Response) is served on the platform. */
function entryFor(f: Facts): SnippetFile[] {
  if (f.platform === 'long-lived-server' || f.platform === 'cloud-run')
    return [{ role: 'entry', path: 'shared/serve-node.ts' }];
  if (f.platform === 'aws-lambda') return [{ role: 'entry', path: 'shared/lambda-stream.ts' }];
  return []; // Vercel, Cloudflare Workers and the rest call the handler directly (see its header)
}

const CHOOSE: Record<OutcomeId, (f: Facts) => Omit<Snippet, 'variant'> & { name: string }> = {
  sse: (f) =>
    f.perRequest
      ? {
          name: 'sse/per-request',
          files: [
            { role: 'server', path: 'sse/per-request-server.ts' },
            { role: 'client', path: 'sse/per-request-client.ts' },
            LOG,
            ...entryFor(f),
          ],
        }
      : {
          name: 'sse/subscription',
          files: [
            { role: 'server', path: 'sse/server.ts' },
            { role: 'client', path: 'sse/client.ts' },
            LOG,
            ...entryFor(f),
          ],
        },
  'http2-streaming': (f) => ({
    name: `http2-streaming/${f.binary ? 'binary' : 'ndjson'}`,
    files: [
      { role: 'server', path: 'http2-streaming/server.ts' },
      { role: 'client', path: 'http2-streaming/client.ts' },
      LOG,
      ...entryFor(f),
    ],
  }),
  'long-polling': (f) => ({
    name: 'long-polling',
    files: [
      { role: 'server', path: 'long-polling/server.ts' },
      { role: 'client', path: 'long-polling/client.ts' },
      LOG,
      ...entryFor(f),
    ],
  }),
  websocket: (f) => {
    const client: SnippetFile = { role: 'client', path: 'websocket/client.ts' };
    if (f.platform === 'aws-lambda')
      return { name: 'websocket/api-gateway', files: [{ role: 'server', path: 'websocket/aws-lambda.ts' }, client] };
    if (f.platform === 'cloudflare')
      return { name: 'websocket/durable-object', files: [{ role: 'server', path: 'websocket/cloudflare.ts' }, client] };
    // Cloud Run and long-lived servers run it as is; other serverless platforms run it beside the functions.
    return {
      name: f.serverless && f.platform !== 'cloud-run' ? 'websocket/separate-server' : 'websocket/node',
      files: [{ role: 'server', path: 'websocket/server.ts' }, client, LOG],
    };
  },
  webrtc: () => ({
    name: 'webrtc',
    files: [
      { role: 'server', path: 'webrtc/signaling-server.ts' },
      { role: 'client', path: 'webrtc/client.ts' },
    ],
  }),
  polling: (f) =>
    f.perRequest
      ? {
          name: 'polling/job',
          files: [
            { role: 'server', path: 'polling/job-server.ts' },
            { role: 'client', path: 'polling/job-client.ts' },
            ...entryFor(f),
          ],
        }
      : {
          name: 'polling/cacheable',
          files: [
            { role: 'server', path: 'polling/server.ts' },
            { role: 'client', path: 'polling/client.ts' },
            ...entryFor(f),
          ],
        },
  'batched-post': (f) => ({
    name: f.binary ? 'batched-post/file' : 'batched-post/batch',
    files: [
      { role: 'server', path: 'batched-post/server.ts' },
      { role: 'client', path: f.binary ? 'batched-post/file-client.ts' : 'batched-post/client.ts' },
      ...entryFor(f),
    ],
  }),
};

export function snippetFor(pick: OutcomeId, facts: Facts): Snippet {
  const { name, files } = CHOOSE[pick](facts);
  return { variant: `${name} on ${facts.platform}`, files };
}

/** Every file any variant can point to: the tests compile and scan exactly these. */
export const ALL_SNIPPET_FILES = [
  'shared/event-log.ts',
  'shared/serve-node.ts',
  'shared/lambda-stream.ts',
  'sse/server.ts',
  'sse/client.ts',
  'sse/per-request-server.ts',
  'sse/per-request-client.ts',
  'http2-streaming/server.ts',
  'http2-streaming/client.ts',
  'long-polling/server.ts',
  'long-polling/client.ts',
  'websocket/server.ts',
  'websocket/client.ts',
  'websocket/aws-lambda.ts',
  'websocket/cloudflare.ts',
  'webrtc/signaling-server.ts',
  'webrtc/client.ts',
  'polling/server.ts',
  'polling/client.ts',
  'polling/job-server.ts',
  'polling/job-client.ts',
  'batched-post/server.ts',
  'batched-post/client.ts',
  'batched-post/file-client.ts',
] as const;
