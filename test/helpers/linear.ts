// Linear-growth checks: time an input and one ten times its size in the same run, and require the
// time to grow at most ~12× (a quadratic pass grows ~100×). The small size doubles until the small
// run takes long enough that timer noise does not decide; one retry absorbs a busy machine.
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

function time<T>(run: (input: T) => unknown, input: T): number {
  const t = performance.now();
  run(input);
  return performance.now() - t;
}

/** The ratio time(10n) / time(n), the smaller of two tries; and the sizes used. */
export function growthRatio<T>(opts: LinearOptions<T>): { ratio: number; n: number; small: number; big: number } {
  const minMs = opts.minMs ?? 100;
  const maxN = opts.maxN ?? opts.start * 64;
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
  let ratio = big / small;
  if (ratio > 12) {
    const small2 = time(opts.run, input);
    const big2 = time(opts.run, bigInput);
    if (big2 / small2 < ratio) [ratio, small, big] = [big2 / small2, small2, big2];
  }
  return { ratio, n, small, big };
}

function run0<T>(run: (input: T) => unknown, input: T): void {
  run(input);
}
