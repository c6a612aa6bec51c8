// discardRest(): what is left of a request body is read and thrown away, up to a bound.

import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { discardRest } from '../../../server-stub/http/drain-before-close.ts';

/** A request body stream fed by the test; `complete` as on http.IncomingMessage. */
function body(): { raw: IncomingMessage; stream: Readable & { complete: boolean } } {
  const stream = Object.assign(new Readable({ read() {} }), { complete: false });
  return { raw: stream as unknown as IncomingMessage, stream };
}

describe('discardRest', () => {
  it('resolves at once for a body already received', async () => {
    const { raw, stream } = body();
    stream.complete = true;
    await expect(discardRest(raw)).resolves.toBeUndefined();
    expect(stream.readableFlowing).toBeNull(); // nothing was read
  });

  it('reads the rest of the body to its end before resolving', async () => {
    const { raw, stream } = body();
    let done = false;
    const drained = discardRest(raw, 1024).then(() => {
      done = true;
    });
    stream.push(Buffer.alloc(600));
    await new Promise((resolve) => setImmediate(resolve));
    expect(done).toBe(false);
    stream.push(Buffer.alloc(400));
    stream.push(null);
    await drained;
    expect(stream.readableEnded).toBe(true);
  });

  it('gives up once more than the bound has arrived, without waiting for the end', async () => {
    const { raw, stream } = body();
    const drained = discardRest(raw, 1024);
    stream.push(Buffer.alloc(1000));
    stream.push(Buffer.alloc(100));
    await drained;
    expect(stream.readableEnded).toBe(false);
    expect(stream.listenerCount('data')).toBe(0);
  });

  it('resolves when the body fails (client gone), never rejects', async () => {
    const { raw, stream } = body();
    const drained = discardRest(raw);
    stream.destroy(new Error('ECONNRESET'));
    await expect(drained).resolves.toBeUndefined();
  });
});
