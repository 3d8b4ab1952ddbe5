// Issue 16 item 12: SIGTERM or SIGHUP while a question is on screen must leave the terminal as it
// was (cursor shown, no raw mode) and end with 128 + the signal's number. Runs `ask` in a real
// pseudo-terminal through util-linux `script`; the shell prints its pid and then execs node, so
// the signal goes to exactly that process.
import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO } from './helpers/cli.js';

const HAS_SCRIPT = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
const HIDE = '\x1b[?25l';
const SHOW = '\x1b[?25h';

function signalAtFirstQuestion(signal: NodeJS.Signals): Promise<string> {
  return new Promise((resolve, reject) => {
    const cmd = `sh -c 'echo PID=$$; exec "${process.execPath}" "${REPO}bin/rt-advisor.js" ask'; echo EXIT=$?`;
    const child = spawn('script', ['-qfc', cmd, '/dev/null'], {
      env: { PATH: process.env.PATH ?? '', TERM: 'xterm', NO_COLOR: '1', CI: '' },
    });
    let out = '';
    let sent = false;
    const timer = setTimeout(
      () => (child.kill('SIGKILL'), reject(new Error(`no exit; got: ${JSON.stringify(out.slice(-300))}`))),
      30_000,
    );
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const pid = /PID=(\d+)/.exec(out)?.[1];
      if (!sent && pid && out.includes('Who sends')) {
        sent = true;
        process.kill(Number(pid), signal);
      }
    });
    child.on('close', () => (clearTimeout(timer), resolve(out)));
  });
}

describe.skipIf(!HAS_SCRIPT)('ask: a signal during a question (skipped without util-linux `script`)', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('%s: the cursor is shown again, one line, exit %i', async (signal, code) => {
    const out = await signalAtFirstQuestion(signal);
    expect(out).toContain(HIDE); // the question did hide the cursor
    expect(out.lastIndexOf(SHOW), 'the cursor is shown after it was last hidden').toBeGreaterThan(
      out.lastIndexOf(HIDE),
    );
    expect(out).toContain(`rt-advisor: cancelled (${signal}); no recommendation made`);
    expect(out).toMatch(new RegExp(`EXIT=${code}`));
    expect(out).not.toMatch(/\bat .*:\d+:\d+/);
  });
});
