// Linear-growth checks: time an input and one ten times its size in the same run, and require the
// time to grow at most ~12× (a quadratic pass grows ~100×), time being this process's CPU time. The small size doubles until the small
// run takes long enough that timer noise does not decide; each size's best of up to five runs absorbs
// a busy machine (the suite runs files in parallel).
export interface LinearOptions<T> {
  /** builds the input of size n */
  make: (n: number) => T;
  /** the work being measured */
  run: (input: T) => unknown;
  /** the size to start from */
  start: number;
  /** the small run must take at least this long (ms) */
  minMs?: number;
  /** the largest small size tried */
  maxN?: number;
}

// CPU time of this process (vitest runs each test file in its own fork), not wall time: a run that
// other processes preempt on a busy 2-core machine is not charged for the wait
function time<T>(run: (input: T) => unknown, input: T): number {
  const start = process.cpuUsage();
  run(input);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** The ratio time(10n) / time(n), each the best of up to five runs; and the sizes used. */
export function growthRatio<T>(opts: LinearOptions<T>): { ratio: number; n: number; small: number; big: number } {
  const minMs = opts.minMs ?? 100;
  const maxN = opts.maxN ?? opts.start * 256;
  let n = opts.start;
  let input = opts.make(n);
  run0(opts.run, input); // warm up the code paths (JIT, lazy loads)
  let small = time(opts.run, input);
  while (small < minMs && n * 2 <= maxN) {
    n *= 2;
    input = opts.make(n);
    small = time(opts.run, input);
  }
  const bigInput = opts.make(n * 10);
  let big = time(opts.run, bigInput);
  for (let tries = 1; tries < 5 && big / small > 12; tries++) {
    small = Math.min(small, time(opts.run, input));
    big = Math.min(big, time(opts.run, bigInput));
  }
  return { ratio: big / small, n, small, big };
}

function run0<T>(run: (input: T) => unknown, input: T): void {
  run(input);
}
