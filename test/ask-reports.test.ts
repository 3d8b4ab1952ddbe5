import { describe, expect, it } from 'vitest';
import {
  checkAnswersObject,
  completeAnswers,
  missingKeys,
  sanityWarnings,
  type Answers,
} from '../src/advisor/answers.js';
import { recommend } from '../src/advisor/engine.js';
import { reportJson } from '../src/advisor/report-json.js';
import { reportMarkdown } from '../src/advisor/report-markdown.js';
import { reportText } from '../src/advisor/report-text.js';
import { TRANSPORT_IDS } from '../src/advisor/transports.js';
import { answersFromFlags, askFlagSpecs, type AskOptions } from '../src/cli/ask-flags.js';
import { colorWanted } from '../src/cli/output.js';

const chat: Answers = {
  direction: 'bidirectional',
  clientToServerRatio: 0.8,
  latencyBudgetMs: 200,
  binary: false,
  serverless: false,
  peerToPeerMedia: false,
  streamingBlockedByProxy: false,
  http1Only: false,
  existingWebSocketInfra: false,
  highThroughput: false,
};
const rec = recommend(chat);

describe('reporters', () => {
  it('text: the pick, runner-up, every transport, the checklist and the starter; colour only on request', () => {
    const plain = reportText(rec, { color: false });
    expect(plain).toMatch(/^Recommendation: WebSocket \(websocket\)\nDecided by R3: /);
    expect(plain).toContain('Runner-up: Server-Sent Events (sse), if client messages become rare');
    for (const t of TRANSPORT_IDS) expect(plain).toMatch(new RegExp(`^  \\d\\. ${t} `, 'm'));
    expect(plain).toContain('[ ] WS-1');
    expect(plain).toContain('Starter: client');
    expect(plain).not.toMatch(/\x1b\[/);
    expect(reportText(rec, { color: true })).toMatch(/\x1b\[/);
  });

  it('json: the documented shape, and the recommendation object unchanged', () => {
    const parsed = JSON.parse(reportJson(rec));
    expect(Object.keys(parsed)).toEqual([
      'recommendation',
      'decidedBy',
      'runnerUp',
      'ranking',
      'answers',
      'warnings',
      'notes',
      'checklist',
      'snippet',
    ]);
    expect(parsed).toEqual(JSON.parse(JSON.stringify(rec)));
  });

  it('markdown: an ADR with context, decision, every alternative with why not, and checkbox items', () => {
    const md = reportMarkdown(rec);
    expect(md).toContain('| `clientToServerRatio` | 0.8 |');
    expect(md).toContain('decided by **R3**');
    for (const t of TRANSPORT_IDS.filter((x) => x !== 'websocket')) expect(md).toContain(`(\`${t}\`)`);
    expect(md).toMatch(/### Server-Sent Events \(`sse`\): runner-up, score -1\n\nPrefer it if client messages/);
    expect(md).toContain('- − **R3**:');
    expect(md.match(/^- \[ \] /gm)).toHaveLength(rec.checklist.length);
  });
});

describe('answers', () => {
  it('fills optional inputs with false and the peer ratio by R0, saying so', () => {
    const { answers, assumed } = completeAnswers({
      direction: 'peer-to-peer',
      latencyBudgetMs: 100,
      binary: true,
      serverless: false,
    });
    expect(answers).toMatchObject({ clientToServerRatio: 1, http1Only: false, highThroughput: false });
    expect(assumed).toHaveLength(1);
    expect(missingKeys({ direction: 'bidirectional' })).toEqual([
      'clientToServerRatio',
      'latencyBudgetMs',
      'binary',
      'serverless',
    ]);
  });

  it('warns about contradictions and trusts the ratio (R0)', () => {
    expect(sanityWarnings({ ...chat, direction: 'server-to-client' })[0]).toMatch(/trusting the ratio/);
    expect(sanityWarnings({ ...chat, direction: 'client-to-server' })[0]).toMatch(/trusting the ratio/);
    expect(sanityWarnings(chat)).toEqual([]);
  });

  it('accepts a complete answers file as is', () => {
    expect(checkAnswersObject({ ...chat }, 'f')).toEqual(chat);
    expect(() => checkAnswersObject({ latencyBudgetMs: Number.NaN }, 'f')).toThrow(
      /latencyBudgetMs must be a number ≥ 0/,
    );
  });

  it('maps every answer flag back to its answers-file key', () => {
    const opts = {
      interactive: true,
      format: 'json',
      color: true,
      direction: 'bidirectional',
      ratio: '0.5',
      latency: '20',
      binary: true,
      serverless: false,
      peerToPeerMedia: true,
      streamingBlockedByProxy: true,
      http1Only: true,
      existingWebsocketInfra: true,
      highThroughput: true,
    } as AskOptions;
    expect(answersFromFlags(opts)).toEqual({
      ...chat,
      clientToServerRatio: 0.5,
      latencyBudgetMs: 20,
      binary: true,
      peerToPeerMedia: true,
      streamingBlockedByProxy: true,
      http1Only: true,
      existingWebSocketInfra: true,
      highThroughput: true,
    });
    expect(askFlagSpecs().map((f) => f.flags)).toContain('--no-existing-websocket-infra');
  });
});

describe('colour', () => {
  it('is on only for a TTY, off with NO_COLOR, --no-color or a file; FORCE_COLOR wins over the TTY test', () => {
    expect(colorWanted(true, false, {}, true)).toBe(true);
    expect(colorWanted(true, false, {}, false)).toBe(false);
    expect(colorWanted(true, false, { NO_COLOR: '1' }, true)).toBe(false);
    expect(colorWanted(false, false, {}, true)).toBe(false);
    expect(colorWanted(true, true, {}, true)).toBe(false);
    expect(colorWanted(true, false, { FORCE_COLOR: '1' }, false)).toBe(true);
  });
});
