// Issue 12's interop walk, run by a client built only from a .proto file at run time (protobufjs), not
// from our generated code, against the real stub. CI runs it with our own .proto; the same walk takes
// Chromium's device_management_backend.proto (`npm run -s interop -- --proto FILE`).

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInterop } from '../../../simulator/interop/flow.ts';
import { decode, encode, loadDmSchema } from '../../../simulator/interop/schema-client.ts';
import { type StartedStub, startStub } from '../../helpers/stub.ts';

const OUR_PROTO = resolve(import.meta.dirname, '../../../protocol/proto/device_management.proto');
const scratch = mkdtempSync(join(tmpdir(), 'zte-interop-'));
let stub: StartedStub;

beforeAll(async () => {
  stub = await startStub({ testHooks: true });
});
afterAll(async () => {
  await stub?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('a client built only from the .proto', () => {
  it('walks pre-provisioning, hash dance, state, signed registration, signed policy and replay against the stub', async () => {
    const lines: string[] = [];
    const checks = await runInterop({
      server: stub.url,
      schema: loadDmSchema(OUR_PROTO),
      log: (l) => lines.push(l),
    });
    expect(lines.filter((l) => l.startsWith('FAIL'))).toEqual([]);
    expect(checks.map((c) => c.step)).toEqual([
      'partner pre-provisioning',
      'enterprise_check',
      'device_initial_enrollment_state (pre-provisioned)',
      'device_initial_enrollment_state (unknown)',
      'certificate_based_register',
      'policy signature verifies with new_public_key',
      'replayed registration refused',
    ]);
    expect(checks.every((c) => c.ok)).toBe(true);
  });

  it('loads a Chromium-style file whose imports are missing, standing in for the unresolved types', () => {
    const chromiumStyle = `${readFileSync(OUR_PROTO, 'utf8').replace(
      'package enterprise_management;',
      'package enterprise_management;\nimport "private_membership_rlwe.proto";',
    )}
message PrivateSetMembershipRlweRequest {
  optional private_membership.rlwe.PrivateMembershipRlweOprfRequest oprf_request = 1;
  optional private_membership.rlwe.PrivateMembershipRlweQueryRequest query_request = 2;
}
`;
    const file = join(scratch, 'device_management_backend.proto');
    writeFileSync(file, chromiumStyle);
    const schema = loadDmSchema(file);
    const bytes = encode(schema.request, {
      device_state_retrieval_request: { serial_number: 'S', brand_code: 'ABCD' },
    });
    expect(Buffer.from(bytes).toString('hex')).toBe('4a091201531a0441424344'); // field 9 {2: "S", 3: "ABCD"}
    expect(decode(schema.request, bytes)).toEqual({
      device_state_retrieval_request: { serial_number: 'S', brand_code: 'ABCD' },
    });
    // Both stand-ins resolve, the second field of a message included (protobufjs marks a type
    // resolved before its fields: a retry on the same Root would leave query_request unresolved).
    const psm = schema.root.lookupType('enterprise_management.PrivateSetMembershipRlweRequest');
    expect(Buffer.from(encode(psm, { oprf_request: {}, query_request: {} })).toString('hex')).toBe(
      '0a001200', // field 1 {}, field 2 {}
    );
  });
});
