// The KeyboardSource contract on HID boot keyboards: reports from a node-hid look-alike (the
// simulator's USB bus) through the same source that reads node-hid, and node-hid itself on this host
// when it loads and finds a keyboard.

import { HID_MOD_LEFT_ALT, HID_USAGE_V } from '../../hal/backends/keyboard/hid-report.ts';
import { createHidSource } from '../../hal/backends/keyboard/index.ts';
import { bootReport, hidAltVReports, simulatedHidBus } from '../../simulator/keyboard/index.ts';
import {
  describeKeyboardSourceContract,
  describeRealKeyboard,
  type Keys,
} from './keyboard-source.contract.ts';

const REPORTS: Readonly<Record<Keys, Buffer[]>> = {
  'alt-v': hidAltVReports('left'),
  'right-alt-v': hidAltVReports('right'),
  v: [bootReport(0, HID_USAGE_V), bootReport(0)],
  // The keyboard sends its report again while the keys stay down.
  'held-alt-v': [
    bootReport(HID_MOD_LEFT_ALT),
    bootReport(HID_MOD_LEFT_ALT, HID_USAGE_V),
    bootReport(HID_MOD_LEFT_ALT, HID_USAGE_V),
    bootReport(HID_MOD_LEFT_ALT, HID_USAGE_V),
    bootReport(0),
  ],
};

describeKeyboardSourceContract('HID boot keyboard on a simulated USB bus', async () => {
  const bus = simulatedHidBus();
  return {
    source: createHidSource({ factory: bus.factory }),
    type: async (keys) => bus.press(keys.flatMap((k) => REPORTS[k])),
    canHold: true,
    close: async () => undefined,
  };
});

const real = createHidSource();
describeRealKeyboard('node-hid on this host', real, await real.availability());
