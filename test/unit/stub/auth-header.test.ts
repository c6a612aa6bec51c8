import { describe, expect, it } from 'vitest';
import { bearerToken, schemeParam } from '../../../server-stub/http/auth-header.ts';

describe('Authorization header parsing', () => {
  it('reads Bearer tokens', () => {
    expect(bearerToken('Bearer abc.def')).toBe('abc.def');
    expect(bearerToken('bearer   abc')).toBe('abc');
    expect(bearerToken(undefined)).toBeNull();
    expect(bearerToken('Basic abc')).toBeNull();
    expect(bearerToken('Bearer a b')).toBeNull();
    expect(bearerToken(`Bearer ${'x'.repeat(600)}`)).toBeNull();
  });

  it('reads the DM schemes', () => {
    expect(schemeParam('GoogleDMToken token=dmt-1', 'GoogleDMToken', 'token')).toBe('dmt-1');
    expect(schemeParam('googlelogin auth=adm_x', 'GoogleLogin', 'auth')).toBe('adm_x');
    expect(schemeParam('GoogleEnrollmentToken token="ent-1"', 'GoogleEnrollmentToken', 'token')).toBe(
      'ent-1',
    );
    expect(schemeParam('GoogleDMToken auth=dmt-1', 'GoogleDMToken', 'token')).toBeNull();
    expect(schemeParam('GoogleLogin auth=adm_x', 'GoogleDMToken', 'token')).toBeNull();
    expect(schemeParam('GoogleDMToken token=', 'GoogleDMToken', 'token')).toBeNull();
    expect(schemeParam(['GoogleDMToken token=a', 'x'], 'GoogleDMToken', 'token')).toBe('a');
  });
});
