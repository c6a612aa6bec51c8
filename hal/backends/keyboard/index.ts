// Alt+V sources (DESIGN §3): evdev (pure Node), HID boot reports (node-hid, lazy), terminal (ESC v).
export { isKeyboardSourceError, type KeyboardErrorCode, KeyboardSourceError } from './errors.ts';
export { createEvdevSource, type EvdevSourceOptions, findKeyboardDevices } from './evdev.ts';
export {
  createHidSource,
  type HidDeviceFactory,
  type HidDeviceInfo,
  type HidReportDevice,
  type HidSourceOptions,
  isHidKeyboard,
} from './hid.ts';
export { createTerminalSource, type TerminalInput, type TerminalSourceOptions } from './terminal.ts';
export { TerminalKeyParser } from './terminal-keys.ts';
