// What the simulated display sends, byte for byte, in each family's dialect (dialects.ts).

import { describe, expect, it } from 'vitest';
import {
  createDisplayResponder,
  type DisplayResponderOptions,
} from '../../../simulator/smart-display/responder.ts';

const V3: DisplayResponderOptions = {
  serialNumber: 'SN-3',
  modelNumber: 'sbid-mx065-v3',
  firmwareVersion: '3.14',
  partNumber: 'P-3',
  powerState: 'on',
  dialect: 'v2-v3',
};

function conversation(options: Partial<DisplayResponderOptions>) {
  const responder = createDisplayResponder({ ...V3, ...options });
  let out = '';
  responder.onOutput((chunk) => {
    out += chunk.toString('latin1');
  });
  return {
    responder,
    /** Sends one line (CR added) and returns what the display answered to it. */
    say(line: string): string {
      out = '';
      responder.feed(Buffer.from(`${line}\r`, 'latin1'));
      return out;
    },
  };
}

describe('V2/V3 dialect (MX V2/V2-C/V3, 6000S V3)', () => {
  it('frames replies with CRLF before and after, the prompt after', () => {
    expect(conversation({}).say('get serialnum')).toBe('\r\nserialnum=SN-3\r\n>');
  });

  it('answers a bare CR with the prompt alone', () => {
    expect(conversation({}).say('')).toBe('>');
  });

  it('answers an unknown command `invalid cmd: <echo without spaces>`', () => {
    expect(conversation({}).say('set volume=-50')).toBe('\r\ninvalid cmd: setvolume=-50\r\n>');
  });

  it.each(['standby', 'powersave', 'updateon', 'updateready'])(
    'in %s answers get powerstate but refuses identity commands',
    (state) => {
      const display = conversation({ powerState: state });
      expect(display.say('get powerstate')).toBe(`\r\npowerstate=${state}\r\n>`);
      expect(display.say('get serialnum')).toBe('\r\ninvalid cmd: getserialnum\r\n>');
    },
  );

  it('says nothing to a refused command when told to refuse silently, but still gives the prompt to CR', () => {
    const display = conversation({ powerState: 'standby', refusal: 'silent' });
    expect(display.say('get serialnum')).toBe('');
    expect(display.say('')).toBe('>');
  });

  it('set powerstate=on brings standby to ON; spacing does not matter', () => {
    const display = conversation({ powerState: 'standby' });
    expect(display.say('SET POWERSTATE = ON')).toBe('\r\npowerstate=on\r\n>');
    expect(display.responder.powerState).toBe('on');
    expect(display.say('get serialnum')).toBe('\r\nserialnum=SN-3\r\n>');
  });

  it('keeps reporting the old state for the configured number of reads after set', () => {
    const display = conversation({ powerState: 'powersave', powerTransitionReads: 2 });
    display.say('set powerstate=on');
    expect(display.say('get powerstate')).toContain('powerstate=powersave');
    expect(display.say('get powerstate')).toContain('powerstate=powersave');
    expect(display.say('get powerstate')).toContain('powerstate=on');
  });

  it('does not change state during a firmware update', () => {
    const display = conversation({ powerState: 'updateon' });
    expect(display.say('set powerstate=on')).toBe('\r\npowerstate=updateon\r\n>');
    expect(display.responder.powerState).toBe('updateon');
  });

  it('frames async lines too', () => {
    const display = conversation({});
    let out = '';
    display.responder.onOutput((chunk) => {
      out += chunk.toString('latin1');
    });
    display.responder.emitAsync('powerstate=ready');
    expect(out).toBe('\r\n#powerstate=ready\r\n');
  });
});

describe('MX (V1) dialect', () => {
  const V1: Partial<DisplayResponderOptions> = { dialect: 'mx-v1' };

  it('does not frame replies and echoes the line as sent after `invalid cmd=`', () => {
    const display = conversation(V1);
    expect(display.say('get serialnum')).toBe('serialnum=SN-3\r\n>');
    expect(display.say('set vol ume=65')).toBe('invalid cmd=set vol ume=65\r\n>');
  });

  it('answers identity commands in ON only', () => {
    const display = conversation({ ...V1, powerState: 'ready' });
    expect(display.say('get powerstate')).toBe('powerstate=ready\r\n>');
    expect(display.say('get serialnum')).toBe('invalid cmd=get serialnum\r\n>');
    display.say('set powerstate=on');
    expect(display.say('get serialnum')).toBe('serialnum=SN-3\r\n>');
  });

  it('has no standby or powersave to set', () => {
    const display = conversation(V1);
    expect(display.say('set powerstate=standby')).toBe('invalid cmd=set powerstate=standby\r\n>');
    expect(display.responder.powerState).toBe('on');
  });
});
