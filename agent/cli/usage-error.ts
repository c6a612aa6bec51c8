/** A command-line mistake: the CLI prints the message and exits 2. */
export class UsageError extends Error {
  readonly code = 'usage' as const;
}

export function isUsageError(e: unknown): e is UsageError {
  return e instanceof UsageError;
}
