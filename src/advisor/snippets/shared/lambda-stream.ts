// Runs a web-standard handler (Request in, Response out) on AWS Lambda with response streaming.
// Invoke it through a function URL with InvokeMode RESPONSE_STREAM (an ALB in front does not
// stream). The stream ends at the function timeout (at most 15 min) and is billed for its whole
// duration, so clients reconnect and resume (SSE-6, SSE-8).
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';

/** The part of a function URL event this adapter reads. */
export interface FunctionUrlEvent {
  rawPath: string;
  rawQueryString?: string;
  headers: Record<string, string | undefined>;
  body?: string;
  isBase64Encoded?: boolean;
  requestContext: { http: { method: string }; domainName?: string };
}

type ResponseStream = NodeJS.WritableStream;
/** Provided by Lambda's Node.js runtime as a global: no import. */
declare const awslambda: {
  streamifyResponse(handler: (event: FunctionUrlEvent, stream: ResponseStream) => Promise<void>): unknown;
  HttpResponseStream: {
    from(stream: ResponseStream, meta: { statusCode: number; headers: Record<string, string> }): ResponseStream;
  };
};

export type WebHandler = (request: Request) => Response | Promise<Response>;

function toRequest(event: FunctionUrlEvent): Request {
  const url = `https://${event.requestContext.domainName ?? 'lambda.local'}${event.rawPath}${event.rawQueryString ? `?${event.rawQueryString}` : ''}`;
  const headers = new Headers(Object.entries(event.headers).filter((e): e is [string, string] => e[1] !== undefined));
  const method = event.requestContext.http.method;
  const body =
    event.body === undefined || method === 'GET'
      ? undefined
      : Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
  return new Request(url, { method, headers, body });
}

export function streamingLambda(handler: WebHandler): unknown {
  return awslambda.streamifyResponse(async (event, stream) => {
    const response = await handler(toRequest(event));
    const out = awslambda.HttpResponseStream.from(stream, {
      statusCode: response.status,
      headers: Object.fromEntries(response.headers),
    });
    const body = response.body ? Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>) : Readable.from([]);
    await pipeline(body, out); // pipeline respects backpressure and ends the stream
  });
}
