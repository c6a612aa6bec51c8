// A DM client built only from a .proto file read at run time with protobufjs — not from our
// generated code — so it can be pointed at Chromium's own device_management_backend.proto to check
// that the stub speaks Chromium's wire. Imports the file cannot resolve (Chromium's
// private_membership_rlwe.proto) are stood in for by empty messages: we never send those fields.

import { readFileSync } from 'node:fs';
import protobuf from 'protobufjs';

/** Types the interop flow needs from the schema. */
const NEEDED = [
  'enterprise_management.DeviceManagementRequest',
  'enterprise_management.DeviceManagementResponse',
  'enterprise_management.CertificateBasedDeviceRegistrationData',
  'enterprise_management.PolicyData',
] as const;

export interface DmSchema {
  root: protobuf.Root;
  request: protobuf.Type;
  response: protobuf.Type;
  registrationData: protobuf.Type;
  policyData: protobuf.Type;
}

const MISSING_TYPE = /no such (?:type: |Type or Enum ')([\w.]+)/;

/**
 * Parses `text` and resolves it, standing in an empty message for each type it names but cannot
 * resolve. Each attempt starts from a fresh Root with every stand-in found so far: protobufjs marks a
 * type resolved before its fields are, so retrying on the same Root would skip a type's later fields.
 */
function parseWithStandIns(text: string): protobuf.Root {
  const missing: string[] = [];
  for (let i = 0; i < 200; i++) {
    const root = new protobuf.Root();
    protobuf.parse(text, root, { keepCase: true });
    for (const name of missing) {
      const dot = name.lastIndexOf('.');
      const ns = dot < 0 ? root : root.define(name.slice(0, dot));
      ns.add(new protobuf.Type(name.slice(dot + 1)));
    }
    try {
      root.resolveAll();
      return root;
    } catch (e) {
      const name = e instanceof Error ? MISSING_TYPE.exec(e.message)?.[1] : undefined;
      if (name === undefined || missing.includes(name)) throw e;
      missing.push(name);
    }
  }
  throw new Error('the schema still has unresolved types after 200 stand-ins');
}

export function loadDmSchema(protoPath: string): DmSchema {
  // Drop `import` lines: a lone .proto file (as copied out of a Chromium checkout) has no siblings.
  const text = readFileSync(protoPath, 'utf8').replace(/^\s*import\s+(?:public\s+)?"[^"]+";\s*$/gm, '');
  const root = parseWithStandIns(text);
  const [request, response, registrationData, policyData] = NEEDED.map((name) => root.lookupType(name));
  if (!request || !response || !registrationData || !policyData)
    throw new Error(`${protoPath} lacks a DM message`);
  return { root, request, response, registrationData, policyData };
}

export function encode(type: protobuf.Type, value: Record<string, unknown>): Uint8Array {
  const problem = type.verify(value);
  if (problem !== null) throw new Error(`${type.name}: ${problem}`);
  return type.encode(type.fromObject(value)).finish();
}

/** Decodes to a plain object: int64 as strings, bytes as Buffers, enums as numbers, field names as in the .proto. */
export function decode(type: protobuf.Type, bytes: Uint8Array): Record<string, unknown> {
  return type.toObject(type.decode(bytes), { longs: String, bytes: Buffer, defaults: false }) as Record<
    string,
    unknown
  >;
}
