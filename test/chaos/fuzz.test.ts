// Issue 7, item 5 — what the existing property tests did not cover yet: every parser that reads
// outside input, fed arbitrary input, lets no exception escape and keeps what it returns bounded.
// Already covered elsewhere: normalizeValue (test/unit/hal/normalize.property.test.ts), the RS-232
// LineParser (test/unit/hal/smart-rs232/line-parser.property.test.ts), evdev/HID/terminal keys
// (test/unit/hal/keyboard/parsers.property.test.ts), the DM client over HTTP
// (test/integration/agent/dm-client-fuzz.test.ts), state.json (test/unit/persistence/
// state-load.property.test.ts), stub request bodies (test/property/stub/, test/integration/smart/fuzz).
// Added here: the sysfs attribute parsers, the VPD manufacture date, the whole SMART conversation
// (display bytes → readInfo), the SMART identity decision, the DM answer decoders on any bytes,
// and the agent's SMART RM / login client on any HTTP answer.

import { createServer, type Server } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerOf, checkRegisterResponse, decodeEnvelope } from '../../agent/dm-client/decode.ts';
import { parseManufactureDate } from '../../agent/identity/manufacture-date.ts';
import { identifySmartDisplay } from '../../agent/identity/smart.ts';
import { createEnrollmentHttp, EnrollmentHttpError } from '../../agent/runtime/enrollment-http.ts';
import { SmartConversation } from '../../hal/backends/smart-rs232/conversation.ts';
import { isSmartDisplayError, SmartRs232Display } from '../../hal/backends/smart-rs232/index.ts';
import type { Timers } from '../../hal/backends/smart-rs232/timers.ts';
import { DEFAULT_MAX_LENGTH } from '../../hal/normalize.ts';
import {
  parseArphrdType,
  parseCpuinfoModel,
  parseMac,
  parseOperstate,
  parseUsbId,
  parseUsbString,
  SMALL_ATTRIBUTE_MAX_LENGTH,
} from '../../hal/sysfs-format.ts';

const PRINTABLE = /^[\x20-\x7E]*$/;
const bytes = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.string({ maxLength: 80 }).map((s) => new TextEncoder().encode(s)),
  fc
    .constantFrom('02:aa:bb:cc:dd:ee\n', '1\n', 'up\n', '0b8c\n', 'ffff\n', 'model name\t: Intel N305\n')
    .map((s) => new TextEncoder().encode(s)),
);

describe('sysfs attribute parsers, any bytes', () => {
  it('never throw and return bounded, well-formed values or null', () => {
    fc.assert(
      fc.property(fc.option(bytes, { nil: null }), (raw) => {
        const mac = parseMac(raw);
        expect(mac === null || /^[0-9a-f]{2}(:[0-9a-f]{2}){5,19}$/.test(mac)).toBe(true);
        const type = parseArphrdType(raw);
        expect(type === null || (Number.isInteger(type) && type >= 0 && type <= 0xffff)).toBe(true);
        const state = parseOperstate(raw);
        expect(state === null || (state.length <= SMALL_ATTRIBUTE_MAX_LENGTH && PRINTABLE.test(state))).toBe(
          true,
        );
        const id = parseUsbId(raw);
        expect(id === null || (id >= 0 && id <= 0xffff)).toBe(true);
        const text = parseUsbString(raw);
        expect(text === null || (text.length <= DEFAULT_MAX_LENGTH && PRINTABLE.test(text))).toBe(true);
        const cpu = parseCpuinfoModel(raw);
        expect((cpu.value === null) !== (cpu.problem === undefined)).toBe(true);
        expect(cpu.value === null || cpu.value.length <= DEFAULT_MAX_LENGTH).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('a cpuinfo of 64 KiB with a model line anywhere is read, bounded', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), fc.nat(60_000), (model, junkLength) => {
        const text = `${'x'.repeat(junkLength)}\nmodel name\t: ${model}\n`;
        const result = parseCpuinfoModel(Buffer.from(text, 'latin1'));
        expect(result.value === null || result.value.length <= DEFAULT_MAX_LENGTH).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe('VPD mfg_date, any value', () => {
  it('is a real calendar date equal to the input, or null', () => {
    fc.assert(
      fc.property(
        fc.option(fc.oneof(fc.string({ maxLength: 20 }), fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/)), {
          nil: null,
        }),
        (value) => {
          const reading =
            value === null
              ? { value: null, source: 'vpd', problem: 'missing' as const }
              : { value, source: 'vpd' };
          const parsed = parseManufactureDate(reading);
          if (parsed !== null) {
            expect(parsed).toBe(value);
            expect(new Date(`${parsed}T00:00:00Z`).toISOString().slice(0, 10)).toBe(parsed);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

/** Timers that fire once everything already queued has run: a command either got its answer or times out. */
const promptTimers: Timers = {
  setTimeout: (callback) => setImmediate(callback),
  clearTimeout: (handle) => clearImmediate(handle as NodeJS.Immediate),
};

describe('SMART conversation, any bytes from the display', () => {
  it('readInfo resolves with bounded strings or rejects with a SmartDisplayError, nothing else', async () => {
    const chunk = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      fc
        .constantFrom(
          '>',
          '\r\n>',
          'serialnum=SB1\r\n>',
          'modelnum=sbid-mx065-v2\r\n>',
          'invalid cmd=x\r\n>',
          '#async\r\n',
        )
        .map((s) => new Uint8Array(Buffer.from(s, 'latin1'))),
      fc.nat(70_000).map((n) => new Uint8Array(n).fill(0x41)),
    );
    const latin1 = (t: string) => [new Uint8Array(Buffer.from(t, 'latin1'))];
    // A well-behaved display (after power-on noise), so that the property is not vacuous.
    const wellBehaved: Array<Array<Uint8Array<ArrayBuffer>>> = [
      [new Uint8Array([0, 0xff, 0x41]), ...latin1('\r\n>')],
      latin1('serialnum=SB1\r\n>'),
      latin1('modelnum=sbid-mx065-v2\r\n>'),
      latin1('invalid cmd=get fwversion\r\n>'),
      latin1('partnum=1031421\r\n>'),
      latin1('powerstate=on\r\n>'),
    ];
    let read = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(chunk, { maxLength: 4 }), { maxLength: 12 }),
        fc.option(fc.nat(12)),
        async (answers, closeAt) => {
          let writes = 0;
          let conversation: SmartConversation | null = null;
          conversation = new SmartConversation(
            {
              async write() {
                const index = writes++;
                const reply = answers[index] ?? [];
                queueMicrotask(() => {
                  for (const c of reply) conversation?.receive(c);
                  if (closeAt !== null && index === closeAt)
                    conversation?.channelClosed(
                      Object.assign(new Error('gone'), { code: 'disconnected' }) as never,
                    );
                });
              },
              async close() {},
            },
            { timeoutMs: 1, promptTimeoutMs: 1, timers: promptTimers, maxLineLength: 4096 },
          );
          const display = new SmartRs232Display('/dev/fuzz', conversation);
          try {
            await conversation.handshake();
            const info = await display.readInfo();
            read += 1;
            for (const v of Object.values(info))
              expect(v === null || (typeof v === 'string' && v.length <= 4096)).toBe(true);
          } catch (error) {
            refused += 1;
            expect(
              isSmartDisplayError(error) || (error as { code?: string }).code === 'disconnected',
              String(error),
            ).toBe(true);
          } finally {
            await display.close();
          }
        },
      ),
      { numRuns: 300, examples: [[wellBehaved, null]] },
    );
    expect(read).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });
});

describe('SMART identity, any answers', () => {
  it('never throws; a certified ID is printable, ≤ 64 characters and the trimmed serial', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.constantFrom('SBID1DEMO0001', 'sbid-mx065-v2', ' sbid-mx075-v2 ', ''),
    );
    fc.assert(
      fc.property(
        text,
        text,
        fc.array(fc.option(text, { nil: null }), { maxLength: 3 }),
        (serial, model, touch) => {
          const report = identifySmartDisplay(
            {
              ok: true,
              info: {
                serialNumber: serial,
                modelNumber: model,
                firmwareVersion: null,
                partNumber: null,
                powerState: null,
              },
              source: 'fuzz',
            },
            touch.map(
              (s, i) =>
                ({ vendorId: 0x0b8c, productId: i, serialNumber: s, product: null, id: `1-${i}` }) as never,
            ),
          );
          if (report.certifiedDeviceId !== null) {
            expect(report.certifiedDeviceId).toMatch(/^[\x21-\x7E]{1,64}$/);
            expect(report.certifiedDeviceId).toBe(serial.trim());
          }
          if (report.eligible) expect(report.reasons).toEqual([]);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('DM answer decoders, any bytes (protobuf or JSON)', () => {
  it('never throw; what they accept is well-typed', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.jsonValue({ maxDepth: 4 }), (raw, json) => {
        const text = new TextEncoder().encode(JSON.stringify(json));
        const wrapped = new TextEncoder().encode(JSON.stringify({ register_response: json }));
        for (const [bytes, encoding] of [
          [raw, 'proto'],
          [raw, 'json'],
          [text, 'json'],
          [wrapped, 'json'],
        ] as const) {
          const envelope = decodeEnvelope(bytes, encoding);
          if (!envelope.ok) continue;
          for (const type of ['enterprise_check', 'device_state_retrieval', 'policy'] as const)
            answerOf(type, envelope.value);
          const reg = checkRegisterResponse(envelope.value.registerResponse);
          if (reg.ok) expect(reg.value.deviceManagementToken).toMatch(/^[\x21-\x7E]{1,4096}$/);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe("the agent's SMART RM and login client, any HTTP answer", () => {
  let server: Server;
  let answer: { status: number; body: Uint8Array; type: string } = {
    status: 200,
    body: new Uint8Array(),
    type: 'application/json',
  };
  let url = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(answer.status, { 'content-type': answer.type });
        res.end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('resolves with a well-typed value or rejects with an EnrollmentHttpError', async () => {
    const http = createEnrollmentHttp(url);
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }).map((v) => new TextEncoder().encode(JSON.stringify(v))),
      fc
        .record({
          assigned_domain: fc.oneof(fc.string(), fc.constant(null), fc.integer(), fc.jsonValue()),
          token: fc.jsonValue(),
        })
        .map((v) => new TextEncoder().encode(JSON.stringify(v))),
      fc.uint8Array({ maxLength: 300 }),
      fc
        .constantFrom(
          '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]',
          '{"__proto__": {"x": 1}}',
        )
        .map((s) => new TextEncoder().encode(s)),
    );
    let resolved = 0;
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(200, 201, 400, 401, 402, 403, 404, 409, 429, 500, 503),
        body,
        fc.constantFrom('application/json', 'text/html'),
        async (status, b, type) => {
          answer = { status, body: b, type };
          const calls: Array<Promise<unknown>> = [
            http.smartCheckin({ serial_number: 'SB1', model_number: 'm' }).then((r) => {
              expect(r.assignedDomain === null || typeof r.assignedDomain === 'string').toBe(true);
            }),
            http.smartEnroll({ serial_number: 'SB1', model_number: 'm', domain: 'd' }),
            http.login('a@b.example', 'pw').then((t) => expect(typeof t).toBe('string')),
          ];
          for (const call of calls) {
            await call.then(
              () => {
                resolved += 1;
              },
              (error: unknown) => {
                rejected += 1;
                expect(error, String(error)).toBeInstanceOf(EnrollmentHttpError);
              },
            );
          }
        },
      ),
      { numRuns: 150 },
    );
    expect(resolved).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(0);
  }, 60_000);
});
