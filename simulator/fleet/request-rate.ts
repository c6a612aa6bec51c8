// The request rate of a fleet run (the report's chart): requests the server answered per time bucket
// from the fleet's start, and how many of them were errors. Counted by the in-process stub, or from the
// agents' own request logs when the fleet ran against another server.

export interface RequestRate {
  bucketMs: number;
  /** Requests the server answered per bucket, from the fleet's start (`source` says who counted). */
  counts: number[];
  errors: number[];
  source: 'stub' | 'agents';
}

/** Buckets of at least 100 ms, about 300 of them over the run. */
export function bucketize(
  times: readonly number[],
  statuses: readonly number[],
  durationMs: number,
  source: RequestRate['source'],
): RequestRate {
  const bucketMs = Math.max(100, Math.ceil(durationMs / 300 / 100) * 100);
  const n = Math.max(1, Math.ceil(durationMs / bucketMs));
  const counts = new Array<number>(n).fill(0);
  const errors = new Array<number>(n).fill(0);
  times.forEach((t, i) => {
    const b = Math.min(n - 1, Math.max(0, Math.floor(t / bucketMs)));
    counts[b] = (counts[b] ?? 0) + 1;
    if ((statuses[i] ?? 200) >= 400) errors[b] = (errors[b] ?? 0) + 1;
  });
  return { bucketMs, counts, errors, source };
}
