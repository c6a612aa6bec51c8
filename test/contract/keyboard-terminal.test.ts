// The KeyboardSource contract on the terminal: ESC `v` as a terminal sends Alt+V (a terminal cannot
// tell which Alt, nor a held key from repeated presses), and this process's own terminal when it is one.

import { PassThrough } from 'node:stream';
import { createTerminalSource } from '../../hal/backends/keyboard/index.ts';
import {
  describeKeyboardSourceContract,
  describeRealKeyboard,
  type Keys,
} from './keyboard-source.contract.ts';

// A terminal sends ESC v for either Alt.
const TEXT: Readonly<Record<Keys, string>> = {
  'alt-v': '\x1bv',
  'right-alt-v': '\x1bv',
  v: 'v',
  'held-alt-v': '\x1bv',
};

describeKeyboardSourceContract('terminal, ESC v on its input', async () => {
  const input = new PassThrough();
  return {
    source: createTerminalSource({ input, onInterrupt: () => undefined }),
    type: async (keys) => {
      input.write(Buffer.from(keys.map((k) => TEXT[k]).join(''), 'latin1'));
    },
    canHold: false,
    close: async () => {
      input.end();
    },
  };
});

const real = createTerminalSource({ onInterrupt: () => undefined });
describeRealKeyboard('this process’s standard input', real, await real.availability());
