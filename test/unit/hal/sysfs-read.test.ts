// The sysfs backend's low-level pieces: errno mapping (for errors a test cannot provoke on a real
// file, such as EIO) and the concurrency limiter.

import { describe, expect, it } from 'vitest';
import { Limiter, problemFromError } from '../../../hal/backends/sysfs/read.ts';

describe('problemFromError', () => {
  it.each([
    ['ENOENT', 'missing'],
    ['ENOTDIR', 'missing'],
    ['EISDIR', 'not-a-file'],
    ['EACCES', 'unreadable'],
    ['EPERM', 'unreadable'],
    ['EIO', 'unreadable'],
    ['ELOOP', 'unreadable'],
    ['ENODEV', 'unreadable'],
  ])('maps %s to %s', (code, problem) => {
    expect(problemFromError(Object.assign(new Error(code), { code }))).toBe(problem);
  });

  it('maps anything without an errno code to unreadable', () => {
    expect(problemFromError(new Error('boom'))).toBe('unreadable');
    expect(problemFromError(undefined)).toBe('unreadable');
    expect(problemFromError({ code: 42 })).toBe('unreadable');
  });
});

describe('Limiter', () => {
  it('never runs more than its maximum at once, and runs everything', async () => {
    const limiter = new Limiter(3);
    let active = 0;
    let peak = 0;
    const gates: Array<() => void> = [];
    const results = Array.from({ length: 10 }, (_, i) =>
      limiter.run(async () => {
        active++;
        peak = Math.max(peak, active);
        await new Promise<void>((resolve) => gates.push(resolve));
        active--;
        return i;
      }),
    );
    // Release the gates one by one as tasks reach them (bounded spin: a bug fails, never hangs).
    for (let released = 0; released < 10; released++) {
      for (let spins = 0; gates.length === 0 && spins < 1000; spins++) await Promise.resolve();
      expect(gates.length).toBeGreaterThan(0);
      gates.shift()?.();
    }
    expect(await Promise.all(results)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(peak).toBe(3);
  });

  it('keeps going after a task fails', async () => {
    const limiter = new Limiter(1);
    await expect(limiter.run(() => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(await limiter.run(async () => 'next')).toBe('next');
  });
});
