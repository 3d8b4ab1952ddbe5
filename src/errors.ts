// UsageError and the exit codes: what every command, the config and baseline readers and the advisor share.
/** Bad input from the user: printed as one line on stderr, exit code 2, never a stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const EXIT = { ok: 0, findings: 1, usage: 2, interrupted: 130 } as const;

/** The first line of an unexpected error's message, for a one-line note. */
export function errorLine(err: unknown): string {
  return err instanceof Error ? err.message.split('\n')[0] : String(err);
}
