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
/** Checks the question on screen, then takes its default (or the keys given). */
async function answer(question: string | RegExp, ...keys: string[]) {
  expect(screen.getScreen()).toMatch(question);
  for (const k of keys) screen.keypress(k);
  await enter();
}

describe('ask, interactively', () => {
  it('asks each question with its hint, the answer on its own line, and recommends from the answers', async () => {
    const term = io();
    const done = runAsk(opts(), term);
    await started();
    expect(screen.getScreen()).toContain('one-way flows rarely need a WebSocket (R1, R3)'); // the hint says why it matters
    expect(screen.getScreen()).not.toContain('Back'); // nothing to go back to yet
    await answer('Who sends the real-time messages?', 'down', 'down'); // → bidirectional
    expect(await screen.getFullOutput()).toMatch(/Who sends the real-time messages\?\s*\n\s*→ bidirectional/); // the answer on its own line, the hint gone

    expect(screen.getScreen()).toContain('Chat with typing indicators (0.5–1): 0.75');
    expect(screen.getScreen()).toContain('← Back to the previous question');
    await answer('Client messages per server message?', 'up'); // the cursor starts on 1 (bidirectional's default) → 0.75
    await answer('Latency budget?', 'up', 'up'); // 1000 (the default) → 300 → 200
    await answer('binary'); // No
    await answer('Where do the handlers run?'); // a long-lived server
    await answer('What runs the client?'); // a browser
    await answer('Who receives each event?', 'down'); // a group
    await answer('How many clients are connected at once', 'down', 'down', 'down', 'down'); // not sure
    await answer('How many events does one client receive per minute', 'down', 'down', 'down', 'down');
    for (const q of ['between users', 'proxy you cannot reconfigure', 'HTTP/1.1 only']) await answer(q);
    expect(screen.getScreen()).toContain('WebSocket stack stay in production');
    screen.keypress('enter'); // the last question: high throughput is skipped for a conversation
    expect(await done).toBe(0);

    const rec = JSON.parse(term.out.join(''));
    expect(rec.answers).toMatchObject({
      direction: 'bidirectional',
      clientToServerRatio: 0.75,
      latencyBudgetMs: 200,
      audience: 'group',
      platform: 'long-lived-server',
    });
    expect(rec.answers).not.toHaveProperty('highThroughput'); // skipped questions are left out
    expect(rec.answers).not.toHaveProperty('concurrentClients'); // "not sure" leaves it unknown
    expect(rec.recommendation).toBe('websocket');
    expect(rec.runnerUp.transport).toBe('sse');
    expect(term.err.join('')).toMatch(
      /^Without the questions: rt-advisor ask --direction bidirectional --ratio 0\.75 --latency \d+ --no-binary --platform long-lived-server --client browser --audience group /m,
    );
  });

  it('goes back to the previous question, and on from there', async () => {
    const term = io();
    const done = runAsk(
      opts({
        latency: '300',
        binary: false,
        serverless: false,
        client: 'browser',
        audience: 'per-user',
        concurrentClients: '10',
        eventsPerMinute: '1',
      }),
      term,
    );
    await started();
    await answer('Who sends the real-time messages?'); // server-to-client
    expect(screen.getScreen()).toContain('Client messages per server message?');
    expect(screen.getScreen()).not.toContain('Live quiz'); // examples fit the direction
    expect(screen.getScreen()).not.toContain('Telemetry');
    await answer('Client messages per server message?'); // 0
    await answer('Does each request get its own stream', 'down'); // one stream per request
    // back from the first optional question to the scope question, and answer it again
    expect(screen.getScreen()).toContain('between users');
    down(2);
    await enter();
    expect(screen.getScreen()).toMatch(/❯ One stream per request/); // the cursor starts on the answer taken back
    await answer('Does each request get its own stream', 'up'); // a subscription this time
    for (let i = 0; i < 4; i++) await enter();
    screen.keypress('enter');
    expect(await done).toBe(0);
    const rec = JSON.parse(term.out.join(''));
    expect(rec.answers.streamScope).toBe('subscription');
    expect(rec.recommendation).toBe('sse');
  });

  it('lets the user type a number: plain decimals only, a latency of at least 1 ms', async () => {
    const term = io();
    const done = runAsk(
      opts({
        direction: 'server-to-client',
        ratio: '0',
        scope: 'subscription',
        binary: false,
        serverless: true,
        platform: undefined,
      }),
      term,
    );
    await started();
    expect(screen.getScreen()).toContain('Latency budget?');
    down(4); // from the default (1000, the sixth example) past the last three examples to "Enter a number…"
    await enter();
    for (const [typed, problem] of [
      ['0x10', /plain decimal number/],
      ['0', /at least 1 ms/],
      [' 5e2', /plain decimal number/],
    ] as const) {
      screen.type(typed);
      screen.keypress('enter');
      await vi.waitFor(() => expect(screen.getScreen()).toMatch(problem));
      for (let i = 0; i < typed.length; i++) screen.keypress('backspace');
    }
    screen.type('250');
    await enter();
    expect(screen.getScreen()).toContain('What runs the client?'); // serverless came from a flag: no platform question
    for (let i = 0; i < 8; i++) await enter(); // the rest take their defaults
    screen.keypress('enter');
    expect(await done).toBe(0);
    expect(JSON.parse(term.out.join('')).answers.latencyBudgetMs).toBe(250);
  });

  it('offers "not sure" for the ratio and reports the assumed default (R0)', async () => {
    const term = io();
    const done = runAsk(
      opts({ direction: 'client-to-server', latency: '1000', binary: true, serverless: false, client: 'browser' }),
      term,
    );
    await started();
    expect(screen.getScreen()).not.toContain('Notifications'); // no push examples for an upload
    down(2); // from the default (10) past "Enter a number…" to "Not sure"
    expect(screen.getScreen()).toContain('Not sure: use 10, the usual value for client-to-server');
    await enter();
    for (let i = 0; i < 3; i++) await enter();
    expect(screen.getScreen()).toContain('WebSocket stack stay in production'); // last: no audience, no high-throughput question upstream
    screen.keypress('enter');
    expect(await done).toBe(0);
    const rec = JSON.parse(term.out.join(''));
    expect(rec.answers.clientToServerRatio).toBe(10);
    expect(rec.recommendation).toBe('batched-post');
    expect(rec.warnings).toContainEqual({ rule: 'R0', text: expect.stringContaining('assumed 10') });
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

  it('prompts only for what the flags leave open, and not at all when they answer every required question', async () => {
    for (const s of streams) Object.defineProperty(s, 'isTTY', { value: true, configurable: true });
    vi.stubEnv('CI', '');
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (written.push(String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    // the README's example: complete, so no question at all
    expect(await run(['ask', '--preset', 'llm-stream', '--platform', 'vercel', '-f', 'json'])).toBe(0);
    expect(JSON.parse(written.join('')).recommendation).toBe('sse');
    written.length = 0;

    const code = run([
      'ask',
      '--direction',
      'server-to-client',
      '--latency',
      '500',
      '--binary',
      '--no-serverless',
      '-f',
      'json',
    ]);
    await started();
    expect(screen.getScreen()).toContain('Client messages per server message?'); // the one required answer missing
    for (let i = 0; i < 12; i++) {
      screen.keypress('enter');
      await Promise.race([screen.next(), code]);
    }
    expect(await code).toBe(0);
    expect(JSON.parse(written.join('')).recommendation).toBe('http2-streaming');
  });
});
