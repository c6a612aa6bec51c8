// One contract for SmartDisplayControl (`smart-rs232`), run over every transport that can carry a
// simulated display: a real pty pair (socat) and @serialport/binding-mock. The display's side is the
// simulator's DisplayResponder in both cases.

import { afterEach, describe, expect, it } from 'vitest';
import {
  type OpenSmartDisplayOptions,
  openSmartDisplay,
  SmartDisplayError,
} from '../../hal/backends/smart-rs232/index.ts';
import type { SmartDisplayControl, SmartErrorCode } from '../../hal/interface.ts';
import type { DisplayResponder, DisplayResponderOptions } from '../../simulator/smart-display/responder.ts';

/** A simulated display on some transport. */
export interface SimulatedDisplay {
  readonly responder: DisplayResponder;
  /** Where and how the host opens it (path, and binding when not the native one). */
  readonly target: Pick<OpenSmartDisplayOptions, 'path' | 'binding'>;
  /** Pulls the cable while the host may be mid-conversation. */
  unplug(): Promise<void>;
  close(): Promise<void>;
}

export type SimulatedDisplayFactory = (options: DisplayResponderOptions) => Promise<SimulatedDisplay>;

export const MX_DISPLAY: DisplayResponderOptions = {
  serialNumber: 'SBID-MX065-V2-SN0042',
  modelNumber: 'sbid-mx065-v2',
  firmwareVersion: '3.12.4.0',
  partNumber: '1032876',
  powerState: 'on',
};

// Silent-port behaviour needs some time-out; keep it short. Tests that must not time out use a long one.
const SHORT_MS = 150;
const LONG_MS = 10_000;

async function codeOf(promise: Promise<unknown>): Promise<SmartErrorCode | 'resolved'> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    expect(error).toBeInstanceOf(SmartDisplayError);
    return (error as SmartDisplayError).code;
  }
}

export function smartDisplayContract(transport: string, create: SimulatedDisplayFactory): void {
  describe(`SmartDisplayControl contract: smart-rs232 over ${transport}`, () => {
    const cleanups: Array<() => Promise<void>> = [];

    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });

    async function display(options: Partial<DisplayResponderOptions> = {}): Promise<SimulatedDisplay> {
      const simulated = await create({ ...MX_DISPLAY, ...options });
      cleanups.push(() => simulated.close());
      return simulated;
    }

    async function connect(
      simulated: SimulatedDisplay,
      times: { timeoutMs?: number; promptTimeoutMs?: number } = {},
    ): Promise<SmartDisplayControl> {
      const control = await openSmartDisplay({
        ...simulated.target,
        timeoutMs: times.timeoutMs ?? LONG_MS,
        promptTimeoutMs: times.promptTimeoutMs ?? LONG_MS,
      });
      cleanups.push(() => control.close());
      return control;
    }

    it('is named smart-rs232 and reads every field', async () => {
      const control = await connect(await display());
      expect(control.name).toBe('smart-rs232');
      expect(await control.get('serialnum')).toBe(MX_DISPLAY.serialNumber);
      expect(await control.get('modelnum')).toBe(MX_DISPLAY.modelNumber);
      expect(await control.get('fwversion')).toBe(MX_DISPLAY.firmwareVersion);
      expect(await control.get('partnum')).toBe(MX_DISPLAY.partNumber);
      expect(await control.get('powerstate')).toBe('on');
    });

    it('readInfo returns the whole identity', async () => {
      const control = await connect(await display({ dialect: 'v2-v3', powerState: 'ready' }));
      expect(await control.readInfo()).toEqual({
        serialNumber: MX_DISPLAY.serialNumber,
        modelNumber: MX_DISPLAY.modelNumber,
        firmwareVersion: MX_DISPLAY.firmwareVersion,
        partNumber: MX_DISPLAY.partNumber,
        powerState: 'ready',
      });
    });

    it('ignores power-on garbage before the first prompt, even lines that look like replies', async () => {
      const garbage = Buffer.concat([
        Buffer.from('POST 0x1F OK\r\nserialnum=NOT-THE-SERIAL\r\n', 'latin1'),
        Buffer.from([0x00, 0xff, 0xfe, 0x1b, 0x5b, 0x32, 0x4a, 0x80]),
        Buffer.from('scaler init', 'latin1'), // no line ending before the prompt
      ]);
      const control = await connect(await display({ powerOnGarbage: garbage }));
      expect(await control.get('serialnum')).toBe(MX_DISPLAY.serialNumber);
      expect(await control.get('modelnum')).toBe(MX_DISPLAY.modelNumber);
    });

    it('delivers async # lines to listeners and never takes them for replies', async () => {
      const simulated = await display({ asyncMessages: ['#serialnum=ASYNC-NOT-A-REPLY', '#input=hdmi1'] });
      const control = await connect(simulated);
      const seen: string[] = [];
      const stop = control.onAsyncMessage((line) => seen.push(line));
      expect(await control.get('serialnum')).toBe(MX_DISPLAY.serialNumber);
      expect(seen).toEqual(['#serialnum=ASYNC-NOT-A-REPLY', '#input=hdmi1']);

      simulated.responder.emitAsync('#powerstate=ready');
      expect(await control.get('powerstate')).toBe('on');
      expect(seen).toEqual(['#serialnum=ASYNC-NOT-A-REPLY', '#input=hdmi1', '#powerstate=ready']);

      stop();
      simulated.responder.emitAsync('#after-unsubscribe');
      expect(await control.get('modelnum')).toBe(MX_DISPLAY.modelNumber);
      expect(seen).toHaveLength(3);
    });

    it('turns `invalid cmd=` into invalid-command and carries on', async () => {
      const control = await connect(await display({ unsupportedFields: ['partnum'] }));
      expect(await codeOf(control.get('partnum'))).toBe('invalid-command');
      expect(await control.get('serialnum')).toBe(MX_DISPLAY.serialNumber);
      const info = await control.readInfo();
      expect(info.partNumber).toBeNull();
      expect(info.serialNumber).toBe(MX_DISPLAY.serialNumber);
    });

    it('accepts replies whatever their case', async () => {
      const control = await connect(await display({ upperCaseReplies: true }));
      expect(await control.get('serialnum')).toBe(MX_DISPLAY.serialNumber);
      expect(await control.get('fwversion')).toBe(MX_DISPLAY.firmwareVersion);
    });

    it.each(['\r\n', '\n'] as const)('handles the display ending its lines with %j', async (lineEnding) => {
      const control = await connect(await display({ lineEnding }));
      expect(await control.readInfo()).toMatchObject({
        serialNumber: MX_DISPLAY.serialNumber,
        modelNumber: MX_DISPLAY.modelNumber,
      });
    });

    it('runs one command at a time when callers overlap', async () => {
      const simulated = await display();
      const control = await connect(simulated);
      const received: string[] = [];
      simulated.responder.onCommand((line) => received.push(line));
      const values = await Promise.all([
        control.get('serialnum'),
        control.get('modelnum'),
        control.get('fwversion'),
        control.get('partnum'),
        control.get('powerstate'),
      ]);
      expect(values).toEqual([
        MX_DISPLAY.serialNumber,
        MX_DISPLAY.modelNumber,
        MX_DISPLAY.firmwareVersion,
        MX_DISPLAY.partNumber,
        MX_DISPLAY.powerState,
      ]);
      expect(received).toEqual([
        'get serialnum',
        'get modelnum',
        'get fwversion',
        'get partnum',
        'get powerstate',
      ]);
    });

    it('reports a reply that is not <field>=… as malformed-reply', async () => {
      const control = await connect(await display({ replyOverrides: { serialnum: 'E7 checksum' } }));
      expect(await codeOf(control.get('serialnum'))).toBe('malformed-reply');
      expect(await control.get('modelnum')).toBe(MX_DISPLAY.modelNumber);
    });

    it('ends the open with no-prompt when the display is in soft-off', async () => {
      const simulated = await display({ softOff: true });
      expect(await codeOf(connect(simulated, { promptTimeoutMs: SHORT_MS }))).toBe('no-prompt');
    });

    it('times out a command the display does not answer', async () => {
      const simulated = await display();
      const control = await connect(simulated, { timeoutMs: SHORT_MS });
      simulated.responder.setSoftOff(true);
      expect(await codeOf(control.get('serialnum'))).toBe('timeout');
    });

    it('reports disconnected when the cable is pulled mid-command, and for every later call', async () => {
      const simulated = await display();
      const control = await connect(simulated);
      simulated.responder.setSoftOff(true); // the command stays in flight…
      const commandArrived = new Promise<void>((resolve) => simulated.responder.onCommand(() => resolve()));
      const inFlight = codeOf(control.get('serialnum'));
      await commandArrived;
      await simulated.unplug(); // …until the cable goes
      expect(await inFlight).toBe('disconnected');
      expect(await codeOf(control.get('modelnum'))).toBe('disconnected');
    });

    it('rejects calls after close with disconnected', async () => {
      const control = await connect(await display());
      await control.close();
      expect(await codeOf(control.get('serialnum'))).toBe('disconnected');
    });

    it('reports port-unavailable for a port that cannot be opened', async () => {
      const simulated = await display();
      const missing = openSmartDisplay({ ...simulated.target, path: `${simulated.target.path}-missing` });
      expect(await codeOf(missing)).toBe('port-unavailable');
    });
  });
}
