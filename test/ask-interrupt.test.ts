// Ctrl-C at any question of the real questionnaire (driven through @inquirer/testing's virtual
// screen) ends with exit 130, one line on stderr and no report. The mock import comes first.
import { screen } from '@inquirer/testing/vitest';
import { describe, expect, it, vi } from 'vitest';
import { runAsk, type AskIo } from '../src/cli/ask-command.js';

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

// what each question's screen shows, in order, for a server-to-client flow answered with the defaults
const QUESTIONS = [
  'Who sends the real-time messages?',
  'Client messages per server message?',
  'Latency budget?',
  'binary',
  'serverless functions',
  'between users',
  'proxy you cannot reconfigure',
  'HTTP/1.1 only',
  'WebSocket stack stay in production',
  'Bulk data to the client',
];

describe('ask: Ctrl-C', () => {
  it.each(QUESTIONS.map((q, i) => [i, q] as const))(
    'at question %i (%s): exit 130, one line, no report',
    async (index, text) => {
      const term = io();
      const done = runAsk({ interactive: true, format: 'json', color: false }, term);
      await vi.waitFor(() => expect(screen.getScreen()).not.toBe(''));
      for (let i = 0; i < index; i++) {
        screen.keypress('enter');
        await screen.next();
      }
      expect(screen.getScreen()).toMatch(new RegExp(text.replace(/[.?/]/g, '\\$&'), 'i'));
      screen.keypress({ name: 'c', ctrl: true });
      expect(await done).toBe(130);
      expect(term.err).toEqual(['rt-advisor: cancelled; no recommendation made\n']);
      expect(term.out).toEqual([]);
    },
  );
});
