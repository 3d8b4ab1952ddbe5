// `RT_ADVISOR_TIMING=1` or `--debug`: where a scan's time goes, phase by phase, on stderr (like
// ESLint's TIMING). Off by default; a phase costs one performance.now() call either way.
let enabled = Boolean(process.env.RT_ADVISOR_TIMING);

/**
 * Turns timing on (`--debug`), here and in threads started from now on: a worker reads the variable
 * from the copy of the environment it gets when it starts.
 */
export function enableTiming(): void {
  enabled = true;
  process.env.RT_ADVISOR_TIMING = '1';
}
const phases: Array<[string, number]> = [];

/** Runs `fn` and, when timing is on, adds its wall time to `label`. */
export function timed<T>(label: string, fn: () => T): T {
  if (!enabled) return fn();
  const start = performance.now();
  try {
    return fn();
  } finally {
    record(label, performance.now() - start);
  }
}

export async function timedAsync<T>(label: string, fn: () => Promise<T>): Promise<T> {
  if (!enabled) return fn();
  const start = performance.now();
  try {
    return await fn();
  } finally {
    record(label, performance.now() - start);
  }
}

/** Adds a time measured elsewhere (another thread) to `label`. */
export function record(label: string, ms: number): void {
  if (!enabled) return;
  const seen = phases.find((p) => p[0] === label);
  if (seen) seen[1] += ms;
  else phases.push([label, ms]);
}

/** The phases so far, cleared: what a helper thread sends with each reply. */
export function takeTimingRows(): Array<[string, number]> {
  return phases.splice(0);
}

/** The table, or '' when timing is off. */
export function timingTable(): string {
  if (!enabled || phases.length === 0) return '';
  const width = Math.max(...phases.map(([l]) => l.length));
  const rows = phases.map(([l, ms]) => `${l.padEnd(width)}  ${ms.toFixed(1).padStart(9)} ms`);
  const mem = `rss now ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`;
  return `${['rt-advisor timing', ...rows, mem].join('\n')}\n`;
}
