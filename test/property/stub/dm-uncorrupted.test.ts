// Each uncorrupted DM request is accepted, in either encoding, on a stub set up as the property tests'
// (dm-fixture.ts): this shows that the 4xx answers of the DM property tests come from their corruptions.

import { describe, expect, it } from 'vitest';
import { contentTypeOf, type DmEncoding } from '../../../protocol/codec.ts';
import type { DmRequestType } from '../../../protocol/dm.ts';
import type { DmMessage } from '../../helpers/stub.ts';
import { encodeMessage, registerRequest, useDmStub } from './dm-fixture.ts';
import { sendDm } from './dm-harness.ts';

const dm = useDmStub();
const ENDPOINTS = dm.endpoints;
const { request } = dm;

describe('the uncorrupted requests', () => {
  it.each(ENDPOINTS.map((ep) => [ep.type, ep] as const))('%s → 200', async (_type, ep) => {
    const encoding: DmEncoding = ep.type === 'unregister' ? 'json' : 'proto';
    if (ep.type === 'certificate_based_register') await dm.refreshCbrBody();
    // Devices no damaged copy can have registered (a flipped byte in a brand code or serial may have
    // recorded devices 91/92 under another identity, which then rightly conflict).
    const fresh: Partial<Record<DmRequestType, DmMessage>> = {
      register: { registerRequest: registerRequest(11) },
      token_based_register: {
        tokenBasedDeviceRegisterRequest: { deviceRegisterRequest: registerRequest(12) },
      },
    };
    const message = fresh[ep.type];
    const body = message === undefined ? undefined : encodeMessage(message, encoding);
    const r = await sendDm(dm.s.url, request(ep, { encoding, ...(body === undefined ? {} : { body }) }));
    expect(r.answer.status, r.errorMessage).toBe(200);
    expect(r.answer.headers['content-type']).toBe(contentTypeOf(encoding));
  });
});
