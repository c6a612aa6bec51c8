// stubRawRequestsPerSecond: autocannon against the stub's cheapest device request — the enrollment
// state look-up of an unknown device — with the stub in its own process, as the fleet uses it.

import { create } from '@bufbuild/protobuf';
import autocannon from 'autocannon';
import { encodeDm, PROTOBUF_CONTENT_TYPE } from '../protocol/codec.ts';
import { DeviceManagementRequestSchema } from '../protocol/dm.ts';
import { startStubProcess } from './processes.ts';

export async function measureStubThroughput(durationSeconds: number): Promise<number> {
  const stub = await startStubProcess();
  try {
    const query =
      'request=device_initial_enrollment_state&devicetype=2&apptype=Chrome&deviceid=bench-device-0001';
    const result = await autocannon({
      url: `${stub.url}/device_management?${query}`,
      method: 'POST',
      headers: { 'content-type': PROTOBUF_CONTENT_TYPE },
      body: Buffer.from(
        encodeDm(
          DeviceManagementRequestSchema,
          create(DeviceManagementRequestSchema, {
            deviceInitialEnrollmentStateRequest: { serialNumber: 'BENCH0001', brandCode: 'BNCH' },
          }),
          'proto',
        ),
      ),
      connections: 16,
      duration: durationSeconds,
    });
    if (result.non2xx > 0 || result.errors > 0)
      throw new Error(`stub answered ${result.non2xx} non-2xx and ${result.errors} errors`);
    return result.requests.average;
  } finally {
    await stub.stop();
  }
}
