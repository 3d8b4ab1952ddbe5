// Starts a starter's web handler on an ephemeral port with the starter's own Node adapter.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { serve, type WebHandler } from '../../src/advisor/snippets/shared/serve-node.js';

export interface Running {
  url: string;
  /** drops every open connection, as a proxy restart or a network blip would */
  drop(): void;
  close(): Promise<void>;
}

export async function start(handler: WebHandler): Promise<Running> {
  const server = serve(handler, 0);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    drop: () => server.closeAllConnections(),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Waits until `check` holds; generous, because the machine is shared (never a timing assertion). */
export async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
