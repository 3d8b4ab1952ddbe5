// WebRTC starter: a WebSocket for signaling (RTC-1), TURN in the ICE servers (RTC-2).
import type { Facts } from '../facts.js';

export function webrtcSnippet(f: Facts) {
  const server = `// Signaling only: relay offers, answers and ICE candidates between the peers of a room.
import { WebSocketServer } from 'ws';

const rooms = new Map<string, Set<import('ws').WebSocket>>();
new WebSocketServer({ port: 8080 }).on('connection', (ws, req) => {
  const room = new URL(req.url!, 'http://x').searchParams.get('room')!;
  const peers = rooms.get(room) ?? rooms.set(room, new Set()).get(room)!;
  peers.add(ws);
  ws.on('message', (msg) => peers.forEach((p) => p !== ws && p.send(msg.toString())));
  ws.on('close', () => peers.delete(ws));
});`;
  const media = f.peerToPeerMedia;
  const client = `const pc = new RTCPeerConnection({
  iceServers: [{ urls: 'stun:stun.example.com' }, { urls: 'turns:turn.example.com:443', username, credential }], // RTC-2
});
const signal = new WebSocket(\`wss://example.com/signal?room=\${room}\`);
pc.onicecandidate = ({ candidate }) => candidate && signal.send(JSON.stringify({ candidate }));
${
  media
    ? `const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true }); // RTC-6
stream.getTracks().forEach((t) => pc.addTrack(t, stream));
pc.ontrack = ({ streams }) => (remoteVideo.srcObject = streams[0]);`
    : `const channel = pc.createDataChannel('data', { ordered: false, maxRetransmits: 0 }); // RTC-5: pick per message type
channel.onmessage = (e) => handle(e.data);`
}
signal.onmessage = async ({ data }) => {
  const msg = JSON.parse(data);
  if (msg.candidate) return pc.addIceCandidate(msg.candidate);
  await pc.setRemoteDescription(msg.description);
  if (msg.description.type === 'offer') {
    await pc.setLocalDescription();
    signal.send(JSON.stringify({ description: pc.localDescription }));
  }
};
pc.onnegotiationneeded = async () => {
  await pc.setLocalDescription();
  signal.send(JSON.stringify({ description: pc.localDescription }));
};`;
  return { server, client };
}
