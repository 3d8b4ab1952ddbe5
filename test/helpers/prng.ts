// A small seeded PRNG (mulberry32) so randomised tests replay exactly from their seed.
export type Rand = () => number;

export function mulberry32(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randInt(rand: Rand, max: number): number {
  return Math.floor(rand() * max);
}

export function pick<T>(rand: Rand, items: readonly T[]): T {
  return items[randInt(rand, items.length)];
}

/** Fisher–Yates, in place; returns the array. */
export function shuffle<T>(items: T[], rand: Rand): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randInt(rand, i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
