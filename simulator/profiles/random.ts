/** A small seeded PRNG (mulberry32): same seed, same devices. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALNUM = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const HEX = '0123456789ABCDEF';

export function randomString(random: () => number, length: number, alphabet = ALNUM): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)] ?? '0';
  return out;
}

export const randomHex = (random: () => number, length: number) => randomString(random, length, HEX);

/** A locally administered unicast MAC, `aa:bb:…` lower-case as sysfs shows it. */
export function randomMac(random: () => number): string {
  const bytes = [0x02, ...Array.from({ length: 5 }, () => Math.floor(random() * 256))];
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}
