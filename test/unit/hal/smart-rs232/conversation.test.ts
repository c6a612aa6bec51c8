import { describe, expect, it } from 'vitest';
import { type ByteChannel, SmartConversation } from '../../../../hal/backends/smart-rs232/conversation.ts';
import { SmartDisplayError } from '../../../../hal/backends/smart-rs232/errors.ts';
import { SmartRs232Display } from '../../../../hal/backends/smart-rs232/index.ts';
import type { SmartErrorCode } from '../../../../hal/interface.ts';
import { ManualTimers } from './manual-timers.ts';

/** A channel the test plays the display on: it sees every write and answers by hand. */
class ScriptedChannel implements ByteChannel {
  readonly written: string[] = [];
  closed = false;
  failWrites = false;
  private waiters: Array<() => void> = [];

  async write(data: Buffer): Promise<void> {
    if (this.failWrites) throw new Error('EIO');
    this.written.push(data.toString('latin1'));
    for (const wake of this.waiters.splice(0)) wake();
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** Resolves once `count` writes have been made in total. */
  async writes(count: number): Promise<string[]> {
    while (this.written.length < count) await new Promise<void>((resolve) => this.waiters.push(resolve));
    return this.written;
  }
}

function setup(): { channel: ScriptedChannel; timers: ManualTimers; conversation: SmartConversation } {
  const channel = new ScriptedChannel();
  const timers = new ManualTimers();
  const conversation = new SmartConversation(channel, { timeoutMs: 100, promptTimeoutMs: 200, timers });
  return { channel, timers, conversation };
}

async function opened(): Promise<ReturnType<typeof setup>> {
  const s = setup();
  const handshake = s.conversation.handshake();
  await s.channel.writes(1);
  s.conversation.receive(Buffer.from('>'));
  await handshake;
  return s;
}

async function codeOf(promise: Promise<unknown>): Promise<SmartErrorCode | 'resolved'> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    expect(error).toBeInstanceOf(SmartDisplayError);
    return (error as SmartDisplayError).code;
  }
}

/** Lets every pending promise callback run (a macrotask turn, not a sleep). */
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const display = (text: string): Buffer => Buffer.from(text, 'latin1');

describe('SmartConversation', () => {
  it('opens with a bare CR and ends in CR only', async () => {
    const { channel, conversation } = await opened();
    const reply = conversation.command('get serialnum');
    expect(await channel.writes(2)).toEqual(['\r', 'get serialnum\r']);
    conversation.receive(display('serialnum=A1\r\n>'));
    expect(await reply).toBe('serialnum=A1');
  });

  it('answers only after the prompt, not on the reply line alone', async () => {
    const { channel, conversation } = await opened();
    let done = false;
    const reply = conversation.command('get modelnum').then((value) => {
      done = true;
      return value;
    });
    await channel.writes(2);
    conversation.receive(display('modelnum=sbid-mx065-v2\r\n'));
    await flush();
    expect(done).toBe(false);
    conversation.receive(display('>'));
    expect(await reply).toBe('modelnum=sbid-mx065-v2');
  });

  it('sends the next command only after the prompt of the previous one', async () => {
    const { channel, conversation } = await opened();
    const first = conversation.command('get serialnum');
    const second = conversation.command('get modelnum');
    await channel.writes(2);
    await flush();
    expect(channel.written).toHaveLength(2);
    conversation.receive(display('serialnum=A1\r\n>'));
    expect(await first).toBe('serialnum=A1');
    expect((await channel.writes(3))[2]).toBe('get modelnum\r');
    conversation.receive(display('modelnum=M\r\n>'));
    expect(await second).toBe('modelnum=M');
  });

  it('ignores the echo of the command and blank lines', async () => {
    const { channel, conversation } = await opened();
    const reply = conversation.command('get serialnum');
    await channel.writes(2);
    conversation.receive(display('GET SERIALNUM\r\n\r\nserialnum=A1\r\n>'));
    expect(await reply).toBe('serialnum=A1');
  });

  it('fails with no-prompt when the handshake gets no >', async () => {
    const { channel, timers, conversation } = setup();
    const handshake = codeOf(conversation.handshake());
    await channel.writes(1);
    conversation.receive(display('garbage without a prompt\r\n'));
    timers.advance(199);
    timers.advance(1);
    expect(await handshake).toBe('no-prompt');
  });

  it('times out, then resynchronises with a bare CR and ignores the late reply and stray prompt', async () => {
    const { channel, timers, conversation } = await opened();
    const late = codeOf(conversation.command('get serialnum'));
    await channel.writes(2);
    timers.advance(100);
    expect(await late).toBe('timeout');

    const next = conversation.command('get modelnum');
    expect((await channel.writes(3))[2]).toBe('\r'); // resync first
    conversation.receive(display('serialnum=LATE\r\n>')); // the late answer; its > ends the resync
    expect((await channel.writes(4))[3]).toBe('get modelnum\r');
    conversation.receive(display('>')); // the resync CR's own prompt arrives late: stray, ignored
    conversation.receive(display('modelnum=M\r\n>'));
    expect(await next).toBe('modelnum=M');
  });

  it('reports invalid cmd= as invalid-command', async () => {
    const { channel, conversation } = await opened();
    const reply = codeOf(conversation.command('get partnum'));
    await channel.writes(2);
    conversation.receive(display('invalid cmd=get partnum\r\n>'));
    expect(await reply).toBe('invalid-command');
  });

  it('reports a truncated reply as malformed-reply', async () => {
    const channel = new ScriptedChannel();
    const conversation = new SmartConversation(channel, {
      timeoutMs: 100,
      promptTimeoutMs: 100,
      maxLineLength: 16,
      timers: new ManualTimers(),
    });
    const handshake = conversation.handshake();
    await channel.writes(1);
    conversation.receive(display('>'));
    await handshake;
    const reply = codeOf(conversation.command('get serialnum'));
    await channel.writes(2);
    conversation.receive(display(`serialnum=${'9'.repeat(100)}\r\n>`));
    expect(await reply).toBe('malformed-reply');
  });

  it('delivers # lines to listeners, survives a throwing listener, and stops after unsubscribe', async () => {
    const { channel, conversation } = await opened();
    const seen: string[] = [];
    conversation.onAsyncMessage(() => {
      throw new Error('listener bug');
    });
    const stop = conversation.onAsyncMessage((line) => seen.push(line));
    const reply = conversation.command('get serialnum');
    await channel.writes(2);
    conversation.receive(display('#serialnum=ASYNC\r\nserialnum=A1\r\n#touch=1\r\n>'));
    expect(await reply).toBe('serialnum=A1');
    expect(seen).toEqual(['#serialnum=ASYNC', '#touch=1']);
    stop();
    conversation.receive(display('#later\r\n'));
    expect(seen).toHaveLength(2);
  });

  it('rejects the command in flight and every later one when the channel goes away', async () => {
    const { channel, conversation } = await opened();
    const inFlight = codeOf(conversation.command('get serialnum'));
    const queued = codeOf(conversation.command('get modelnum'));
    await channel.writes(2);
    conversation.channelClosed(new SmartDisplayError('disconnected', 'unplugged'));
    expect(await inFlight).toBe('disconnected');
    expect(await queued).toBe('disconnected');
    expect(await codeOf(conversation.command('get fwversion'))).toBe('disconnected');
  });

  it('turns a failed write into disconnected', async () => {
    const { channel, conversation } = await opened();
    channel.failWrites = true;
    expect(await codeOf(conversation.command('get serialnum'))).toBe('disconnected');
  });

  it('close rejects queued commands, closes the channel once and leaves no timer behind', async () => {
    const { channel, timers, conversation } = await opened();
    const inFlight = codeOf(conversation.command('get serialnum'));
    await channel.writes(2);
    await Promise.all([conversation.close(), conversation.close()]);
    expect(await inFlight).toBe('disconnected');
    expect(channel.closed).toBe(true);
    expect(timers.pending).toBe(0);
  });
});

describe('SmartRs232Display.get', () => {
  async function answer(reply: string): Promise<string> {
    const { channel, conversation } = await opened();
    const control = new SmartRs232Display('/dev/null', conversation);
    const value = control.get('serialnum');
    await channel.writes(2);
    conversation.receive(display(`${reply}\r\n>`));
    return value;
  }

  it('returns the value after <field>=, trimmed, whatever the case of the field', async () => {
    expect(await answer('SerialNum= SBID-1 ')).toBe('SBID-1');
  });

  it.each(['modelnum=sbid-mx065', 'E7', '=x', 'serialnum'])(
    'rejects %j as malformed-reply',
    async (reply) => {
      expect(await codeOf(answer(reply))).toBe('malformed-reply');
    },
  );
});
