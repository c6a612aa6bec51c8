// How each SMART display family speaks on its RS-232 port, from SMART's published references (named in
// hal/README.md). The simulator's DisplayResponder plays one of these; the host (hal/backends/
// smart-rs232) must understand all of them without knowing which one it is talking to.

import type { SmartPowerState } from '../../hal/interface.ts';

export type SmartDialectName = 'mx-v1' | 'v2-v3';

export interface SmartDialect {
  readonly name: SmartDialectName;
  /** Written before every reply line: V2/V3 frame replies with CRLF before and after. */
  readonly replyPrefix: '' | '\r\n';
  /** The answer to a command the display does not know (or refuses), from the line it received. */
  invalidCommand(line: string): string;
  /** Every state `get powerstate` can answer. */
  readonly powerStates: readonly SmartPowerState[];
  /** States in which commands other than `get/set powerstate` are answered. */
  readonly serving: readonly SmartPowerState[];
  /** Values `set powerstate=<v>` accepts. */
  readonly settable: readonly SmartPowerState[];
}

/**
 * "SMART Board MX series" (V1), Appendix D of the MX guide: `invalid cmd=<the line as sent>`, replies
 * not framed, states ON/READY/UPDATEON/UPDATEREADY (SOFTOFF: the port is silent), and commands other
 * than get/set powerstate only in ON.
 */
export const MX_V1: SmartDialect = {
  name: 'mx-v1',
  replyPrefix: '',
  invalidCommand: (line) => `invalid cmd=${line}`,
  powerStates: ['on', 'ready', 'updateon', 'updateready'],
  serving: ['on'],
  settable: ['on', 'ready'],
};

/**
 * MX (V2, V2-C, V3) (Appendix C of the MX guide) and 6000S (V3): replies framed by CRLF before and
 * after, `invalid cmd: <the line without its spaces>` ("extra spacing is ignored"), six power states,
 * commands other than get/set powerstate only in ON or READY.
 */
export const V2_V3: SmartDialect = {
  name: 'v2-v3',
  replyPrefix: '\r\n',
  invalidCommand: (line) => `invalid cmd: ${line.replace(/\s+/g, '')}`,
  powerStates: ['on', 'ready', 'standby', 'powersave', 'updateon', 'updateready'],
  serving: ['on', 'ready'],
  settable: ['on', 'ready', 'standby', 'powersave'],
};

export const SMART_DIALECTS: Readonly<Record<SmartDialectName, SmartDialect>> = {
  'mx-v1': MX_V1,
  'v2-v3': V2_V3,
};
