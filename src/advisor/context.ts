// The ADR's context in sentences, from the answers the user gave (defaults are said as such).
import type { AnswerKey, Answers } from './answers.js';

const CLIENTS: Record<Answers['client'], string> = {
  browser: 'browsers',
  'native-mobile': 'native mobile apps',
  device: 'devices',
  server: 'other servers',
};
const PLATFORMS: Record<Answers['platform'], string> = {
  'long-lived-server': 'a long-lived server',
  'aws-lambda': 'AWS Lambda (with API Gateway or function URLs)',
  vercel: 'Vercel Functions',
  cloudflare: 'Cloudflare Workers with Durable Objects',
  'cloud-run': 'Google Cloud Run',
  'other-serverless': 'serverless functions or edge workers',
};
const AUDIENCES: Record<NonNullable<Answers['audience']>, string> = {
  'per-user': 'one user',
  group: 'a group (a room, a team, a document)',
  public: 'everyone (public data)',
};

function flowSentence(a: Answers): string {
  const r = a.clientToServerRatio;
  switch (a.direction) {
    case 'server-to-client':
      return r === 0
        ? 'The server pushes events; clients never send over this channel.'
        : `The server pushes events; clients send about ${r} messages per server message, as ordinary requests.`;
    case 'client-to-server':
      return `Clients send data up to the server: about ${r} messages per server message.`;
    case 'bidirectional':
      return `Both sides send real-time messages: about ${r} client messages per server message.`;
    default:
      return a.peerToPeerMedia
        ? 'Users exchange live audio or video directly, peer to peer.'
        : 'Users exchange data directly, peer to peer.';
  }
}

/** `given` names the answers the user gave; the others were defaults and are said as assumptions. */
export function contextSentences(a: Answers, given: ReadonlySet<AnswerKey>): string[] {
  const out = [flowSentence(a)];
  out.push(
    `${a.direction === 'server-to-client' ? 'An event must reach the screen' : 'A message must arrive'} within ${a.latencyBudgetMs} ms.`,
  );
  out.push(a.binary ? 'Payloads are binary.' : 'Payloads are text.');
  if (given.has('streamScope'))
    out.push(
      a.streamScope === 'per-request'
        ? 'Each request gets its own stream (one answer per request).'
        : 'Clients hold a long-lived subscription.',
    );
  out.push(`The clients are ${CLIENTS[a.client]}${given.has('client') ? '' : ' (assumed)'}.`);
  out.push(`The handlers run on ${PLATFORMS[a.platform]}.`);
  if (a.peerToPeerMedia && a.direction !== 'peer-to-peer') out.push('Users share live audio or video.');
  if (a.audience) out.push(`Each event goes to ${AUDIENCES[a.audience]}.`);
  if (a.concurrentClients !== undefined) out.push(`Up to ${a.concurrentClients} clients are connected at once.`);
  if (a.eventsPerMinute !== undefined) out.push(`Each client receives about ${a.eventsPerMinute} events a minute.`);
  if (a.streamingBlockedByProxy) out.push('A proxy we cannot reconfigure buffers or strips streaming responses.');
  if (a.http1Only) out.push('Browsers reach the origin over HTTP/1.1 only.');
  if (a.existingWebSocketInfra) out.push('A WebSocket stack stays in production for other features.');
  if (a.highThroughput) out.push('The server sends bulk data (thousands of events a second, or MB/s).');
  return out;
}
