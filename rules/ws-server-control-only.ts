// ws-server-control-only: a WebSocket server whose clients can only subscribe, unsubscribe, join,
// leave or ping (or send nothing at all). Seen from the server side, it is the same one-way stream
// ws-subscribe-only finds in clients: Server-Sent Events plus a POST for the subscription changes.
import type { Location } from '../src/model.js';
import { isControlVerb, splitWords, verbGroup } from '../src/sockets/vocabulary.js';
import {
  defineRule,
  docsPath,
  type ParsedFile,
  type Problem,
  type RuleContext,
  type RuleModule,
} from '../src/rule-api.js';
import { findServers, type ServerSite } from './ws-server-control-only/find-servers.js';
import { InboundAnalysis, type Inbound } from './ws-server-control-only/inbound.js';
import { moduleBindings, ofKind, SERVER_LIFECYCLE } from './ws-server-control-only/bindings.js';
import { pushesSeen, relaysPayload } from './ws-server-control-only/outbound.js';

const id = 'ws-server-control-only';

const meta: RuleModule['meta'] = {
  id,
  description: 'WebSocket servers whose clients only subscribe, unsubscribe or ping: serve Server-Sent Events instead',
  defaultSeverity: 'warning',
  help:
    'Every message this server accepts from its clients is a control message (subscribe, unsubscribe, join, leave, ping, auth), ' +
    'or it reads none at all: the server does all the talking. Serve the stream as Server-Sent Events (a GET answered with ' +
    'text/event-stream) and take the subscription changes as ordinary POST requests: plain HTTP through every proxy, ' +
    'built-in reconnection with Last-Event-ID, no sticky sessions for a second direction nobody uses.',
  docsPath: docsPath(id),
};

const API_NAMES: Record<ServerSite['api'], string> = {
  ws: 'ws server',
  'socket.io': 'socket.io server',
};

/** `subscribe, ping ×2` (the related locations give the lines) */
function summarise(messages: Inbound[]): string {
  const counts = new Map<string, number>();
  for (const msg of messages) counts.set(msg.name, (counts.get(msg.name) ?? 0) + 1);
  const names = [...counts].map(([name, n]) => `${name.slice(0, 20)}${n > 1 ? ` ×${n}` : ''}`);
  return names.length > 4 ? `${names.slice(0, 4).join(', ')}, …` : names.join(', ');
}

export function messageFor(site: ServerSite, messages: Inbound[]): string {
  const call =
    site.api === 'socket.io' && !/Server$/.test(site.constructorText)
      ? `${site.constructorText}(…)`
      : `new ${site.constructorText}(…)`;
  const head = `${API_NAMES[site.api]} \`${call.slice(0, 50)}\``;
  if (messages.length === 0)
    return `${head} reads nothing from its clients, it only pushes: serve the stream as Server-Sent Events.`;
  return `${head} reads only ${summarise(messages)} from its clients: serve the stream as Server-Sent Events, subscriptions as POSTs.`;
}

const STREAM_GROUPS = new Set(['subscription', 'membership', 'stream']);

/** `subscribe`, `join_room`, a configured verb: the client asks the server for a stream (a ping or a hello does not). */
function asksForStream(name: string, extraVerbs: readonly string[]): boolean {
  return splitWords(name).some(
    (w) => STREAM_GROUPS.has(verbGroup(w) ?? '') || extraVerbs.some((e) => e.toLowerCase() === w),
  );
}

function location(
  relPath: string,
  node: {
    getStartLineNumber(): number;
    getStart(): number;
    getSourceFile(): { getLineAndColumnAtPos(pos: number): { line: number; column: number } };
  },
): Location {
  const { line, column } = node.getSourceFile().getLineAndColumnAtPos(node.getStart());
  return { file: relPath, line, column };
}

/**
 * A socket stored in a map in the connection handler can get its listener elsewhere in the file
 * (`clients.get(id).on('message', …)`): before calling a server push-only, make sure nothing in the file listens.
 */
function listensElsewhere(m: RuleContext['morph'], sf: ParsedFile['sourceFile'], api: ServerSite['api']): boolean {
  if (api === 'ws' && /\bonmessage\b|['"`]message['"`]/.test(sf.getFullText())) return true;
  return ofKind<import('ts-morph').CallExpression>(sf, m.SyntaxKind.CallExpression).some((call) => {
    const callee = call.getExpression();
    if (
      !m.Node.isPropertyAccessExpression(callee) ||
      !['on', 'once', 'addListener', 'addEventListener', 'onAny'].includes(callee.getName())
    )
      return false;
    const event = call.getArguments()[0];
    const name =
      event && (m.Node.isStringLiteral(event) || m.Node.isNoSubstitutionTemplateLiteral(event))
        ? event.getLiteralText()
        : undefined;
    return api === 'socket.io'
      ? name === undefined || !SERVER_LIFECYCLE.has(name)
      : name === undefined || name === 'message';
  });
}

export const wsServerControlOnly = defineRule({
  meta,
  fileHint: /WebSocketServer|WebSocket\.Server|socket\.io['"]|new Server\(/,
  checkFile(file, { morph, extraVerbs }) {
    const problems: Problem[] = [];
    const imports = moduleBindings(morph, file.sourceFile);
    for (const site of findServers(morph, file.sourceFile)) {
      if (site.unknown) continue;
      const inbound = new InboundAnalysis(morph, site.api, imports);
      for (const fn of site.connections) inbound.socket(fn, 0);
      inbound.finish();
      if (inbound.unknown) continue;
      // a server that reads nothing is a push-only stream, but only if its connections were seen at all
      const pushesOnly =
        inbound.readers === 0 && site.connections.length > 0 && !listensElsewhere(morph, file.sourceFile, site.api);
      const controlOnly =
        inbound.messages.length > 0 && inbound.messages.every((msg) => isControlVerb(msg.name, extraVerbs));
      if (!pushesOnly && !controlOnly) continue;
      // claim only what was seen: a stream needs a push, or clients that ask for one (subscribe, join);
      // a placeholder handler or a ping-ack probe is no stream, and a relayed event is data
      const asked = controlOnly && inbound.messages.some((msg) => asksForStream(msg.name, extraVerbs));
      if (!asked && !pushesSeen(morph, file.sourceFile, site)) continue;
      if (controlOnly && inbound.messages.some((msg) => relaysPayload(morph, msg.node))) continue;
      problems.push({
        ...location(file.relPath, site.node),
        message: messageFor(site, controlOnly ? inbound.messages : []),
        related: inbound.messages.map((msg) => ({
          ...location(file.relPath, msg.node),
          message: `accepts ${msg.name} (control)`,
        })),
      });
    }
    return problems;
  },
});
