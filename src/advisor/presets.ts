// Typical features as answers: `--preset chat` fills them, and flags or an answers file override
// any of them. Values follow framework.md §2's examples.
import type { Answers } from './answers.js';

export const PRESET_NAMES = [
  'llm-stream',
  'chat',
  'ticker',
  'game',
  'notifications',
  'collab-editing',
  'telemetry',
  'video-call',
] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

const SERVER = { platform: 'long-lived-server', binary: false } as const;

export const PRESETS: Record<PresetName, Partial<Answers>> = {
  'llm-stream': {
    ...SERVER,
    direction: 'server-to-client',
    clientToServerRatio: 0.002,
    latencyBudgetMs: 300,
    streamScope: 'per-request',
    audience: 'per-user',
  },
  chat: { ...SERVER, direction: 'bidirectional', clientToServerRatio: 0.8, latencyBudgetMs: 200, audience: 'group' },
  ticker: {
    ...SERVER,
    direction: 'server-to-client',
    clientToServerRatio: 0,
    latencyBudgetMs: 500,
    audience: 'public',
  },
  game: {
    ...SERVER,
    direction: 'bidirectional',
    clientToServerRatio: 1,
    latencyBudgetMs: 16,
    binary: true,
    audience: 'group',
  },
  notifications: {
    ...SERVER,
    direction: 'server-to-client',
    clientToServerRatio: 0,
    latencyBudgetMs: 3000,
    audience: 'per-user',
    eventsPerMinute: 1,
  },
  'collab-editing': {
    ...SERVER,
    direction: 'bidirectional',
    clientToServerRatio: 1,
    latencyBudgetMs: 100,
    binary: true,
    audience: 'group',
  },
  telemetry: { ...SERVER, direction: 'client-to-server', clientToServerRatio: 10, latencyBudgetMs: 1000 },
  'video-call': { ...SERVER, direction: 'peer-to-peer', latencyBudgetMs: 150, binary: true, peerToPeerMedia: true },
};

/**
 * Lays answer sources over each other, later ones winning key by key. `serverless` and `platform`
 * describe one thing: a layer that gives either replaces both from the layers below it.
 */
export function layerAnswers(...layers: Partial<Answers>[]): Partial<Answers> {
  let out: Partial<Answers> = {};
  for (const layer of layers) {
    if (layer.serverless !== undefined || layer.platform !== undefined) {
      const { serverless: _s, platform: _p, ...rest } = out;
      out = rest;
    }
    out = { ...out, ...Object.fromEntries(Object.entries(layer).filter(([, v]) => v !== undefined)) };
  }
  return out;
}
