// What a boot does with the record the previous boot left (issue 4, item 4). Pure: no I/O, no clock.
//
// Rules, applied in this order by planBoot:
//  1. Managed stays managed. A record with `managed` plans { kind: 'managed' }: the machine only
//     fetches policy with the stored DM token and never asks the enrollment server again. The boot
//     counter is reset to 0; any leftover registration/manual marks are dropped.
//  2. Too many failed boots. A "failed boot" is one that started without being managed and ended
//     (crash, power cut, kill, reboot) before reaching a settled screen. `bootAttempts` counts them:
//     every boot that is not managed adds one when it starts. A record with `manual` set means the
//     previous boot did reach the manual-enrollment screen, i.e. it got its answer: it is not a failed
//     boot, and the count starts again from 0. When the previous count has reached
//     `maxBootAttempts` (DEFAULT_MAX_BOOT_ATTEMPTS = 5), the plan is { kind: 'too-many-attempts' }
//     and the record written at boot says `manual: { reason: 'too-many-attempts' }`. So with the
//     default, boots 1–5 try, boot 6 shows the manual screen, and boot 7 (after that settled screen)
//     tries again: a transient fault heals, a crash loop always reaches the manual screen.
//  3. An interrupted registration is retried. A record with `registration.inFlight` (a register
//     request was sent and its answer never handled) plans { kind: 'retry-registration',
//     reregister: true }; the server then completes it for the same device without consuming a
//     second licence. The in-flight mark is kept, so a crash during the retry is retried again.
//     (Under rule 2 the mark is kept as well, for the boot after.)
//  4. Otherwise check from scratch: { kind: 'fresh-check' }. No manual outcome is cached across
//     boots; in particular "not pre-provisioned" (manual reason 'not-pre-provisioned') is always
//     asked again, since an administrator may have pre-provisioned the device since.
// No record at all (a fresh device) is rule 4 with a new record. A record that existed but was
// unusable (corrupt, truncated, unreadable: moved aside by the store, `previousUnusable`) may have
// hidden a registration that reached the server — of an enrolled device, say — so it is treated as
// rule 3: retried with `reregister` (the server keeps the licence the device holds; a device that
// was never pre-provisioned still gets 410 → the manual screen).
// The returned `next` record keeps the identity, last error and history of the previous boots and
// appends a BOOT_PHASE entry to the history.

import { INITIAL_FLOW_STATE } from '../machine/tags.ts';
import { recordTransition } from './history.ts';
import type { PersistedAgentState } from './record.ts';

/** Failed boots tolerated before the manual screen with reason 'too-many-attempts'. */
export const DEFAULT_MAX_BOOT_ATTEMPTS = 5;

/** The phase written in the boot record, before the machine's first transition: its initial state. */
export const BOOT_PHASE = INITIAL_FLOW_STATE;

export const NOT_PRE_PROVISIONED_REASON = 'not-pre-provisioned';
export const TOO_MANY_ATTEMPTS_REASON = 'too-many-attempts';

export type BootPlan =
  | { kind: 'managed'; managed: NonNullable<PersistedAgentState['managed']> }
  | { kind: 'retry-registration'; reregister: true }
  | { kind: 'fresh-check' }
  | { kind: 'too-many-attempts'; attempts: number };

export interface BootDecision {
  plan: BootPlan;
  /** The record to persist as this boot starts. */
  next: PersistedAgentState;
}

export interface PlanBootOptions {
  /** A positive integer; DEFAULT_MAX_BOOT_ATTEMPTS when omitted. */
  maxBootAttempts?: number;
  /** The id of the boot that starts. */
  bootId: string;
  now: Date;
  /** A record existed but could not be used (moved aside): an earlier registration may have landed. */
  previousUnusable?: boolean;
}

export function planBoot(loaded: PersistedAgentState | null, options: PlanBootOptions): BootDecision {
  const max = options.maxBootAttempts ?? DEFAULT_MAX_BOOT_ATTEMPTS;
  if (!Number.isSafeInteger(max) || max < 1) {
    throw new RangeError(`maxBootAttempts must be a positive integer, not ${max}`);
  }
  const base = carriedOver(loaded, options);

  if (loaded?.managed !== undefined) {
    const next = { ...base, bootAttempts: 0, managed: { ...loaded.managed } };
    return { plan: { kind: 'managed', managed: { ...loaded.managed } }, next: stamp(next, options.now) };
  }

  const previousAttempts = loaded === null || loaded.manual !== undefined ? 0 : loaded.bootAttempts;
  const next: PersistedAgentState = { ...base, bootAttempts: previousAttempts + 1 };
  if (loaded?.registration?.inFlight === true) next.registration = { ...loaded.registration };
  else if (loaded === null && options.previousUnusable === true) next.registration = { inFlight: true };

  if (previousAttempts >= max) {
    next.manual = { reason: TOO_MANY_ATTEMPTS_REASON };
    return {
      plan: { kind: 'too-many-attempts', attempts: previousAttempts },
      next: stamp(next, options.now),
    };
  }
  if (next.registration !== undefined) {
    return { plan: { kind: 'retry-registration', reregister: true }, next: stamp(next, options.now) };
  }
  return { plan: { kind: 'fresh-check' }, next: stamp(next, options.now) };
}

/** The fields every boot record keeps from the previous one (nothing that decides the plan). */
function carriedOver(loaded: PersistedAgentState | null, options: PlanBootOptions): PersistedAgentState {
  const record: PersistedAgentState = {
    version: 1,
    bootId: options.bootId,
    bootAttempts: 0,
    phase: BOOT_PHASE,
    updatedAt: options.now.toISOString(),
    history: loaded === null ? [] : [...loaded.history],
  };
  if (loaded?.identity !== undefined) record.identity = { ...loaded.identity };
  if (loaded?.lastError !== undefined)
    record.lastError = loaded.lastError === null ? null : { ...loaded.lastError };
  if (loaded?.locale !== undefined) record.locale = loaded.locale;
  return record;
}

function stamp(record: PersistedAgentState, now: Date): PersistedAgentState {
  return recordTransition(record, BOOT_PHASE, now);
}
