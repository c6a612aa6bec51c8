// Seeded randomness for campaigns: the same seed gives the same devices, kill points and faults.

import { seededRandom } from '../../profiles/random.ts';

export interface Rng {
  random: () => number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  /** A child generator, independent of how many numbers this one draws later. */
  fork(label: string): Rng;
}

function hash(label: string): number {
  let h = 2166136261;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

export function createRng(seed: number, label = ''): Rng {
  const base = (seed ^ hash(label)) >>> 0;
  const random = seededRandom(base);
  return {
    random,
    int: (min, max) => min + Math.floor(random() * (max - min + 1)),
    pick<T>(items: readonly T[]): T {
      const item = items[Math.floor(random() * items.length)];
      if (item === undefined) throw new RangeError('pick from an empty list');
      return item;
    },
    chance: (p) => random() < p,
    fork: (child) => createRng(base, child),
  };
}
