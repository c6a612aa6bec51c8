// Reading a seed: a path to a JSON file, an object, or (when neither is given) the demo seed.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SeedError } from './check.ts';
import type { StubSeed } from './types.ts';
import { validateSeed } from './validate.ts';

export const DEMO_SEED_PATH = fileURLToPath(new URL('../fixtures/demo.json', import.meta.url));

export function readSeedFile(path: string): StubSeed {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new SeedError('file', `${path} cannot be read: ${(e as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new SeedError('file', `${path} is not valid JSON: ${(e as Error).message}`);
  }
  return validateSeed(parsed);
}

export function resolveSeed(seed: StubSeed | string | undefined): StubSeed {
  if (seed === undefined) return readSeedFile(DEMO_SEED_PATH);
  if (typeof seed === 'string') return readSeedFile(seed);
  return validateSeed(seed);
}
