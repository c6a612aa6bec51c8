// Every HTTP status of DESIGN §5 → its DmError code, DM status and class; transport codes too.

import { describe, expect, it } from 'vitest';
import {
  classifyDmError,
  DM_ERROR_CLASS,
  DM_ERROR_CODES,
  DmError,
  type DmErrorClass,
  type DmErrorCode,
  dmErrorCodeForHttp,
  isRetryable,
  isTerminalForZte,
} from '../../../agent/dm-client/index.ts';

const TABLE: ReadonlyArray<[number, string, DmErrorCode, DmErrorClass]> = [
  [400, 'DM_STATUS_REQUEST_INVALID', 'request-invalid', 'actionable'],
  [401, 'DM_STATUS_SERVICE_MANAGEMENT_TOKEN_INVALID', 'token-invalid', 'actionable'],
  [402, 'DM_STATUS_SERVICE_MISSING_LICENSES', 'missing-licenses', 'actionable'],
  [403, 'DM_STATUS_SERVICE_MANAGEMENT_NOT_SUPPORTED', 'management-not-supported', 'actionable'],
  // Chromium: a 404 means the URL is not (yet) a DM server's: temporarily unavailable, retried.
  [404, 'DM_STATUS_TEMPORARY_UNAVAILABLE', 'temporarily-unavailable', 'retryable'],
  [405, 'DM_STATUS_SERVICE_INVALID_SERIAL_NUMBER', 'invalid-serial-number', 'actionable'],
  [406, 'DM_STATUS_SERVICE_DOMAIN_MISMATCH', 'domain-mismatch', 'actionable'],
  [409, 'DM_STATUS_SERVICE_DEVICE_ID_CONFLICT', 'device-id-conflict', 'actionable'],
  [410, 'DM_STATUS_SERVICE_DEVICE_NOT_FOUND', 'device-not-found', 'terminal-for-zte'],
  [412, 'DM_STATUS_SERVICE_ACTIVATION_PENDING', 'activation-pending', 'actionable'],
  [413, 'DM_STATUS_REQUEST_TOO_LARGE', 'request-too-large', 'actionable'],
  [
    417,
    'DM_STATUS_SERVICE_CONSUMER_ACCOUNT_WITH_PACKAGED_LICENSE',
    'consumer-account-with-packaged-license',
    'actionable',
  ],
  [
    418,
    'DM_STATUS_SERVICE_INVALID_PACKAGED_DEVICE_FOR_KIOSK',
    'invalid-packaged-device-for-kiosk',
    'actionable',
  ],
  [429, 'DM_STATUS_SERVICE_TOO_MANY_REQUESTS', 'too-many-requests', 'retryable'],
  [500, 'DM_STATUS_TEMPORARY_UNAVAILABLE', 'temporarily-unavailable', 'retryable'],
  [502, 'DM_STATUS_TEMPORARY_UNAVAILABLE', 'temporarily-unavailable', 'retryable'],
  [503, 'DM_STATUS_TEMPORARY_UNAVAILABLE', 'temporarily-unavailable', 'retryable'],
  [504, 'DM_STATUS_TEMPORARY_UNAVAILABLE', 'temporarily-unavailable', 'retryable'],
  [599, 'DM_STATUS_TEMPORARY_UNAVAILABLE', 'temporarily-unavailable', 'retryable'],
  [902, 'DM_STATUS_SERVICE_POLICY_NOT_FOUND', 'policy-not-found', 'actionable'],
  [903, 'DM_STATUS_SERVICE_DEPROVISIONED', 'deprovisioned', 'actionable'],
  [904, 'DM_STATUS_SERVICE_ARC_DISABLED', 'arc-disabled', 'actionable'],
  [
    905,
    'DM_STATUS_SERVICE_ENTERPRISE_ACCOUNT_IS_NOT_ELIGIBLE_TO_ENROLL',
    'enterprise-account-not-eligible',
    'actionable',
  ],
  [
    906,
    'DM_STATUS_SERVICE_ENTERPRISE_TOS_HAS_NOT_BEEN_ACCEPTED',
    'terms-of-service-not-accepted',
    'actionable',
  ],
  [
    907,
    'DM_STATUS_SERVICE_ILLEGAL_ACCOUNT_FOR_PACKAGED_EDU_LICENSE',
    'illegal-account-for-packaged-edu-license',
    'actionable',
  ],
];

describe('HTTP status → code → class (DESIGN §5, §6)', () => {
  it.each(TABLE)('%i → %s → %s → %s', (http, dmStatus, code, cls) => {
    expect(dmErrorCodeForHttp(http)).toEqual({ code, dmStatus });
    const error = new DmError(code, 'whatever', { httpStatus: http });
    expect(classifyDmError(error)).toBe(cls);
    expect(isRetryable(error)).toBe(cls === 'retryable');
    expect(isTerminalForZte(error)).toBe(cls === 'terminal-for-zte');
  });

  it.each([302, 304, 407, 422, 600, 901, 908, 999])(
    '%i is off the table: http-status-error, actionable',
    (http) => {
      expect(dmErrorCodeForHttp(http)).toEqual({ code: 'http-status-error', dmStatus: null });
      expect(classifyDmError(new DmError('http-status-error', 'x', { httpStatus: http }))).toBe('actionable');
    },
  );
});

describe('transport codes', () => {
  it.each([
    ['network', 'retryable'],
    ['timeout', 'retryable'],
    ['invalid-response', 'retryable'],
    ['response-too-large', 'retryable'],
    ['aborted', 'retryable'],
    ['policy-invalid', 'actionable'],
  ] as const)('%s is %s', (code, cls) => {
    expect(classifyDmError(new DmError(code, 'x'))).toBe(cls);
  });

  it('every code has a class, and the code list has no duplicates', () => {
    expect(new Set(DM_ERROR_CODES).size).toBe(DM_ERROR_CODES.length);
    expect(Object.keys(DM_ERROR_CLASS).sort()).toEqual([...DM_ERROR_CODES].sort());
  });
});

describe('guards test the code, never the message', () => {
  it('a retryable message on an actionable code is still actionable', () => {
    const error = new DmError('missing-licenses', 'ECONNRESET 503 temporarily unavailable, retry');
    expect(isRetryable(error)).toBe(false);
  });

  it('anything that is not a DmError is actionable, whatever it says', () => {
    const lookalike = Object.assign(new Error('socket hang up'), { code: 'network' });
    expect(classifyDmError(lookalike)).toBe('actionable');
    expect(classifyDmError('ECONNREFUSED')).toBe('actionable');
    expect(classifyDmError(undefined)).toBe('actionable');
  });
});
