// Drives the real questionnaire: @inquirer/testing/vitest swaps Inquirer's I/O for a virtual screen,
// and runAsk() is the same function the CLI calls. Import order matters: the mock comes first.
import { screen } from '@inquirer/testing/vitest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runAsk, type AskIo } from '../src/cli/ask-command.js';
import type { AskOptions } from '../src/cli/ask-flags.js';
import { run } from '../src/cli/main.js';

function io(): AskIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    canPrompt: true,
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    cwd: process.cwd(),
    env: {},
    isTTY: true,
    out,
    err,
  };
}
const opts = (more: Partial<AskOptions> = {}): AskOptions => ({
  interactive: true,
  format: 'json',
  color: false,
  ...more,
});
const down = (n: number) => {
  for (let i = 0; i < n; i++) screen.keypress('down');
};
const enter = async () => {
  screen.keypress('enter');
  await screen.next();
};
/** runAsk imports Inquirer before the first question, so the first render comes a tick later. */
const started = () => vi.waitFor(() => expect(screen.getScreen()).not.toBe(''));

describe('ask, interactively', () => {
  it('asks every question with its hint and recommends from the answers', async () => {
    const term = io();
    const done = runAsk(opts(), term);
    await started();
    expect(screen.getScreen()).toContain('Who sends the real-time messages?');
    expect(screen.getScreen()).toContain('one-way flows rarely need a WebSocket (R1, R3)'); // the hint says why it matters
    down(2); // server-to-client → client-to-server → bidirectional
    await enter();

    expect(screen.getScreen()).toContain('Client messages per server message?');
    expect(screen.getScreen()).toContain('Chat with typing indicators (0.5–1): 0.75');
    expect(screen.getScreen()).toContain('Enter a number…');
    screen.keypress('up'); // the cursor starts on 1, the default for bidirectional; up → 0.75, chat
    await enter();

    expect(screen.getScreen()).toContain('Latency budget?');
    screen.keypress('up'); // 1000 (default) → 300
    screen.keypress('up'); // → 200, chat
    await enter();

    for (const q of [
      'binary',
      'serverless functions',
      'between users',
      'proxy you cannot reconfigure',
      'HTTP/1.1 only',
    ]) {
      expect(screen.getScreen()).toContain(q);
      await enter(); // default: no
    }
    expect(screen.getScreen()).toContain('WebSocket stack stay in production');
    screen.keypress('enter'); // the last question: high throughput is skipped for a conversation
    expect(await done).toBe(0);

    const rec = JSON.parse(term.out.join(''));
    expect(rec.answers).toMatchObject({
      direction: 'bidirectional',
      clientToServerRatio: 0.75,
      latencyBudgetMs: 200,
      highThroughput: false,
    });
    expect(rec.recommendation).toBe('websocket');
    expect(rec.runnerUp.transport).toBe('sse');
  });

  it('lets the user type a number, and rejects what is not one', async () => {
    const term = io();
    const done = runAsk(opts({ direction: 'server-to-client', latency: '300', binary: false, serverless: true }), term);
    await started();
    expect(screen.getScreen()).toContain('Client messages per server message?');
    down(8); // past the eight examples to "Enter a number…"
    await enter();

    // A rejected value re-renders in the same tick, so wait on the screen rather than on next().
    screen.type('abc');
    screen.keypress('enter');
    await vi.waitFor(() => expect(screen.getScreen()).toMatch(/valid numeric value/));
    for (let i = 0; i < 3; i++) screen.keypress('backspace');
    screen.type('-1');
    screen.keypress('enter');
    await vi.waitFor(() => expect(screen.getScreen()).toMatch(/Value must be between 0 and/));
    for (let i = 0; i < 2; i++) screen.keypress('backspace');
    screen.type('0.02');
    await enter();

    for (let i = 0; i < 4; i++) await enter(); // the optional questions
    screen.keypress('enter'); // high throughput: asked for a push flow
    expect(await done).toBe(0);
    const rec = JSON.parse(term.out.join(''));
    expect(rec.answers.clientToServerRatio).toBe(0.02);
    expect(rec.recommendation).toBe('sse');
  });

  it('offers "not sure" for the ratio and reports the assumed default (R0)', async () => {
    const term = io();
    const done = runAsk(
      opts({ direction: 'client-to-server', latency: '1000', binary: true, serverless: false }),
      term,
    );
    await started();
    down(2); // from the default (10) past "Enter a number…" to "Not sure"
    expect(screen.getScreen()).toContain('Not sure: use 10, the usual value for client-to-server');
    await enter();
    for (let i = 0; i < 3; i++) await enter();
    expect(screen.getScreen()).toContain('WebSocket stack stay in production'); // last: no high-throughput question upstream
    screen.keypress('enter');
    expect(await done).toBe(0);
    const rec = JSON.parse(term.out.join(''));
    expect(rec.answers.clientToServerRatio).toBe(10);
    expect(rec.warnings).toContainEqual({ rule: 'R0', text: expect.stringContaining('assumed 10') });
  });

  it('skips the questions answered by flags, and the ratio between peers', async () => {
    const term = io();
    const done = runAsk(opts({ direction: 'peer-to-peer', peerToPeerMedia: true }), term);
    await started();
    expect(screen.getScreen()).toContain('Latency budget?'); // no ratio question for peer-to-peer
    await enter();
    expect(screen.getScreen()).toContain('binary');
    await enter();
    expect(screen.getScreen()).toContain('serverless');
    await enter();
    expect(screen.getScreen()).toContain('proxy you cannot reconfigure'); // peerToPeerMedia came from a flag
    await enter();
    await enter();
    screen.keypress('enter');
    expect(await done).toBe(0);
    expect(JSON.parse(term.out.join('')).recommendation).toBe('webrtc');
  });

  it('exits 130 with one line on Ctrl-C, and prints no report', async () => {
    const term = io();
    const done = runAsk(opts(), term);
    await started();
    screen.keypress({ name: 'c', ctrl: true });
    expect(await done).toBe(130);
    expect(term.err).toEqual(['rt-advisor: cancelled; no recommendation made\n']);
    expect(term.out).toEqual([]);
  });
});

describe('ask through the CLI entry point in a terminal', () => {
  const streams = [process.stdin, process.stdout];
  const wasTTY = streams.map((s) => s.isTTY);
  afterEach(() => {
    streams.forEach((s, i) => Object.defineProperty(s, 'isTTY', { value: wasTTY[i], configurable: true }));
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('prompts only for what the flags leave open', async () => {
    for (const s of streams) Object.defineProperty(s, 'isTTY', { value: true, configurable: true });
    vi.stubEnv('CI', '');
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (written.push(String(chunk)), true));
    const code = run([
      'ask',
      '--direction',
      'server-to-client',
      '--ratio',
      '0',
      '--latency',
      '500',
      '--binary',
      '--no-serverless',
      '-f',
      'json',
    ]);
    await started();
    expect(screen.getScreen()).toContain('between users');
    for (let i = 0; i < 4; i++) await enter();
    screen.keypress('enter');
    expect(await code).toBe(0);
    expect(JSON.parse(written.join('')).recommendation).toBe('http2-streaming');
  });
});
