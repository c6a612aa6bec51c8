// A script: for each actor of the machine, the outcome of each call in order. The last step repeats
// ("always fails" is a one-element script). A step either settles at once, or is held until the test
// releases it (the machine then rests in that state as long as the test likes).

import type { ActorContracts } from '../../../agent/machine/types.ts';

export type ActorName = keyof ActorContracts;

/** A failure as a real actor throws it: a stable `code`, and what the DM client adds. */
export type ScriptError = { code: string; message?: string; httpStatus?: number; retryAfterMs?: number };

/** How a call ends. */
export type Outcome<T> = { ok: T } | { error: ScriptError };

/** One scripted call: it ends at once, or is held until `release`. */
export type Step<T> = Outcome<T> | { hold: true };

export type Script = { [K in ActorName]?: Array<Step<ActorContracts[K]['output']>> };

/** The inputs each actor was called with, in order. */
export type Calls = { [K in ActorName]?: Array<ActorContracts[K]['input']> };

/**
 * Every actor of the machine. Without a `checkClock` script the machine's own check (the system
 * clock) runs.
 */
export const ACTOR_NAMES = [
  'readIdentity',
  'checkLink',
  'checkClock',
  'checkAttestation',
  'fetchEnrollmentState',
  'registerDevice',
  'fetchPolicy',
  'smartCheckin',
  'smartEnroll',
  'manualEnroll',
  'checkpoint',
] as const satisfies ReadonlyArray<ActorName>;

/** Every call of every actor is held: each settles only when the test releases it. */
export function holdEverything(): Script {
  return Object.fromEntries(ACTOR_NAMES.map((name) => [name, [{ hold: true }]])) as Script;
}

/** The error a scripted failure throws: an Error carrying the code (and HTTP details) as properties. */
export function scriptError(error: ScriptError): Error {
  return Object.assign(new Error(error.message ?? error.code), error);
}
