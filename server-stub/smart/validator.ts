// A strict compiler for the small JSON-Schema subset the SMART routes use. It never coerces types
// (`{"name": 123}` is a 400, whatever AJV options the host app was built with), rejects unknown
// properties instead of stripping them, and names the offending field in its message. Unsupported
// keywords throw at compile time, so a schema can never be silently half-checked.

import { EMAIL_REGEX } from './rules.ts';

export interface StringSchema {
  type: 'string';
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: 'email';
  description?: string;
}

export interface IntegerSchema {
  type: 'integer';
  minimum?: number;
  maximum?: number;
  description?: string;
}

export interface ObjectSchema {
  type: 'object';
  properties: Record<string, JsonSchema>;
  required?: readonly string[];
  additionalProperties: false;
  description?: string;
}

export type JsonSchema = StringSchema | IntegerSchema | ObjectSchema;

export type ValidationOutcome = true | { error: Error };
export type Validator = (data: unknown) => ValidationOutcome;

/** Same shape as fastify's validation errors: status 400, code FST_ERR_VALIDATION. */
export class SchemaValidationError extends Error {
  override readonly name = 'SchemaValidationError';
  readonly statusCode = 400;
  readonly code = 'FST_ERR_VALIDATION';
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

const KEYWORDS: Record<JsonSchema['type'], ReadonlySet<string>> = {
  string: new Set(['type', 'minLength', 'maxLength', 'pattern', 'format', 'description']),
  integer: new Set(['type', 'minimum', 'maximum', 'description']),
  object: new Set(['type', 'properties', 'required', 'additionalProperties', 'description']),
};

type Check = (data: unknown, path: string) => SchemaValidationError | null;

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function compileNode(schema: JsonSchema, where: string): Check {
  const allowed = KEYWORDS[schema.type];
  if (allowed === undefined) throw new Error(`${where}: unsupported type ${String(schema.type)}`);
  for (const k of Object.keys(schema)) {
    if (!allowed.has(k)) throw new Error(`${where}: unsupported keyword "${k}" for type ${schema.type}`);
  }
  switch (schema.type) {
    case 'string':
      return compileString(schema);
    case 'integer':
      return compileInteger(schema);
    case 'object':
      return compileObject(schema, where);
  }
}

function compileString(schema: StringSchema): Check {
  const re = schema.pattern === undefined ? null : new RegExp(schema.pattern, 'u');
  return (data, path) => {
    if (typeof data !== 'string')
      return new SchemaValidationError(path, `${path} must be string, not ${typeName(data)}`);
    const length = [...data].length;
    if (schema.minLength !== undefined && length < schema.minLength) {
      return new SchemaValidationError(
        path,
        `${path} must NOT have fewer than ${schema.minLength} characters`,
      );
    }
    if (schema.maxLength !== undefined && length > schema.maxLength) {
      return new SchemaValidationError(
        path,
        `${path} must NOT have more than ${schema.maxLength} characters`,
      );
    }
    if (re !== null && !re.test(data)) {
      return new SchemaValidationError(path, `${path} must match pattern "${schema.pattern}"`);
    }
    if (schema.format === 'email' && !EMAIL_REGEX.test(data)) {
      return new SchemaValidationError(path, `${path} must be an e-mail address`);
    }
    return null;
  };
}

function compileInteger(schema: IntegerSchema): Check {
  return (data, path) => {
    if (typeof data !== 'number' || !Number.isSafeInteger(data)) {
      return new SchemaValidationError(path, `${path} must be integer, not ${typeName(data)}`);
    }
    if (schema.minimum !== undefined && data < schema.minimum) {
      return new SchemaValidationError(path, `${path} must be >= ${schema.minimum}`);
    }
    if (schema.maximum !== undefined && data > schema.maximum) {
      return new SchemaValidationError(path, `${path} must be <= ${schema.maximum}`);
    }
    return null;
  };
}

function compileObject(schema: ObjectSchema, where: string): Check {
  if (schema.additionalProperties !== false) throw new Error(`${where}: additionalProperties must be false`);
  const props = Object.entries(schema.properties).map(
    ([key, sub]) => [key, compileNode(sub, `${where}/${key}`)] as const,
  );
  const known = new Set(Object.keys(schema.properties));
  const required = schema.required ?? [];
  for (const r of required) if (!known.has(r)) throw new Error(`${where}: required "${r}" is not a property`);
  return (data, path) => {
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      return new SchemaValidationError(path, `${path} must be object, not ${typeName(data)}`);
    }
    const record = data as Record<string, unknown>;
    for (const r of required) {
      if (!Object.hasOwn(record, r))
        return new SchemaValidationError(`${path}.${r}`, `${path}.${r} is required`);
    }
    for (const key of Object.keys(record)) {
      if (!known.has(key)) {
        return new SchemaValidationError(`${path}.${key}`, `${path}.${key} is not an allowed property`);
      }
    }
    for (const [key, check] of props) {
      if (!Object.hasOwn(record, key)) continue;
      const err = check(record[key], `${path}.${key}`);
      if (err !== null) return err;
    }
    return null;
  };
}

/** Compiles `schema`; the validator names fields as `<root>.<property>` (e.g. `body.name`). */
export function compileStrict(schema: JsonSchema, root: string): Validator {
  const check = compileNode(schema, root);
  return (data) => {
    const err = check(data, root);
    return err === null ? true : { error: err };
  };
}
