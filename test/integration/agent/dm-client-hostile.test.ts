// A hostile or broken server: oversized, endless, malformed, not HTTP at all. Always a DmError.

import { afterEach, describe, expect, it } from 'vitest';
import { createDmClient, type DmClientOptions, DmError } from '../../../agent/dm-client/index.ts';
import {
  deferred,
  dm,
  type FakeServer,
  startFakeDmServer,
  startRawServer,
} from './helpers/fake-dm-server.ts';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function serve(handler: Parameters<typeof startFakeDmServer>[0]): Promise<FakeServer> {
  const server = await startFakeDmServer(handler);
  closers.push(() => server.close());
  return server;
}

function client(url: string, extra: Partial<DmClientOptions> = {}) {
  return createDmClient({ serverUrl: url, deviceId: 'dev-1', ...extra });
}

async function codeOf(call: Promise<unknown>): Promise<string> {
  const error = await call.then(
    () => 'resolved',
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DmError);
  return (error as DmError).code;
}

const policy = (url: string, extra?: Partial<DmClientOptions>) => client(url, extra).policy('tok');
const MB = 1024 * 1024;

describe('size cap', () => {
  it('a 10 MB body → response-too-large', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(Buffer.alloc(10 * MB, 0x20));
    });
    expect(await codeOf(policy(server.url))).toBe('response-too-large');
  });

  // The server then holds the connection open: a client that buffered the whole body before
  // checking its size would wait for the rest and end in `timeout` instead.
  it('10 MB announced by content-length is refused on the headers alone', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(10 * MB) });
      res.write('{"policy_response": ');
    });
    expect(await codeOf(policy(server.url, { timeouts: { request: 20_000 } }))).toBe('response-too-large');
  });

  it('a body streamed without a length is refused once it passes the cap', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(Buffer.alloc(1.5 * MB, 0x20));
    });
    expect(await codeOf(policy(server.url, { timeouts: { request: 20_000 } }))).toBe('response-too-large');
  });

  it('the cap is configurable', async () => {
    const server = await serve(
      dm(200, { policyResponse: { responses: [{ policyData: new Uint8Array(64) }] } }),
    );
    expect(await codeOf(policy(server.url, { maxResponseBytes: 20 }))).toBe('response-too-large');
    const answer = await policy(server.url, { maxResponseBytes: 4096 });
    expect([...answer.policyData]).toEqual(new Array(64).fill(0));
  });

  it('an oversized error body does not hide the status', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(402, { 'content-type': 'application/json' });
      res.write(Buffer.alloc(2 * MB, 0x20));
    });
    expect(await codeOf(policy(server.url, { timeouts: { request: 20_000 } }))).toBe('missing-licenses');
  });
});

describe('time-outs', () => {
  it('a response that never ends → timeout (request phase)', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"policy_response": ');
    });
    const error = await policy(server.url, { timeouts: { request: 300 } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'timeout' });
    expect((error as Error).message).toMatch(/request/);
  });

  it('headers that never come → timeout (response phase)', async () => {
    const server = await serve(() => {});
    const error = await policy(server.url, { timeouts: { response: 200 } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'timeout' });
    expect((error as Error).message).toMatch(/response/);
  });
});

describe('malformed answers → invalid-response', () => {
  const jsonCases: Array<[string, string]> = [
    ['HTML from a captive portal', '<html><body>Log in to the Wi-Fi</body></html>'],
    ['truncated JSON', '{"policy_response": {"responses": [{"policy_data": "'],
    ['deeply nested JSON', `{"policy_response": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`],
    ['a JSON array', '[1, 2, 3]'],
    ['the wrong field for the request type', '{"register_response": {"device_management_token": "t"}}'],
    ['a wrongly typed field', '{"policy_response": {"responses": "now"}}'],
    ['bytes that are not base64', '{"policy_response": {"responses": [{"policy_data": "%%%"}]}}'],
    ['no PolicyFetchResponse', '{"policy_response": {}}'],
    ['an empty body', ''],
    ['null', 'null'],
  ];
  it.each(jsonCases)('JSON: %s', async (_, body) => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    });
    expect(await codeOf(policy(server.url))).toBe('invalid-response');
  });

  // Hostile protobuf (DESIGN §5, issue 12 item 6): truncated, wrong wire types, huge length
  // prefixes, deep nesting. Field 5 is policy_response, field 3 inside it is the repeated responses.
  const nested = (depth: number) => {
    // Group starts (wire type 3) of field 5, nested `depth` times: a stack-eating message.
    const open = Buffer.alloc(depth, 0x2b);
    const close = Buffer.alloc(depth, 0x2c);
    return Buffer.concat([open, close]);
  };
  const protoCases: Array<[string, Buffer]> = [
    ['a truncated length-delimited field', Buffer.from([0x2a, 0x10, 0x1a, 0x05])],
    ['a length prefix far past the end', Buffer.from([0x2a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x00])],
    ['a varint where a message belongs', Buffer.from([0x28, 0x01])],
    ['an unfinished varint', Buffer.from([0x2a, 0x80, 0x80])],
    ['deeply nested groups', nested(100_000)],
    ['a valid envelope without the expected field', Buffer.from([0x12, 0x02, 0x6e, 0x6f])],
    ['an empty body', Buffer.alloc(0)],
  ];
  it.each(protoCases)('protobuf: %s', async (_, body) => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-protobuffer' });
      res.end(body);
    });
    expect(await codeOf(policy(server.url))).toBe('invalid-response');
  });

  it('a Content-Type that is not a DM encoding', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
    });
    expect(await codeOf(policy(server.url))).toBe('invalid-response');
  });

  it('invalid UTF-8', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200);
      res.end(Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]));
    });
    expect(await codeOf(policy(server.url))).toBe('invalid-response');
  });

  it('something that is not HTTP at all', async () => {
    const raw = await startRawServer((socket) => {
      socket.on('data', () => socket.end('SSH-2.0-OpenSSH_9.6\r\n\r\n'));
    });
    closers.push(raw.close);
    expect(await codeOf(policy(raw.url))).toBe('invalid-response');
  });
});

describe('network failures → network', () => {
  it('connection refused', async () => {
    const raw = await startRawServer(() => {});
    await raw.close();
    const error = await policy(raw.url).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'network', causeCode: 'ECONNREFUSED' });
  });

  it('the server hangs up before answering', async () => {
    const raw = await startRawServer((socket) => {
      socket.on('data', () => socket.destroy());
    });
    closers.push(raw.close);
    expect(await codeOf(policy(raw.url))).toBe('network');
  });

  it('the connection drops in the middle of the body', async () => {
    const sent = deferred();
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"policy_response": {', () => sent.resolve());
      void sent.promise.then(() => res.socket?.destroy());
    });
    expect(await codeOf(policy(server.url))).toBe('network');
  });
});
