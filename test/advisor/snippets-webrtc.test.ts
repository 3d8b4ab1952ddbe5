// The WebRTC starter. The signaling server runs for real (with `ws` clients). Node has no
// RTCPeerConnection, so the browser client runs against a model of its signaling state machine
// (stable / have-local-offer / have-remote-offer, implicit rollback, negotiationneeded): enough to
// run perfect negotiation through glare, not ICE, DTLS or media, which need a browser.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { joinRoom } from '../../src/advisor/snippets/webrtc/client.js';
import { attachSignaling, type Signaling } from '../../src/advisor/snippets/webrtc/signaling-server.js';
import { until } from './snippet-server.js';

const ORIGIN = 'https://app.example';

/** The signaling states of RTCPeerConnection (W3C WebRTC 1.0 §4.3), nothing more. */
class ModelPeerConnection {
  static all: ModelPeerConnection[] = [];
  /** when set, the first offers wait for each other, so two peers offer at once (glare) on every run */
  static glare: { waiting: number; gate: Promise<void>; open: () => void } | null = null;
  signalingState: 'stable' | 'have-local-offer' | 'have-remote-offer' | 'closed' = 'stable';
  localDescription: { type: string; sdp: string } | null = null;
  remoteDescription: { type: string; sdp: string } | null = null;
  iceConnectionState = 'new';
  onnegotiationneeded: (() => void) | null = null;
  onicecandidate: ((e: { candidate: unknown }) => void) | null = null;
  oniceconnectionstatechange: (() => void) | null = null;
  ontrack: unknown = null;
  rollbacks = 0;
  restarts = 0;
  offers = 0;
  #serial = 0;
  constructor() {
    ModelPeerConnection.all.push(this);
  }
  createDataChannel() {
    // adding a channel makes negotiation needed, fired once the current task ends (as browsers do)
    setTimeout(() => this.signalingState !== 'closed' && this.onnegotiationneeded?.(), 0);
    return { readyState: 'connecting', send() {}, onmessage: null };
  }
  addTrack() {}
  restartIce() {
    this.restarts++;
  }
  async setLocalDescription() {
    const glare = ModelPeerConnection.glare;
    if (glare && this.signalingState === 'stable' && glare.waiting < 2) {
      if (++glare.waiting === 2) glare.open();
      await glare.gate;
    }
    await new Promise((r) => setTimeout(r, 1)); // the real call is async: this is where offers collide
    if (this.signalingState === 'stable') {
      this.offers++;
      this.localDescription = { type: 'offer', sdp: `offer ${++this.#serial}` };
      this.signalingState = 'have-local-offer';
    } else if (this.signalingState === 'have-remote-offer') {
      this.localDescription = { type: 'answer', sdp: `answer to ${this.remoteDescription?.sdp}` };
      this.signalingState = 'stable';
    } else {
      throw new Error(`InvalidStateError: setLocalDescription in ${this.signalingState}`);
    }
  }
  async setRemoteDescription(d: { type: string; sdp: string }) {
    if (d.type === 'offer') {
      if (this.signalingState === 'have-local-offer')
        this.rollbacks++; // implicit rollback
      else if (this.signalingState !== 'stable') throw new Error('InvalidStateError');
      this.remoteDescription = d;
      this.signalingState = 'have-remote-offer';
    } else {
      if (this.signalingState !== 'have-local-offer')
        throw new Error(`InvalidStateError: answer in ${this.signalingState}`);
      this.remoteDescription = d;
      this.signalingState = 'stable';
    }
  }
  async addIceCandidate() {}
  close() {
    this.signalingState = 'closed';
  }
}

const G = globalThis as { WebSocket?: unknown; RTCPeerConnection?: unknown };
beforeAll(() => {
  G.RTCPeerConnection = ModelPeerConnection;
  G.WebSocket = class extends WebSocket {
    constructor(url: string | URL) {
      super(url, { headers: { Origin: ORIGIN, Cookie: 'session=ok' } });
      this.on('error', () => undefined); // a browser's socket reports a failed connect by 'close', never throws
    }
  };
});
afterAll(() => {
  delete G.RTCPeerConnection;
  delete G.WebSocket;
});

let server: Server;
let signaling: Signaling;
let url: string;
afterEach(async () => {
  for (const c of signaling.wss.clients) c.terminate();
  await new Promise<void>((r) => server.close(() => r()));
});

async function setUp(maxPeersPerRoom = 8) {
  server = createServer();
  signaling = attachSignaling(server, {
    allowedOrigins: new Set([ORIGIN]),
    authorize: (req) => req.headers.cookie === 'session=ok',
    maxPeersPerRoom,
    heartbeatMs: 200,
  });
  server.listen(0);
  await once(server, 'listening');
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/signal`;
}

function status(target: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(target, { headers });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('open', () => (resolve(101), ws.close()));
    ws.on('error', () => undefined);
  });
}

describe('webrtc/signaling-server.ts', () => {
  it('checks Origin and the user, caps a room, relays only to the addressed peer, and deletes an empty room', async () => {
    await setUp(2);
    expect(await status(`${url}?room=r`, { Origin: 'https://evil.example', Cookie: 'session=ok' })).toBe(403);
    expect(await status(`${url}?room=r`, { Origin: ORIGIN })).toBe(401);
    const open = async () => {
      const ws = new WebSocket(`${url}?room=r`, { headers: { Origin: ORIGIN, Cookie: 'session=ok' } });
      const messages: { type: string; you?: string; from?: string; peer?: string }[] = [];
      ws.on('message', (m) => messages.push(JSON.parse((m as Buffer).toString())));
      await once(ws, 'open');
      await until(() => messages.length > 0, 'welcome');
      return { ws, messages, id: messages[0]?.you as string };
    };
    const a = await open();
    const b = await open();
    expect(await status(`${url}?room=r`, { Origin: ORIGIN, Cookie: 'session=ok' })).toBe(409); // full
    b.ws.send(JSON.stringify({ type: 'signal', to: a.id, description: { type: 'offer', sdp: 'x' } }));
    await until(() => a.messages.some((m) => m.type === 'signal'), 'the relayed offer');
    expect(a.messages.find((m) => m.type === 'signal')?.from).toBe(b.id);
    expect(signaling.roomCount()).toBe(1);
    a.ws.close();
    b.ws.close();
    await until(() => signaling.roomCount() === 0, 'the empty room deleted');
  });
});

describe('webrtc/client.ts (perfect negotiation against a model of RTCPeerConnection)', () => {
  it('two peers that offer at once converge: the polite one rolls back and answers', async () => {
    await setUp();
    ModelPeerConnection.all = [];
    let open = () => undefined as void;
    const gate = new Promise<void>((r) => (open = r));
    ModelPeerConnection.glare = { waiting: 0, gate, open };
    const a = joinRoom(`${url}?room=glare`, { iceServers: [] });
    const b = joinRoom(`${url}?room=glare`, { iceServers: [] });
    await until(() => ModelPeerConnection.all.length === 2, 'a connection on each side');
    const [pa, pb] = ModelPeerConnection.all as [ModelPeerConnection, ModelPeerConnection];
    await until(
      () =>
        pa.signalingState === 'stable' &&
        pb.signalingState === 'stable' &&
        pa.remoteDescription !== null &&
        pb.remoteDescription !== null,
      'both sides stable',
    );
    // each side's local description is what the other side applied
    expect(
      pa.localDescription?.sdp === pb.remoteDescription?.sdp || pb.localDescription?.sdp === pa.remoteDescription?.sdp,
    ).toBe(true);
    expect([pa.remoteDescription?.type, pb.remoteDescription?.type].sort()).toEqual(['answer', 'offer']);
    expect(pa.offers >= 1 && pb.offers >= 1).toBe(true); // both offered: the offers collided
    expect(pa.rollbacks + pb.rollbacks).toBe(1); // the polite side rolled back, once
    a.leave();
    b.leave();
    ModelPeerConnection.glare = null;
  });

  it('restarts ICE when the connection fails, and reconnects the signaling socket', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined); // offers cut short by the drop
    await setUp();
    ModelPeerConnection.all = [];
    const a = joinRoom(`${url}?room=net`, { iceServers: [] });
    const b = joinRoom(`${url}?room=net`, { iceServers: [] });
    await until(() => ModelPeerConnection.all.length === 2, 'connections');
    const pc = ModelPeerConnection.all[0];
    pc.iceConnectionState = 'failed';
    pc.oniceconnectionstatechange?.();
    expect(pc.restarts).toBe(1);
    for (const c of signaling.wss.clients) c.terminate(); // the signaling server drops everyone
    await until(() => signaling.wss.clients.size === 2, 'both clients back on the signaling server');
    await until(() => ModelPeerConnection.all.length >= 4, 'fresh peer connections after the reconnect');
    a.leave();
    b.leave();
    errors.mockRestore();
  });

  it('opens no socket after leave(), even while a reconnect waits out its backoff', async () => {
    await setUp();
    const a = joinRoom(`${url}?room=gone`, { iceServers: [] });
    await until(() => signaling.wss.clients.size === 1, 'connected');
    for (const c of signaling.wss.clients) c.terminate(); // the reconnect is now scheduled (≤ 500 ms)
    await until(() => signaling.wss.clients.size === 0, 'dropped');
    a.leave();
    await new Promise((r) => setTimeout(r, 700));
    expect(signaling.wss.clients.size).toBe(0);
  });
});
