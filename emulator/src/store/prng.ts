// A small deterministic PRNG so a seed number always yields the same tenant data: tests and
// benchmarks can compute expectations, and a failure seen once can be reproduced.

export interface Prng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max] (inclusive). */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** A version-4 style GUID built from the generator, so ids are stable per seed. */
  guid(): string;
  shuffle<T>(items: T[]): T[];
}

/** mulberry32: tiny, fast, and good enough for test data (not for anything secret). */
export function createPrng(seed: number): Prng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');
  const word = (): number => Math.floor(next() * 0x10000);
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    guid: () => {
      const w = Array.from({ length: 8 }, word);
      const [w0 = 0, w1 = 0, w2 = 0, w3 = 0, w4 = 0, w5 = 0, w6 = 0, w7 = 0] = w;
      return (
        `${hex(w0, 4)}${hex(w1, 4)}-${hex(w2, 4)}-${hex((w3 & 0x0fff) | 0x4000, 4)}-` +
        `${hex((w4 & 0x3fff) | 0x8000, 4)}-${hex(w5, 4)}${hex(w6, 4)}${hex(w7, 4)}`
      );
    },
    shuffle<T>(items: T[]): T[] {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const tmp = items[i] as T;
        items[i] = items[j] as T;
        items[j] = tmp;
      }
      return items;
    },
  };
}
