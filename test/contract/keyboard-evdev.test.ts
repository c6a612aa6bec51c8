// The KeyboardSource contract on evdev: real 24-byte input_events through a FIFO at
// ROOT/dev/input/event0 (found by discovery under the root, as on a device), through a plain stream,
// and on this host's /dev/input when it has a readable keyboard.

import { PassThrough } from 'node:stream';

import {
  EV_KEY,
  EV_SYN,
  encodeInputEvent,
  KEY_LEFTALT,
  KEY_PRESS,
  KEY_RELEASE,
  KEY_REPEAT,
  KEY_V,
} from '../../hal/backends/keyboard/evdev-parser.ts';
import { createEvdevSource } from '../../hal/backends/keyboard/index.ts';
import { attachEvdevKeyboard, evdevAltVBytes } from '../../simulator/keyboard/index.ts';
import {
  describeKeyboardSourceContract,
  describeRealKeyboard,
  type Keys,
} from './keyboard-source.contract.ts';
import { useTempRoots } from './temp-roots.ts';

const roots = useTempRoots('zte-evdev-contract');
const key = (code: number, value: number) => [
  encodeInputEvent({ type: EV_KEY, code, value }),
  encodeInputEvent({ type: EV_SYN, code: 0, value: 0 }),
];
const PLAIN_V = Buffer.concat([...key(KEY_V, KEY_PRESS), ...key(KEY_V, KEY_RELEASE)]);
const HELD_ALT_V = Buffer.concat([
  ...key(KEY_LEFTALT, KEY_PRESS),
  ...key(KEY_V, KEY_PRESS),
  ...key(KEY_V, KEY_REPEAT),
  ...key(KEY_V, KEY_REPEAT),
  ...key(KEY_V, KEY_RELEASE),
  ...key(KEY_LEFTALT, KEY_RELEASE),
]);
const BYTES: Readonly<Record<Keys, Buffer>> = {
  'alt-v': evdevAltVBytes('left'),
  'right-alt-v': evdevAltVBytes('right'),
  v: PLAIN_V,
  'held-alt-v': HELD_ALT_V,
};
const bytesOf = (keys: readonly Keys[]) => Buffer.concat(keys.map((k) => BYTES[k]));

describeKeyboardSourceContract('evdev, a FIFO at ROOT/dev/input/event0', async () => {
  const root = await roots.next();
  const keyboard = await attachEvdevKeyboard(root);
  return {
    source: createEvdevSource({ root }),
    type: (keys) => keyboard.press(bytesOf(keys)), // one write: atomic on a pipe (under PIPE_BUF)
    canHold: true,
    close: () => keyboard.close(),
  };
});

describeKeyboardSourceContract('evdev, a stream of input_event bytes', async () => {
  const input = new PassThrough();
  return {
    source: createEvdevSource({ input }),
    type: async (keys) => {
      input.write(bytesOf(keys));
    },
    canHold: true,
    close: async () => {
      input.end();
    },
  };
});

// This host's keyboards: only the part of the contract that needs no person at the keyboard.
const real = createEvdevSource({ root: '/' });
describeRealKeyboard('evdev on this host’s /dev/input', real, await real.availability());
