// Property test of hostile strings (SQL injection, path traversal, Unicode traps) in the fields of
// otherwise valid DM requests: refused with a 4xx that writes nothing, or accepted and stored verbatim
// in the device's own rows only; the database stays intact.

import { create, toBinary, toJson } from '@bufbuild/protobuf';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DmEncoding } from '../../../protocol/codec.ts';
import { DeviceManagementRequestSchema, type DmRequestType } from '../../../protocol/dm.ts';
import { dmStatusForHttp } from '../../../protocol/status.ts';
import { DEMO, type StartedStub } from '../../helpers/stub.ts';
import { type DmEndpoint, useDmStub } from './dm-fixture.ts';
import { sendDm } from './dm-harness.ts';
import { expectIntegrity, snapshot, without } from './harness/db-snapshot.ts';
import { HOSTILE } from './harness/hostile-strings.ts';
import { JSON_TYPE, send } from './harness/http-client.ts';

const dm = useDmStub();
const ENDPOINTS = dm.endpoints;
const { request } = dm;
let s: StartedStub;
let admin: string;
beforeAll(() => {
  s = dm.s;
  admin = dm.admin;
});

describe('hostile strings in otherwise valid DM requests', () => {
  it('→ 4xx writing nothing, or 200 storing them verbatim (devices, dm_tokens only); db intact', async () => {
    // Enough licences that registrations succeed (and so store what they were sent).
    const put = await send(s.url, {
      method: 'PUT',
      path: `/v1/customers/${DEMO.customer}/licenses`,
      headers: { 'content-type': JSON_TYPE, authorization: `Bearer ${admin}` },
      body: JSON.stringify({ chrome_enterprise_upgrade_total: 1000 }),
    });
    expect(put.status, put.text).toBe(200);
    type Target = readonly [DmRequestType, string];
    const targets: Target[] = [
      ...['serialNumber', 'brandCode'].map((f): Target => ['device_initial_enrollment_state', f]),
      ...['serialNumber', 'brandCode'].map((f): Target => ['device_state_retrieval', f]),
      ...[
        'machineId',
        'machineModel',
        'attestedDeviceId',
        'ethernetMacAddress',
        'expectedEnrollmentDomain',
        'brandCode',
      ].flatMap((f): Target[] => [
        ['register', f],
        ['token_based_register', f],
      ]),
      ['policy', 'policyType'],
    ];
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...targets),
        fc.constantFrom(...HOSTILE),
        fc.constantFrom<DmEncoding>('proto', 'json'),
        async ([type, field], value, encoding) => {
          n += 1;
          const ep = ENDPOINTS.find((e) => e.type === type) as DmEndpoint;
          const m = create(DeviceManagementRequestSchema, ep.message());
          const id = `NXINJ${String(n).padStart(6, '0')}`;
          const reg =
            type === 'register'
              ? m.registerRequest
              : m.tokenBasedDeviceRegisterRequest?.deviceRegisterRequest;
          let deviceId = id;
          if (reg !== undefined) {
            reg.machineId = id;
            reg.deviceRegisterIdentification = {
              $typeName: 'enterprise_management.DeviceRegisterIdentification',
              attestedDeviceId: id,
            };
            reg.expectedEnrollmentDomain = '';
            if (field === 'attestedDeviceId') {
              reg.deviceRegisterIdentification.attestedDeviceId = value;
              deviceId = value;
            } else (reg as unknown as Record<string, string>)[field] = value;
          } else if (type === 'policy') {
            const first = m.policyRequest?.requests[0];
            if (first !== undefined) first.policyType = value;
          } else {
            const inner = (type === 'device_state_retrieval'
              ? m.deviceStateRetrievalRequest
              : m.deviceInitialEnrollmentStateRequest) as unknown as Record<string, string>;
            inner[field] = value;
          }
          const body =
            encoding === 'proto'
              ? Buffer.from(toBinary(DeviceManagementRequestSchema, m))
              : Buffer.from(
                  JSON.stringify(toJson(DeviceManagementRequestSchema, m, { useProtoFieldName: true })),
                );
          const others = () =>
            s.stub.db.prepare('SELECT * FROM devices WHERE device_id <> ? ORDER BY device_id').all(deviceId);
          const before = snapshot(s);
          const othersBefore = others();
          const r = await sendDm(s.url, request(ep, { body, encoding }));
          const where = `${type}.${field}=${JSON.stringify(value)} (${encoding}) → ${r.answer.status} ${r.errorMessage.slice(0, 300)}`;
          if (r.answer.status !== 200) {
            expect(r.answer.status >= 400 && r.answer.status < 500, where).toBe(true);
            if (encoding === 'json') expect(r.dmStatus, where).toBe(dmStatusForHttp(r.answer.status));
            expect(snapshot(s), where).toEqual(before);
          } else if (reg === undefined) {
            expect(snapshot(s), where).toEqual(before);
          } else {
            expect(without(snapshot(s), 'devices', 'dm_tokens'), where).toEqual(
              without(before, 'devices', 'dm_tokens'),
            );
            expect(others(), where).toEqual(othersBefore);
            const row = s.stub.db
              .prepare('SELECT * FROM devices WHERE device_id = ?')
              .get(deviceId) as Record<string, unknown>;
            expect(row, where).toMatchObject({
              device_id: deviceId,
              serial_number: reg.machineId,
              model: reg.machineModel,
              status: 'MANAGED',
            });
          }
          expectIntegrity(s);
        },
      ),
      { numRuns: 120 },
    );
  });
});
