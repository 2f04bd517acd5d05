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

const HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

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
  const u32 = (): number => Math.floor(next() * 0x100000000);
  // Table lookup: seeding 10,000 requests makes tens of thousands of GUIDs.
  const hex8 = (n: number): string =>
    (HEX[(n >>> 24) & 0xff] as string) +
    (HEX[(n >>> 16) & 0xff] as string) +
    (HEX[(n >>> 8) & 0xff] as string) +
    (HEX[n & 0xff] as string);
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
      const a = hex8(u32());
      const b = hex8(u32());
      const c = hex8(((u32() & 0x0fffffff) | 0x40000000) >>> 0);
      const d = hex8(((u32() & 0x3fffffff) | 0x80000000) >>> 0);
      const e = hex8(u32());
      return `${a}-${b.slice(0, 4)}-${c.slice(0, 4)}-${d.slice(0, 4)}-${d.slice(4)}${e}`;
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
