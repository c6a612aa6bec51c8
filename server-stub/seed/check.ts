// Tiny structural checker for the seed file: every failure is a SeedError naming the field
// (`customers[0].admins[1].email must be a string`).

export class SeedError extends Error {
  override readonly name = 'SeedError';
  readonly code = 'SEED_INVALID';
  readonly field: string;

  constructor(field: string, message: string) {
    super(`seed: ${field} ${message}`);
    this.field = field;
  }
}

export type Obj = Record<string, unknown>;

export function obj(v: unknown, path: string, allowed: readonly string[]): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new SeedError(path, 'must be an object');
  const o = v as Obj;
  for (const k of Object.keys(o)) {
    if (!allowed.includes(k))
      throw new SeedError(path === '' ? k : `${path}.${k}`, 'is not an allowed field');
  }
  return o;
}

export function arr(v: unknown, path: string, max = 100_000): unknown[] {
  if (!Array.isArray(v)) throw new SeedError(path, 'must be an array');
  if (v.length > max) throw new SeedError(path, `must have at most ${max} items`);
  return v;
}

export function str(
  v: unknown,
  path: string,
  opts: { min?: number; max?: number; re?: RegExp; hint?: string } = {},
): string {
  if (typeof v !== 'string') throw new SeedError(path, 'must be a string');
  const min = opts.min ?? 1;
  const max = opts.max ?? 256;
  if (v.length < min || v.length > max) throw new SeedError(path, `must have ${min} to ${max} characters`);
  if (opts.re !== undefined && !opts.re.test(v))
    throw new SeedError(path, `must be ${opts.hint ?? `like ${opts.re}`}`);
  return v;
}

export function int(v: unknown, path: string, max: number): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0 || v > max) {
    throw new SeedError(path, `must be an integer from 0 to ${max}`);
  }
  return v;
}

export function bool(v: unknown, path: string): boolean {
  if (typeof v !== 'boolean') throw new SeedError(path, 'must be true or false');
  return v;
}

export function oneOf<T extends string>(v: unknown, path: string, allowed: readonly T[]): T {
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    throw new SeedError(path, `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
  }
  return v as T;
}

export function opt<T>(o: Obj, key: string, read: (v: unknown) => T): T | undefined {
  return o[key] === undefined ? undefined : read(o[key]);
}

/** Rejects a second occurrence of a value (case-insensitive). */
export class Unique {
  readonly #seen = new Set<string>();
  constructor(readonly what: string) {}
  add(value: string, path: string): void {
    const k = value.toLowerCase();
    if (this.#seen.has(k)) throw new SeedError(path, `duplicates ${this.what} ${JSON.stringify(value)}`);
    this.#seen.add(k);
  }
}
