import { describe, expect, it } from 'vitest';
import { describeValidation, jsonPointerToPath } from '../../../server-stub/http/validation-message.ts';

describe('validation messages', () => {
  it('turns JSON pointers into field paths', () => {
    expect(jsonPointerToPath('')).toBe('');
    expect(jsonPointerToPath('/devices/2/model')).toBe('.devices[2].model');
    expect(jsonPointerToPath('/a~1b/c d')).toBe('["a/b"]["c d"]');
  });

  it('names the missing, extra or wrong field', () => {
    expect(
      describeValidation('body', [
        { keyword: 'required', instancePath: '/devices/0', params: { missingProperty: 'model' } },
      ]),
    ).toBe('body.devices[0].model is required');
    expect(
      describeValidation('body', [
        { keyword: 'additionalProperties', instancePath: '', params: { additionalProperty: 'x' } },
      ]),
    ).toBe('body.x is not allowed');
    expect(
      describeValidation('querystring', [
        { keyword: 'enum', instancePath: '/status', params: { allowedValues: ['A', 'B'] } },
      ]),
    ).toBe('querystring.status must be one of ["A","B"]');
    expect(
      describeValidation('body', [
        { keyword: 'type', instancePath: '/n', params: {}, message: 'must be integer' },
      ]),
    ).toBe('body.n must be integer');
    expect(describeValidation(undefined, [])).toBe('request is invalid');
  });
});
