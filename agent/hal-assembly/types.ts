import type { Availability } from '../../hal/interface.ts';

/** What a backend is for in the assembled HAL. */
export type HalRole =
  | 'identity'
  | 'identity-fallback'
  | 'network'
  | 'smart-display'
  | 'keyboard'
  | 'attestation';

/**
 * One backend the assembly considered for this device (balena-supervisor's config backends: each says
 * whether it applies). `matches()` answers "does this device have what the backend reads"; a backend
 * that applies then says whether it can work here through `availability()`, which diagnostics report
 * as `available` or `unavailable: <reason>` (the reason of `matches()` when it does not apply).
 */
export interface HalBackend {
  readonly name: string;
  readonly role: HalRole;
  matches(): Promise<Availability>;
  availability(): Promise<Availability>;
}
