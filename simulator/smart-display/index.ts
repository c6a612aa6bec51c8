// A simulated SMART Board display on the RS-232 control port: the responder (the display's side of
// the conversation) and two transports to reach it (a socat pty pair, or @serialport/binding-mock).

export { MX_V1, SMART_DIALECTS, type SmartDialect, type SmartDialectName, V2_V3 } from './dialects.ts';
export { createMockDisplayPort, type MockDisplayOptions, type MockDisplayPort } from './mock-binding.ts';
export { type PtyDisplay, type PtyDisplayOptions, startPtyDisplay } from './pty.ts';
export { createDisplayResponder, type DisplayResponder, type DisplayResponderOptions } from './responder.ts';
