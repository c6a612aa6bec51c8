// The host side of SMART's RS-232 dialects on a clock the test drives: both `invalid cmd` forms, CRLF
// framing, `display-not-ready` for refused and unanswered identity commands, and `wake()`'s polling
// and time-out. The display is the simulator's responder, wired straight to the conversation.

import { describe, expect, it } from 'vitest';
import { type ByteChannel, SmartConversation } from '../../../../hal/backends/smart-rs232/conversation.ts';
import { SmartDisplayError } from '../../../../hal/backends/smart-rs232/errors.ts';
import {
  DEFAULT_WAKE_POLL_MS,
  DEFAULT_WAKE_TIMEOUT_MS,
  SmartRs232Display,
} from '../../../../hal/backends/smart-rs232/index.ts';
import {
  createDisplayResponder,
  type DisplayResponder,
  type DisplayResponderOptions,
} from '../../../../simulator/smart-display/responder.ts';
import { ManualTimers } from './manual-timers.ts';

const DISPLAY: DisplayResponderOptions = {
  serialNumber: 'SBMX3ABCDEF1234',
  modelNumber: 'sbid-mx065-v3',
  firmwareVersion: '3.14.2',
  partNumber: '1032876',
  powerState: 'on',
  dialect: 'v2-v3',
};

/** Bytes from the host go to the responder; its bytes come back on the next microtask. */
class ResponderChannel implements ByteChannel {
  readonly written: string[] = [];
  conversation: SmartConversation | null = null;

  constructor(readonly responder: DisplayResponder) {
    responder.onOutput((chunk) => queueMicrotask(() => this.conversation?.receive(chunk)));
  }

  async write(data: Buffer): Promise<void> {
    this.written.push(data.toString('latin1'));
    this.responder.feed(data);
  }

  async close(): Promise<void> {}
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

interface Rig {
  timers: ManualTimers;
  responder: DisplayResponder;
  channel: ResponderChannel;
  display: SmartRs232Display;
}

async function rig(options: Partial<DisplayResponderOptions> = {}): Promise<Rig> {
  const timers = new ManualTimers();
  const responder = createDisplayResponder({ ...DISPLAY, ...options });
  const channel = new ResponderChannel(responder);
  const conversation = new SmartConversation(channel, { timeoutMs: 2000, promptTimeoutMs: 3000, timers });
  channel.conversation = conversation;
  await conversation.handshake();
  return {
    timers,
    responder,
    channel,
    display: new SmartRs232Display('/dev/test', conversation, { timers }),
  };
}

/** Runs `promise` to its end, advancing the clock by `stepMs` whenever nothing else can happen. */
async function drive<T>(
  timers: ManualTimers,
  promise: Promise<T>,
  stepMs: number,
): Promise<{ value?: T; error?: SmartDisplayError; elapsedMs: number }> {
  let outcome: { value?: T; error?: SmartDisplayError } | null = null;
  promise.then(
    (value) => {
      outcome = { value };
    },
    (error: SmartDisplayError) => {
      outcome = { error };
    },
  );
  let elapsedMs = 0;
  for (;;) {
    await flush();
    if (outcome !== null) return { ...(outcome as object), elapsedMs };
    if (elapsedMs > 10 * DEFAULT_WAKE_TIMEOUT_MS) throw new Error('never settled');
    timers.advance(stepMs);
    elapsedMs += stepMs;
  }
}

describe('SMART RS-232 dialects, host side', () => {
  it('reads CRLF-framed replies of the V2/V3 dialect', async () => {
    const { display, timers } = await rig();
    const { value } = await drive(timers, display.readInfo(), 100);
    expect(value).toEqual({
      serialNumber: DISPLAY.serialNumber,
      modelNumber: DISPLAY.modelNumber,
      firmwareVersion: DISPLAY.firmwareVersion,
      partNumber: DISPLAY.partNumber,
      powerState: 'on',
    });
  });

  it.each([
    ['invalid cmd: getserialnum', 'colon form, V2/V3'],
    ['invalid cmd=get serialnum', 'equals form, V1'],
    ['INVALID CMD:get serialnum', 'any case'],
  ])('%j (%s) is invalid-command', async (line) => {
    const { display, channel, timers } = await rig({ replyOverrides: { serialnum: line } });
    const { error } = await drive(timers, display.get('serialnum'), 100);
    expect(error?.code).toBe('invalid-command');
    expect(channel.written.at(-1)).toBe('get serialnum\r');
  });

  it.each(['standby', 'powersave', 'updateon', 'updateready'])(
    'readInfo in %s is display-not-ready with that state, at once',
    async (powerState) => {
      const { display, timers } = await rig({ powerState });
      const { error, elapsedMs } = await drive(timers, display.readInfo(), 100);
      expect(error).toBeInstanceOf(SmartDisplayError);
      expect({ code: error?.code, powerState: error?.powerState }).toEqual({
        code: 'display-not-ready',
        powerState,
      });
      expect(elapsedMs).toBe(0);
    },
  );

  it('MX (V1) in READY that never answers identity commands: display-not-ready after one time-out', async () => {
    const { display, timers } = await rig({ dialect: 'mx-v1', powerState: 'ready', refusal: 'silent' });
    const { error, elapsedMs } = await drive(timers, display.readInfo(), 100);
    expect({ code: error?.code, powerState: error?.powerState }).toEqual({
      code: 'display-not-ready',
      powerState: 'ready',
    });
    expect(elapsedMs).toBe(2000);
  });

  it('a silent display in ON is a time-out, not display-not-ready', async () => {
    const { display, responder, timers } = await rig();
    responder.setSoftOff(true);
    const { error } = await drive(timers, display.readInfo(), 100);
    expect(error?.code).toBe('timeout');
  });

  it('wake polls once a second until the display reports ON', async () => {
    const { display, responder, channel, timers } = await rig({
      powerState: 'standby',
      powerTransitionReads: 4,
    });
    const { value, elapsedMs } = await drive(timers, display.wake(), 100);
    expect(value).toBe('on');
    expect(elapsedMs).toBe(4 * DEFAULT_WAKE_POLL_MS);
    expect(responder.powerState).toBe('on');
    expect(channel.written.filter((w) => w === 'set powerstate=on\r')).toHaveLength(1);
  });

  it('wake gives up after its time-out with the last state the display reported', async () => {
    const { display, timers } = await rig({ powerState: 'powersave', powerTransitionReads: 1_000 });
    const { error, elapsedMs } = await drive(timers, display.wake(), 100);
    expect({ code: error?.code, powerState: error?.powerState }).toEqual({
      code: 'display-not-ready',
      powerState: 'powersave',
    });
    expect(elapsedMs).toBe(DEFAULT_WAKE_TIMEOUT_MS);
  });

  it('wake retries `set powerstate = on` with spaces when the first form is refused (MX V1 tip)', async () => {
    const { display, channel, timers } = await rig({ dialect: 'mx-v1', powerState: 'ready' });
    // This firmware only knows the spaced form: refuse the first `set` once.
    const original = channel.responder.feed.bind(channel.responder);
    let refusedOnce = false;
    channel.responder.feed = (chunk: Buffer) => {
      if (!refusedOnce && chunk.toString('latin1') === 'set powerstate=on\r') {
        refusedOnce = true;
        queueMicrotask(() =>
          channel.conversation?.receive(Buffer.from('invalid cmd=set powerstate=on\r\n>')),
        );
        return;
      }
      original(chunk);
    };
    const { value } = await drive(timers, display.wake(), 100);
    expect(value).toBe('on');
    expect(channel.written).toContain('set powerstate = on\r');
  });
});
