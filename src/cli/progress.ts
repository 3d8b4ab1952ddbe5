// A one-line progress display on stderr for long scans: shown after about a second, redrawn at most
// ten times a second, cleared when the scan ends. Only for a person at a terminal: never when stderr
// is not a TTY (piped, redirected), in CI (`CI` set), or with --quiet.

export interface Progress {
  update(phase: 'read' | 'analyse', done: number, total: number): void;
  /** Removes the line, if one was drawn. */
  clear(): void;
}

const SHOW_AFTER_MS = 1000;
const REDRAW_EVERY_MS = 100;

export const NO_PROGRESS: Progress = { update: () => undefined, clear: () => undefined };

interface ProgressStream {
  isTTY?: boolean;
  write(s: string): unknown;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

export function progressLine(phase: 'read' | 'analyse', done: number, total: number): string {
  return phase === 'read'
    ? `rt-advisor: reading ${count(total)} files…`
    : `rt-advisor: analysing ${count(Math.min(done, total))}/${count(total)} files`;
}

/** `CI` set to anything but `false` or `0` (GitHub, GitLab, CircleCI… all set it to `true` or `1`). */
function inCi(env: NodeJS.ProcessEnv): boolean {
  const ci = env.CI;
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
}

export function createProgress(
  options: { quiet: boolean },
  stream: ProgressStream = process.stderr,
  env: NodeJS.ProcessEnv = process.env,
  now: () => number = () => performance.now(),
): Progress {
  if (options.quiet || !stream.isTTY || inCi(env)) return NO_PROGRESS;
  const started = now();
  let drawnAt: number | undefined;
  let lastPhase: string | undefined;
  return {
    update(phase, done, total) {
      const t = now();
      if (t - started < SHOW_AFTER_MS) return;
      if (drawnAt !== undefined && phase === lastPhase && t - drawnAt < REDRAW_EVERY_MS) return;
      drawnAt = t;
      lastPhase = phase;
      // \r and "erase to the end of the line": the line is rewritten in place, never scrolls
      stream.write(`\r\u001b[K${progressLine(phase, done, total)}`);
    },
    clear() {
      if (drawnAt !== undefined) stream.write('\r\u001b[K');
      drawnAt = undefined;
    },
  };
}
