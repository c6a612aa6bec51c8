// The interop walk of issue 12's "Done when", driven by a schema-only client (schema-client.ts)
// against a running stub started with --test-hooks and the demo seed:
//   pre-provision a device through the partner API → enterprise_check finds its hash → the state look-up
//   by serial + brand code says ZERO_TOUCH_ENFORCED (and NONE for an unknown device) →
//   certificate_based_register in Chromium's SignedData format with a device minted by the test hooks →
//   policy fetched and its signature verified with new_public_key → the same signed registration,
//   replayed, is refused.

import {
  createHash,
  createPrivateKey,
  createPublicKey,
  randomBytes,
  sign,
  verify,
  X509Certificate,
} from 'node:crypto';
import { type DmSchema, decode, encode } from './schema-client.ts';

export interface InteropOptions {
  server: string;
  schema: DmSchema;
  /** Demo seed credentials (server-stub/fixtures/demo.json). */
  partnerKey?: string;
  customerId?: string;
  preprovisioningToken?: string;
  model?: string;
  brandCode?: string;
  log?: (line: string) => void;
}

export interface InteropCheck {
  step: string;
  ok: boolean;
  detail: string;
}

const DEVICE_TYPE_CHROME_OS = '2';

async function json<T>(
  server: string,
  method: string,
  path: string,
  body: unknown,
  bearer?: string,
): Promise<T> {
  const res = await fetch(`${server}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

interface DmAnswer {
  status: number;
  body: Record<string, unknown>;
}

async function dm(
  opts: InteropOptions,
  request: string,
  deviceId: string,
  message: Record<string, unknown>,
  authorization?: string,
): Promise<DmAnswer> {
  const url = new URL(`${opts.server}/device_management`);
  for (const [k, v] of Object.entries({
    request,
    devicetype: DEVICE_TYPE_CHROME_OS,
    apptype: 'Chrome',
    deviceid: deviceId,
    agent: 'interop-check',
    platform: 'Linux|x86_64|0',
    retry: 'false',
  }))
    url.searchParams.set(k, v);
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-protobuffer', ...(authorization ? { authorization } : {}) },
    body: encode(opts.schema.request, message),
  });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { status: res.status, body: bytes.length === 0 ? {} : decode(opts.schema.response, bytes) };
}

function firstCertificateDer(chainPem: string): Buffer {
  const pem = /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/.exec(chainPem)?.[0];
  if (pem === undefined) throw new Error('the minted chain has no certificate');
  return new X509Certificate(pem).raw;
}

function obj(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
}

/** Runs every step; a failed step is recorded and the walk stops there. */
export async function runInterop(opts: InteropOptions): Promise<InteropCheck[]> {
  const checks: InteropCheck[] = [];
  const check = (step: string, ok: boolean, detail: string) => {
    checks.push({ step, ok, detail });
    opts.log?.(`${ok ? 'ok  ' : 'FAIL'} ${step}: ${detail}`);
    if (!ok) throw new Error(step);
  };
  const serial = `NXIOP${randomBytes(6).toString('hex').toUpperCase()}`;
  const brand = opts.brandCode ?? 'IOPQ';
  const model = opts.model ?? 'Chromebook Acer 311 (C722/C722T)';
  const deviceId = `interop-${randomBytes(4).toString('hex')}`;
  try {
    const minted = await json<{ private_key_pem: string; certificate_chain_pem: string }>(
      opts.server,
      'POST',
      '/v1/test/factory/devices',
      { attested_device_id: serial, manufacturer: 'Acer' },
    );
    const upload = await json<{ results: Array<{ status: string }> }>(
      opts.server,
      'POST',
      '/v1/partner/devices:preprovision',
      {
        customer_id: opts.customerId ?? 'C00demo01',
        pre_provisioning_token: opts.preprovisioningToken ?? 'ppt-demo-0001',
        devices: [
          {
            device_id: serial,
            id_kind: 'serial-number',
            serial_number: serial,
            manufacturer: 'Acer',
            model,
            brand_code: brand,
          },
        ],
      },
      opts.partnerKey ?? 'partner-demo-key',
    );
    check(
      'partner pre-provisioning',
      upload.results[0]?.status === 'PRE_PROVISIONED',
      JSON.stringify(upload.results[0]),
    );

    // The hash dance: our bucket must hold our hash. Modulus 1 asks for everything; follow expected_modulus once.
    const hash = createHash('sha256').update(`${brand}_${serial}`).digest().subarray(0, 8);
    let power = 0;
    let answer = await dm(opts, 'enterprise_check', deviceId, {
      auto_enrollment_request: { remainder: 0, modulus: 1, enrollment_check_type: 2 },
    });
    const expected = obj(answer.body.auto_enrollment_response).expected_modulus;
    if (typeof expected === 'string') {
      power = Math.log2(Number(expected));
      const remainder = (hash.readBigUInt64BE(0) & ((1n << BigInt(power)) - 1n)).toString();
      answer = await dm(opts, 'enterprise_check', deviceId, {
        auto_enrollment_request: { remainder, modulus: expected, enrollment_check_type: 2 },
      });
    }
    const hashes = (obj(answer.body.auto_enrollment_response).hashes as Buffer[] | undefined) ?? [];
    check(
      'enterprise_check',
      answer.status === 200 && hashes.some((h) => Buffer.compare(h, hash) === 0),
      `HTTP ${answer.status}, power ${power}, ${hashes.length} hash(es) in the bucket`,
    );

    answer = await dm(opts, 'device_initial_enrollment_state', deviceId, {
      device_initial_enrollment_state_request: { serial_number: serial, brand_code: brand },
    });
    const state = obj(answer.body.device_initial_enrollment_state_response);
    check(
      'device_initial_enrollment_state (pre-provisioned)',
      state.initial_enrollment_mode === 2,
      `HTTP ${answer.status}, mode ${String(state.initial_enrollment_mode)}, domain ${String(state.management_domain)}`,
    );
    answer = await dm(opts, 'device_initial_enrollment_state', deviceId, {
      device_initial_enrollment_state_request: { serial_number: `${serial}X`, brand_code: brand },
    });
    const unknown = obj(answer.body.device_initial_enrollment_state_response);
    check(
      'device_initial_enrollment_state (unknown)',
      answer.status === 200 && (unknown.initial_enrollment_mode ?? 0) === 0,
      `HTTP ${answer.status}, mode ${String(unknown.initial_enrollment_mode ?? 0)}`,
    );

    const registration = encode(opts.schema.registrationData, {
      certificate_type: 1,
      device_certificate: firstCertificateDer(minted.certificate_chain_pem),
      device_register_request: {
        type: 2,
        machine_id: serial,
        machine_model: model,
        flavor: 14,
        brand_code: brand,
        device_register_identification: { attested_device_id: serial },
      },
    });
    const nonce = randomBytes(32);
    const data = Buffer.concat([registration, nonce]);
    const signature = sign('sha256', data, createPrivateKey(minted.private_key_pem));
    const signed = {
      certificate_based_register_request: {
        signed_request: { data, signature, extra_data_bytes: nonce.length },
      },
    };
    answer = await dm(opts, 'certificate_based_register', deviceId, signed);
    const token = obj(answer.body.register_response).device_management_token;
    check(
      'certificate_based_register',
      answer.status === 200 && typeof token === 'string' && token !== '',
      `HTTP ${answer.status}`,
    );

    answer = await dm(
      opts,
      'policy',
      deviceId,
      { policy_request: { requests: [{ policy_type: 'google/chromeos/device', signature_type: 2 }] } },
      `GoogleDMToken token=${String(token)}`,
    );
    const fetched = obj((obj(answer.body.policy_response).responses as unknown[] | undefined)?.[0]);
    const policyData = fetched.policy_data as Buffer | undefined;
    const key = fetched.new_public_key as Buffer | undefined;
    const sig = fetched.policy_data_signature as Buffer | undefined;
    const verified =
      policyData !== undefined &&
      key !== undefined &&
      sig !== undefined &&
      verify('sha256', policyData, createPublicKey({ key, format: 'der', type: 'spki' }), sig);
    const pd = policyData === undefined ? {} : decode(opts.schema.policyData, policyData);
    check(
      'policy signature verifies with new_public_key',
      verified && pd.request_token === token && pd.device_id === deviceId,
      `HTTP ${answer.status}, policy_type ${String(pd.policy_type)}, managed_by ${String(pd.managed_by)}`,
    );

    answer = await dm(opts, 'certificate_based_register', `${deviceId}-replay`, signed);
    check(
      'replayed registration refused',
      answer.status === 403,
      `HTTP ${answer.status}: ${String(answer.body.error_message)}`,
    );
  } catch (e) {
    if (!(e instanceof Error) || !checks.some((c) => !c.ok && c.step === e.message)) {
      checks.push({ step: 'interop walk', ok: false, detail: e instanceof Error ? e.message : String(e) });
      opts.log?.(`FAIL interop walk: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return checks;
}
