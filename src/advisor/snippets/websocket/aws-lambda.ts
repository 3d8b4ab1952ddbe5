// WebSockets on AWS Lambda through an API Gateway WebSocket API: the gateway holds the connections
// (2 h each, 10 min idle, 128 KB messages, 32 KB frames), and invokes this function per event:
// $connect (authenticate, check Origin, remember the connection), $disconnect, and $default for
// each client message. No function runs while a socket is idle. Connection ids and the event log
// live in a table (DynamoDB), since every invocation may land on a new instance.
//
// Wiring, with the AWS SDK (not imported here so the starter stays dependency-free):
//   const api = new ApiGatewayManagementApiClient({ endpoint: `https://${domainName}/${stage}` });
//   post = (id, data) => api.send(new PostToConnectionCommand({ ConnectionId: id, Data: data }));
//   a post to a connection that is gone fails with GoneException (410): forget that connection.

export interface WebSocketEvent {
  requestContext: { routeKey: string; connectionId: string };
  headers?: Record<string, string | undefined>;
  body?: string;
}

export interface Store<User> {
  addConnection(connectionId: string, user: User): Promise<void>;
  removeConnection(connectionId: string): Promise<void>;
  connections(): Promise<string[]>;
  userOf(connectionId: string): Promise<User | undefined>;
  /** appends the event and returns its sequence number; remembers `ref` so a resend is not repeated */
  append(ref: string, data: unknown): Promise<{ id: number; duplicate: boolean }>;
  since(id: number): Promise<{ id: number; data: unknown }[]>;
}

export interface LambdaSocketOptions<User> {
  store: Store<User>;
  allowedOrigins: ReadonlySet<string>;
  /** the user of the $connect request (a cookie, or a short-lived ticket), or null (WS-5) */
  authenticate: (headers: Record<string, string | undefined>) => Promise<User | null>;
  /** sends to one connection; throws with statusCode 410 when it is gone */
  post: (connectionId: string, data: string) => Promise<void>;
}

type Result = { statusCode: number; body?: string };

export function createWebSocketLambda<User>(o: LambdaSocketOptions<User>): (event: WebSocketEvent) => Promise<Result> {
  async function send(connectionId: string, message: object): Promise<void> {
    try {
      await o.post(connectionId, JSON.stringify(message));
    } catch (err) {
      if (
        (err as { statusCode?: number; $metadata?: { httpStatusCode?: number } }).statusCode === 410 ||
        (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 410
      )
        await o.store.removeConnection(connectionId);
      else throw err;
    }
  }

  return async (event) => {
    const { routeKey, connectionId } = event.requestContext;
    if (routeKey === '$connect') {
      const headers = event.headers ?? {};
      if (!o.allowedOrigins.has(headers.origin ?? headers.Origin ?? '')) return { statusCode: 403 };
      const user = await o.authenticate(headers);
      if (user === null) return { statusCode: 401 }; // the connection is refused, the client sees 401
      await o.store.addConnection(connectionId, user);
      return { statusCode: 200 }; // nothing can be sent until $connect returns
    }
    if (routeKey === '$disconnect') {
      await o.store.removeConnection(connectionId);
      return { statusCode: 200 };
    }
    // $default: a client message, as websocket/client.ts sends them
    const user = await o.store.userOf(connectionId);
    if (user === undefined) return { statusCode: 401 };
    let message: { type?: unknown; after?: unknown; ref?: unknown; data?: unknown };
    try {
      message = JSON.parse(event.body ?? '') as typeof message;
    } catch {
      return { statusCode: 400, body: 'JSON messages only' };
    }
    if (message.type === 'resume') {
      // A client that was here before gets what it missed (from the table, not from memory).
      if (typeof message.after === 'number')
        for (const e of await o.store.since(message.after))
          await send(connectionId, { type: 'event', id: e.id, data: e.data });
      return { statusCode: 200 };
    }
    if (message.type !== 'send' || typeof message.ref !== 'string') return { statusCode: 400, body: 'unknown message' };
    const { id, duplicate } = await o.store.append(message.ref, message.data);
    await send(connectionId, { type: 'ack', ref: message.ref });
    if (!duplicate)
      await Promise.all((await o.store.connections()).map((c) => send(c, { type: 'event', id, data: message.data })));
    return { statusCode: 200 };
  };
}
