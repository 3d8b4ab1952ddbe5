// A browser peer for webrtc/signaling-server.ts: one RTCPeerConnection per other peer, negotiated
// with the "perfect negotiation" pattern of the WebRTC spec, so two peers that offer at once do
// not deadlock: the polite one rolls back and answers, the impolite one ignores the colliding offer
// (RTC-4). The signaling socket reconnects with backoff; a failed ICE connection restarts ICE.

export interface RoomOptions {
  iceServers: RTCIceServer[]; // STUN, and TURN over TLS on 443 for strict networks (RTC-2)
  /** local camera/microphone tracks to send, if any (RTC-6: after a permission prompt) */
  stream?: MediaStream;
  onTrack?: (peer: string, event: RTCTrackEvent) => void;
  onData?: (peer: string, data: unknown) => void;
}

export interface Room {
  /** sends to every peer's data channel that is open */
  broadcast(data: string): void;
  leave(): void;
}

type Signal = {
  type: 'signal';
  from: string;
  description?: RTCSessionDescriptionInit;
  candidate?: RTCIceCandidateInit;
};
type ServerMessage =
  | { type: 'welcome'; you: string; peers: string[] }
  | { type: 'joined'; peer: string }
  | { type: 'left'; peer: string }
  | Signal;

export function joinRoom(url: string, o: RoomOptions): Room {
  let me = '';
  let socket: WebSocket | undefined;
  let attempt = 0;
  let left = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const peers = new Map<
    string,
    { pc: RTCPeerConnection; channel: RTCDataChannel; polite: boolean; makingOffer: boolean; ignoreOffer: boolean }
  >();
  const signal = (to: string, body: object) => socket?.send(JSON.stringify({ type: 'signal', to, ...body }));

  function peer(id: string) {
    const known = peers.get(id);
    if (known) return known;
    const pc = new RTCPeerConnection({ iceServers: o.iceServers });
    // negotiated: both sides declare the same channel, so neither has to wait for the other (RTC-5)
    const channel = pc.createDataChannel('data', { negotiated: true, id: 0, ordered: false, maxRetransmits: 0 });
    const state = { pc, channel, polite: me > id, makingOffer: false, ignoreOffer: false };
    peers.set(id, state);
    channel.onmessage = (e) => o.onData?.(id, e.data);
    pc.ontrack = (e) => o.onTrack?.(id, e);
    pc.onicecandidate = ({ candidate }) => candidate && signal(id, { candidate });
    pc.oniceconnectionstatechange = () => {
      if (pc.iceConnectionState === 'failed') pc.restartIce(); // the network changed
    };
    pc.onnegotiationneeded = async () => {
      try {
        state.makingOffer = true;
        await pc.setLocalDescription();
        signal(id, { description: pc.localDescription });
      } catch (err) {
        console.error('could not make an offer', err);
      } finally {
        state.makingOffer = false;
      }
    };
    o.stream?.getTracks().forEach((track) => pc.addTrack(track, o.stream as MediaStream));
    return state;
  }

  async function onSignal(message: Signal): Promise<void> {
    const p = peer(message.from);
    if (message.description) {
      const collision = message.description.type === 'offer' && (p.makingOffer || p.pc.signalingState !== 'stable');
      p.ignoreOffer = !p.polite && collision;
      if (p.ignoreOffer) return;
      await p.pc.setRemoteDescription(message.description); // a polite peer rolls its own offer back here
      if (message.description.type === 'offer') {
        await p.pc.setLocalDescription();
        signal(message.from, { description: p.pc.localDescription });
      }
    } else if (message.candidate) {
      try {
        await p.pc.addIceCandidate(message.candidate);
      } catch (err) {
        if (!p.ignoreOffer) throw err; // candidates of an ignored offer may fail
      }
    }
  }

  function connect(): void {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => (attempt = 0);
    ws.onmessage = (e: MessageEvent) => {
      const message = JSON.parse(String(e.data)) as ServerMessage;
      if (message.type === 'welcome') {
        me = message.you;
        message.peers.forEach(peer); // each side offers as negotiation needs it; collisions are fine
      } else if (message.type === 'joined') {
        peer(message.peer);
      } else if (message.type === 'left') {
        peers.get(message.peer)?.pc.close();
        peers.delete(message.peer);
      } else {
        void onSignal(message).catch((err) => console.error('negotiation failed', err));
      }
    };
    ws.onclose = () => {
      socket = undefined;
      if (left) return;
      // The server gave us a new id: start over with fresh connections once back.
      for (const p of peers.values()) p.pc.close();
      peers.clear();
      retry = setTimeout(connect, Math.random() * Math.min(30_000, 500 * 2 ** attempt++));
    };
  }
  connect();

  return {
    broadcast(data) {
      for (const p of peers.values()) if (p.channel.readyState === 'open') p.channel.send(data);
    },
    leave() {
      left = true;
      clearTimeout(retry); // a reconnect waiting out its backoff must not open a socket after leaving
      socket?.close(1000, 'bye');
      for (const p of peers.values()) p.pc.close();
    },
  };
}
