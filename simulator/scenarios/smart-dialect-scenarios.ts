// SMART RS-232 dialect scenarios: genuine displays on a redeemed invoice (as in `smart-assigned`) whose
// control port speaks its family's dialect (simulator/smart-display/dialects.ts: CRLF-framed replies,
// `invalid cmd: <echo>`) and is found in the power states SMART's references describe. Outside ON/READY
// a display answers only `get/set powerstate`: the agent wakes it from STANDBY/POWERSAVE with
// `set powerstate=on` and enrolls; during a firmware update it leaves it alone, and the manual screen
// says so (`missing-serial`, the HAL's `display-not-ready`).

import type { SmartPowerState } from '../../hal/interface.ts';
import type { SmartDisplayOptions } from '../profiles/smart-display.ts';
import { genuineSmart, type PlanContext, pick, SMART_ROWS, weighted } from './build.ts';
import { smartAssigned } from './smart-scenarios.ts';
import type { DevicePlan, Expected } from './types.ts';

interface DialectCase {
  options: SmartDisplayOptions;
  /** null: enrolls like any assigned display (managed in the domain that redeemed its key). */
  expected: Expected | null;
  why: string;
}

const found = (powerState: SmartPowerState, extra: SmartDisplayOptions = {}): SmartDisplayOptions => ({
  powerState,
  ...extra,
});

const NOT_READY: Expected = { outcome: 'manual', reason: 'missing-serial' };

/** Each variant with its weight: the slow ones (a refused command the display never answers) rarer. */
export const SMART_DIALECT_CASES: Readonly<Record<string, DialectCase & { weight: number }>> = {
  'on-framed': {
    weight: 3,
    options: found('on', { quirks: true }),
    expected: null,
    why: 'ON, replies framed by CRLF before and after, power-on noise and quirks: read as usual, enrolls.',
  },
  ready: {
    weight: 3,
    options: found('ready'),
    expected: null,
    why: 'READY (screen off): identity commands are answered in READY on V2/V3 families, enrolls.',
  },
  'unknown-partnum': {
    weight: 2,
    options: found('on', { quirks: false }),
    expected: null,
    why: '`get partnum` answered `invalid cmd: getpartnum` (colon form): an optional field, read as none; enrolls.',
  },
  standby: {
    weight: 3,
    options: found('standby'),
    expected: null,
    why: 'STANDBY refuses identity commands with `invalid cmd:`; the agent sends `set powerstate=on`, then enrolls.',
  },
  powersave: {
    weight: 3,
    options: found('powersave'),
    expected: null,
    why: 'POWERSAVE (the EU default) refuses identity commands; woken with `set powerstate=on`, it enrolls.',
  },
  'standby-slow-wake': {
    weight: 1,
    options: found('standby', { powerTransitionReads: 2 }),
    expected: null,
    why: 'Still reports standby for two polls after `set powerstate=on`; the agent polls until ON, then enrolls.',
  },
  'standby-silent-refusal': {
    weight: 1,
    options: found('standby', { refusal: 'silent' }),
    expected: null,
    why: 'STANDBY that does not answer refused commands at all: the time-out is classified by `get powerstate`, woken, enrolls.',
  },
  updateon: {
    weight: 1,
    options: found('updateon'),
    expected: NOT_READY,
    why: 'Updating its firmware (UPDATEON): never woken or touched; display-not-ready, the manual screen says to wait for the update.',
  },
  updateready: {
    weight: 1,
    options: found('updateready'),
    expected: NOT_READY,
    why: 'Updating its firmware with the screen off (UPDATEREADY): left alone; display-not-ready on the manual screen.',
  },
};

export const SMART_DIALECT_VARIANTS = Object.keys(SMART_DIALECT_CASES);

export function smartRs232Dialects(ctx: PlanContext, variant?: string): DevicePlan {
  const entry = pick(ctx.random, SMART_ROWS);
  const chosen =
    variant ??
    weighted(
      ctx.random,
      Object.entries(SMART_DIALECT_CASES).map(([name, c]) => [name, c.weight] as const),
    );
  const c = SMART_DIALECT_CASES[chosen];
  if (c === undefined) throw new Error(`unknown SMART dialect variant ${chosen}`);
  const plan = smartAssigned(ctx, entry, 'smart-rs232-dialects');
  const hardware = genuineSmart(entry, ctx.random, c.options);
  if (chosen === 'unknown-partnum') hardware.responder.unsupportedFields = ['partnum'];
  plan.hardware = hardware;
  plan.variant = chosen;
  plan.why = c.why;
  if (c.expected !== null) plan.expected = c.expected;
  return plan;
}
