// The invoking actor's AbortSignal cancels the request in flight → `aborted`, socket closed.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDmClient, type DmClient } from '../../../agent/dm-client/index.ts';
import { deferred, type FakeServer, startFakeDmServer } from './helpers/fake-dm-server.ts';

let server: FakeServer;
let client: DmClient;

beforeAll(async () => {
  server = await startFakeDmServer(() => {});
  client = createDmClient({ serverUrl: server.url, deviceId: 'dev-1' });
});
afterAll(() => server.close());

describe('abort', () => {
  it('aborting while the server holds the request → aborted, and the server sees the connection close', async () => {
    const received = deferred();
    const closed = deferred();
    server.setHandler((req, res) => {
      res.on('close', () => closed.resolve());
      void req;
      received.resolve();
    });
    const controller = new AbortController();
    const call = client.deviceStateRetrieval(
      { serialNumber: 'S', brandCode: 'ABCD' },
      { signal: controller.signal },
    );
    const outcome = call.catch((e: unknown) => e);
    await received.promise;
    controller.abort();
    expect(await outcome).toMatchObject({
      name: 'DmError',
      code: 'aborted',
      requestType: 'device_state_retrieval',
    });
    await closed.promise;
  });

  it('aborting while the body is arriving → aborted', async () => {
    const headersSent = deferred();
    server.setHandler((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"policy_response": ', () => headersSent.resolve());
    });
    const controller = new AbortController();
    const outcome = client.policy('tok', { signal: controller.signal }).catch((e: unknown) => e);
    await headersSent.promise;
    controller.abort();
    expect(await outcome).toMatchObject({ code: 'aborted' });
  });

  it('an already aborted signal → aborted, nothing sent', async () => {
    const before = server.requests.length;
    const controller = new AbortController();
    controller.abort();
    await expect(client.unregister('tok', { signal: controller.signal })).rejects.toMatchObject({
      code: 'aborted',
    });
    expect(server.requests.length).toBe(before);
  });

  it("a caller's AbortSignal.timeout() deadline is reported as timeout, not aborted", async () => {
    const received = deferred();
    server.setHandler(() => received.resolve());
    const controller = new AbortController();
    const outcome = client.policy('tok', { signal: controller.signal }).catch((e: unknown) => e);
    await received.promise;
    controller.abort(new DOMException('deadline', 'TimeoutError'));
    expect(await outcome).toMatchObject({ code: 'timeout' });
  });
});
