// DmError: stable fields, guards, and a server message made safe to show.

import { describe, expect, it } from 'vitest';
import { sanitizeServerMessage } from '../../../agent/dm-client/errors.ts';
import { DmError, isDmError } from '../../../agent/dm-client/index.ts';

describe('DmError', () => {
  it('carries its details, null when absent, and serialises them', () => {
    const error = new DmError('too-many-requests', 'slow down', {
      requestType: 'policy',
      httpStatus: 429,
      dmStatus: 'DM_STATUS_SERVICE_TOO_MANY_REQUESTS',
      retryAfterMs: 5000,
      serverMessage: 'busy',
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('DmError');
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'DmError',
      code: 'too-many-requests',
      message: 'slow down',
      requestType: 'policy',
      httpStatus: 429,
      dmStatus: 'DM_STATUS_SERVICE_TOO_MANY_REQUESTS',
      retryAfterMs: 5000,
      serverMessage: 'busy',
      causeCode: null,
    });
    const bare = new DmError('network', 'down');
    expect([bare.httpStatus, bare.dmStatus, bare.retryAfterMs, bare.serverMessage]).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });

  it('isDmError checks the class and, when asked, the code', () => {
    const error = new DmError('device-not-found', 'x');
    expect(isDmError(error)).toBe(true);
    expect(isDmError(error, 'device-not-found')).toBe(true);
    expect(isDmError(error, 'missing-licenses')).toBe(false);
    expect(isDmError({ code: 'device-not-found', name: 'DmError' })).toBe(false);
  });
});

describe('sanitizeServerMessage', () => {
  it('removes control characters and caps the length', () => {
    expect(sanitizeServerMessage('no\u001b[31m licence\r\nleft\u0000')).toBe('no [31m licence left');
    expect(sanitizeServerMessage('x'.repeat(10_000))?.length).toBeLessThanOrEqual(501);
  });

  it.each([undefined, null, 42, {}, '', '   '])('%j → null', (value) => {
    expect(sanitizeServerMessage(value)).toBeNull();
  });
});
