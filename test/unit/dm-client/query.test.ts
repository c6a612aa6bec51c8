// The identification query parameters and the lasterror codes (DESIGN §5).

import { describe, expect, it } from 'vitest';
import {
  agentParam,
  DEFAULT_AGENT_PARAM,
  lastErrorOf,
  NET_ERROR,
  platformParam,
} from '../../../agent/dm-client/index.ts';
import pkg from '../../../package.json' with { type: 'json' };

describe('agent and platform', () => {
  it('agent is zte-agent/<package version>, cut to 64 characters', () => {
    expect(DEFAULT_AGENT_PARAM).toBe(`zte-agent/${pkg.version}`);
    expect(agentParam('x'.repeat(70), '1')).toHaveLength(64);
  });

  it.each([
    [{ type: 'Linux', arch: 'x64', release: '6.1.0-18-amd64' }, 'Linux|x86_64|6.1.0'],
    [{ type: 'Linux', arch: 'arm64', release: '5.15.0' }, 'Linux|aarch64|5.15.0'],
    [{ type: 'Linux', arch: 'riscv64', release: 'custom' }, 'Linux|riscv64|custom'],
  ])('%j → %s', (os, expected) => {
    expect(platformParam(os)).toBe(expected);
  });
});

describe('lasterror', () => {
  it.each([
    [{ code: 'temporarily-unavailable', httpStatus: 503, causeCode: null }, 503],
    [{ code: 'invalid-response', httpStatus: 200, causeCode: null }, 200],
    [{ code: 'network', httpStatus: null, causeCode: 'ECONNREFUSED' }, NET_ERROR.ERR_CONNECTION_REFUSED],
    [{ code: 'network', httpStatus: null, causeCode: 'ENOTFOUND' }, NET_ERROR.ERR_NAME_NOT_RESOLVED],
    [{ code: 'network', httpStatus: null, causeCode: 'ECONNRESET' }, NET_ERROR.ERR_CONNECTION_RESET],
    [{ code: 'network', httpStatus: null, causeCode: 'EWHATEVER' }, NET_ERROR.ERR_FAILED],
    [{ code: 'timeout', httpStatus: null, causeCode: 'ETIMEDOUT' }, NET_ERROR.ERR_TIMED_OUT],
    [
      { code: 'invalid-response', httpStatus: null, causeCode: 'HPE_INVALID_CONSTANT' },
      NET_ERROR.ERR_INVALID_HTTP_RESPONSE,
    ],
  ] as const)('%j → %i', (failure, expected) => {
    expect(lastErrorOf(failure)).toBe(expected);
  });
});
