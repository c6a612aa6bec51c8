// The RS-232 dialects of SMART's display families (simulator/smart-display/dialects.ts, references in
// hal/README.md), run over every transport like the main contract: the host must read each one, say
// `display-not-ready` (with the power state) where the display refuses identity commands, and wake
// it only from the states SMART documents `set powerstate=on` for.

import { afterEach, describe, expect, it } from 'vitest';
import { openSmartDisplay, SmartDisplayError } from '../../hal/backends/smart-rs232/index.ts';
import type { SmartDisplayControl, SmartErrorCode, SmartPowerState } from '../../hal/interface.ts';
import { SMART_DIALECTS, type SmartDialectName } from '../../simulator/smart-display/dialects.ts';
import type { DisplayResponderOptions } from '../../simulator/smart-display/responder.ts';
import { MX_DISPLAY, type SimulatedDisplay, type SimulatedDisplayFactory } from './smart-display.contract.ts';

const SHORT_MS = 150;
const LONG_MS = 10_000;

interface Failure {
  code: SmartErrorCode | 'resolved';
  powerState: string | null;
}

async function failureOf(promise: Promise<unknown>): Promise<Failure> {
  try {
    await promise;
    return { code: 'resolved', powerState: null };
  } catch (error) {
    expect(error).toBeInstanceOf(SmartDisplayError);
    const e = error as SmartDisplayError;
    return { code: e.code, powerState: e.powerState };
  }
}

const DIALECTS: readonly SmartDialectName[] = ['mx-v1', 'v2-v3'];
const UPDATE_STATES: readonly SmartPowerState[] = ['updateon', 'updateready'];

export function smartDialectContract(transport: string, create: SimulatedDisplayFactory): void {
  describe.each(DIALECTS)(`SMART RS-232 dialect %s over ${transport}`, (name) => {
    const dialect = SMART_DIALECTS[name];
    const refused = dialect.powerStates.filter((s) => !dialect.serving.includes(s));
    const wakeable = refused.filter((s) => !UPDATE_STATES.includes(s));
    const cleanups: Array<() => Promise<void>> = [];

    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });

    async function display(options: Partial<DisplayResponderOptions> = {}): Promise<SimulatedDisplay> {
      const simulated = await create({ ...MX_DISPLAY, dialect: name, ...options });
      cleanups.push(() => simulated.close());
      return simulated;
    }

    async function connect(
      simulated: SimulatedDisplay,
      times: { timeoutMs?: number; wakeTimeoutMs?: number } = {},
    ): Promise<SmartDisplayControl> {
      const control = await openSmartDisplay({
        ...simulated.target,
        timeoutMs: times.timeoutMs ?? LONG_MS,
        promptTimeoutMs: LONG_MS,
        wakeTimeoutMs: times.wakeTimeoutMs ?? LONG_MS,
        wakePollMs: 1,
      });
      cleanups.push(() => control.close());
      return control;
    }

    /** Everything the display sends from now on, as latin1 text. */
    function record(simulated: SimulatedDisplay): () => string {
      const chunks: Buffer[] = [];
      simulated.responder.onOutput((chunk) => chunks.push(chunk));
      return () => Buffer.concat(chunks).toString('latin1');
    }

    /** Every command line the display receives from now on. */
    function commands(simulated: SimulatedDisplay): string[] {
      const lines: string[] = [];
      simulated.responder.onCommand((line) => lines.push(line));
      return lines;
    }

    it.each(dialect.serving)('reads the whole identity in %s, power-on noise first', async (powerState) => {
      const simulated = await display({ powerState, powerOnGarbage: '\u0000\u00ffDIAG 0x1F>>scaler\r\n' });
      const control = await connect(simulated);
      expect(await control.readInfo()).toEqual({
        serialNumber: MX_DISPLAY.serialNumber,
        modelNumber: MX_DISPLAY.modelNumber,
        firmwareVersion: MX_DISPLAY.firmwareVersion,
        partNumber: MX_DISPLAY.partNumber,
        powerState,
      });
    });

    it('frames replies as the reference shows, and the host reads them', async () => {
      const simulated = await display();
      const control = await connect(simulated);
      const sent = record(simulated);
      expect(await control.get('serialnum')).toBe(MX_DISPLAY.serialNumber);
      const framed = `serialnum=${MX_DISPLAY.serialNumber}\r\n>`;
      expect(sent()).toBe(name === 'mx-v1' ? framed : `\r\n${framed}`);
    });

    it('answers an unknown command in its own invalid-cmd form: invalid-command, and the host carries on', async () => {
      const simulated = await display({ unsupportedFields: ['partnum'] });
      const control = await connect(simulated);
      const sent = record(simulated);
      expect((await failureOf(control.get('partnum'))).code).toBe('invalid-command');
      expect(sent()).toContain(
        name === 'mx-v1' ? 'invalid cmd=get partnum\r\n' : 'invalid cmd: getpartnum\r\n',
      );
      expect(await control.get('serialnum')).toBe(MX_DISPLAY.serialNumber);
      expect((await control.readInfo()).partNumber).toBeNull();
    });

    describe.each(['invalid-cmd', 'silent'] as const)('identity commands refused (%s)', (refusal) => {
      it.each(refused)('in %s readInfo rejects with display-not-ready and the power state', async (state) => {
        const simulated = await display({ powerState: state, refusal });
        const control = await connect(simulated, { timeoutMs: refusal === 'silent' ? SHORT_MS : LONG_MS });
        expect(await failureOf(control.readInfo())).toEqual({ code: 'display-not-ready', powerState: state });
        // get/set powerstate are still answered in that state.
        expect(await control.get('powerstate')).toBe(state);
      });
    });

    it.each(refused)('a refused get in %s is invalid-command, never malformed-reply', async (state) => {
      const control = await connect(await display({ powerState: state }));
      expect((await failureOf(control.get('serialnum'))).code).toBe('invalid-command');
    });

    it.each(wakeable)('wakes from %s with set powerstate=on, then reads the identity', async (state) => {
      const simulated = await display({ powerState: state });
      const control = await connect(simulated);
      const received = commands(simulated);
      expect(await control.wake()).toBe('on');
      expect(received.map((c) => c.replace(/\s+/g, '').toLowerCase())).toContain('setpowerstate=on');
      expect(simulated.responder.powerState).toBe('on');
      expect((await control.readInfo()).serialNumber).toBe(MX_DISPLAY.serialNumber);
    });

    it('waits for a display that takes a while to come on', async () => {
      const [state] = wakeable;
      if (state === undefined) throw new Error('no wakeable state');
      const simulated = await display({ powerState: state, powerTransitionReads: 3 });
      const control = await connect(simulated);
      const received = commands(simulated);
      expect(await control.wake()).toBe('on');
      expect(received.filter((c) => c === 'get powerstate').length).toBeGreaterThanOrEqual(4);
    });

    it('gives up with display-not-ready when the display does not come on in time', async () => {
      const [state] = wakeable;
      if (state === undefined) throw new Error('no wakeable state');
      const simulated = await display({ powerState: state, powerTransitionReads: 1_000 });
      const control = await connect(simulated, { wakeTimeoutMs: 5 });
      expect(await failureOf(control.wake())).toEqual({ code: 'display-not-ready', powerState: state });
    });

    it.each(UPDATE_STATES)('never touches a display in %s (firmware update)', async (state) => {
      const simulated = await display({ powerState: state });
      const control = await connect(simulated);
      const received = commands(simulated);
      expect(await failureOf(control.wake())).toEqual({ code: 'display-not-ready', powerState: state });
      expect(received.some((c) => c.toLowerCase().startsWith('set'))).toBe(false);
      expect(simulated.responder.powerState).toBe(state);
    });

    it('wake on a display already on changes nothing', async () => {
      const simulated = await display({ powerState: 'on' });
      const control = await connect(simulated);
      const received = commands(simulated);
      expect(await control.wake()).toBe('on');
      expect(received).toEqual(['get powerstate']);
    });
  });
}
