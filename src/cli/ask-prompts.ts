// The real prompts behind the questionnaire: Inquirer, loaded only when a question must be asked,
// wrapped so that SIGTERM and SIGHUP end a question the way Ctrl-C does. Inquirer restores the
// terminal (cursor, raw mode) when a prompt settles; left alone, signal-exit re-raises those two
// signals before that cleanup runs, and the terminal keeps a hidden cursor (issue 16, item 12).
import { constants } from 'node:os';
import type { PromptApi } from '../advisor/questions/types.js';

const SIGNALS = ['SIGTERM', 'SIGHUP'] as const;
export type StopSignal = (typeof SIGNALS)[number];

export interface TerminalPrompts {
  prompt: PromptApi;
  /** the signal that stopped the questionnaire, if one did */
  stoppedBy: () => StopSignal | undefined;
  /** removes the signal handlers; call once the questions are over */
  release: () => void;
}

/** Exit code for a run ended by `signal`, as shells report it: 128 + its number. */
export function signalExitCode(signal: StopSignal): number {
  return 128 + constants.signals[signal];
}

/**
 * Once answered, a question keeps its first line only (the hint goes) and the answer sits on a
 * line of its own, so a finished questionnaire reads as question / answer pairs.
 */
export const THEME = {
  style: {
    message: (text: string, status: string) => (status === 'done' ? text.split('\n')[0] : text),
    answer: (text: string) => `\n  → ${text}`,
  },
};

export async function terminalPrompts(): Promise<TerminalPrompts> {
  // only the two prompts the questions use, not all of @inquirer/prompts
  const [{ default: select }, { default: input }] = await Promise.all([
    import('@inquirer/select'),
    import('@inquirer/input'),
  ]);
  const controller = new AbortController();
  let stoppedBy: StopSignal | undefined;
  const handlers = SIGNALS.map((sig) => {
    // A listener of our own also tells signal-exit not to re-raise the signal at once.
    const handler = () => {
      stoppedBy ??= sig;
      controller.abort(sig);
    };
    process.on(sig, handler);
    return () => process.off(sig, handler);
  });
  const context = { signal: controller.signal };
  const prompt: PromptApi = {
    select: (config) => select({ ...config, theme: THEME }, context),
    input: (config) => input({ ...config, theme: THEME }, context),
  };
  return { prompt, stoppedBy: () => stoppedBy, release: () => handlers.forEach((off) => off()) };
}
