import { describe, expect, it } from 'vitest';
import {
  createDisplayResponder,
  type DisplayResponderOptions,
} from '../../../simulator/smart-display/responder.ts';

const MX: DisplayResponderOptions = {
  serialNumber: 'SN-1',
  modelNumber: 'sbid-mx065-v2',
  firmwareVersion: '3.12',
  partNumber: 'P-9',
  powerState: 'on',
};

/** Feeds `input` (split into the given chunks) and returns everything the display sent back. */
function converse(options: Partial<DisplayResponderOptions>, ...chunks: string[]): string {
  const responder = createDisplayResponder({ ...MX, ...options });
  const out: Buffer[] = [];
  responder.onOutput((chunk) => out.push(chunk));
  for (const chunk of chunks) responder.feed(Buffer.from(chunk, 'latin1'));
  return Buffer.concat(out).toString('latin1');
}

describe('DisplayResponder', () => {
  it('answers a bare CR with the prompt', () => {
    expect(converse({}, '\r')).toBe('>');
  });

  it.each([
    ['serialnum', 'SN-1'],
    ['modelnum', 'sbid-mx065-v2'],
    ['fwversion', '3.12'],
    ['partnum', 'P-9'],
    ['powerstate', 'on'],
  ])('answers get %s', (field, value) => {
    expect(converse({}, `get ${field}\r`)).toBe(`${field}=${value}\r\n>`);
  });

  it('is case-insensitive and tolerates extra spaces and a trailing LF', () => {
    expect(converse({}, '  GET   SerialNum \r\n')).toBe('serialnum=SN-1\r\n>');
  });

  it('assembles a command split across chunks', () => {
    expect(converse({}, 'get se', 'rialn', 'um', '\r')).toBe('serialnum=SN-1\r\n>');
  });

  it.each(['set volume 5', 'get', 'get serialnum now', 'get colour'])(
    'answers %j with invalid cmd=<echo>',
    (cmd) => {
      expect(converse({}, `${cmd}\r`)).toBe(`invalid cmd=${cmd}\r\n>`);
    },
  );

  it('refuses fields the firmware does not support', () => {
    expect(converse({ unsupportedFields: ['partnum'] }, 'get partnum\r')).toBe(
      'invalid cmd=get partnum\r\n>',
    );
  });

  it('can end lines with LF only and answer in upper case', () => {
    expect(converse({ lineEnding: '\n', upperCaseReplies: true }, 'get modelnum\r')).toBe(
      'MODELNUM=sbid-mx065-v2\n>',
    );
  });

  it('emits power-on garbage once, before the first answer', () => {
    expect(converse({ powerOnGarbage: 'BOOT\x00\xff' }, '\r', '\r')).toBe('BOOT\x00\xff>>');
  });

  it('says nothing at all in soft-off, and garbage comes again when it wakes', () => {
    const responder = createDisplayResponder({ ...MX, softOff: true, powerOnGarbage: 'G' });
    const out: string[] = [];
    const commands: string[] = [];
    responder.onOutput((chunk) => out.push(chunk.toString('latin1')));
    responder.onCommand((line) => commands.push(line));
    responder.feed(Buffer.from('\rget serialnum\r'));
    responder.emitAsync('#x');
    expect(out).toEqual([]);
    expect(commands).toEqual(['', 'get serialnum']);
    responder.setSoftOff(false);
    responder.feed(Buffer.from('\r'));
    expect(out.join('')).toBe('G>');
  });

  it('puts configured async messages ahead of the first reply only', () => {
    expect(
      converse({ asyncMessages: ['input=hdmi1', '#temp=41'] }, 'get serialnum\r', 'get modelnum\r'),
    ).toBe('#input=hdmi1\r\n#temp=41\r\nserialnum=SN-1\r\n>modelnum=sbid-mx065-v2\r\n>');
  });

  it('sends a reply override verbatim', () => {
    expect(converse({ replyOverrides: { serialnum: 'E7' } }, 'get serialnum\r')).toBe('E7\r\n>');
  });

  it('caps the command buffer', () => {
    const reply = converse({ maxCommandLength: 8 }, `${'x'.repeat(1000)}\r`);
    expect(reply).toBe(`invalid cmd=${'x'.repeat(8)}\r\n>`);
  });
});
