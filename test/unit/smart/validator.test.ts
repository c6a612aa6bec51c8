import { describe, expect, it } from 'vitest';
import {
  compileStrict,
  type JsonSchema,
  SchemaValidationError,
} from '../../../server-stub/smart/validator.ts';

const schema: JsonSchema = {
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 3, maxLength: 5, pattern: '^[a-z]+$' },
    email: { type: 'string', format: 'email' },
    n: { type: 'integer', minimum: 0, maximum: 9 },
  },
  required: ['name'],
  additionalProperties: false,
};
const validate = compileStrict(schema, 'body');

function message(data: unknown): string {
  const r = validate(data);
  if (r === true) return 'valid';
  expect(r.error).toBeInstanceOf(SchemaValidationError);
  return r.error.message;
}

describe('compileStrict', () => {
  it('accepts a valid object', () => {
    expect(validate({ name: 'abc', email: 'a@b.example', n: 3 })).toBe(true);
  });

  it('never coerces: a number where a string is expected is an error', () => {
    expect(message({ name: 123 })).toBe('body.name must be string, not number');
    expect(message({ name: 'abc', n: '3' })).toBe('body.n must be integer, not string');
    expect(message({ name: 'abc', n: 1.5 })).toBe('body.n must be integer, not number');
  });

  it('rejects unknown properties instead of stripping them, and names missing ones', () => {
    expect(message({ name: 'abc', extra: 1 })).toBe('body.extra is not an allowed property');
    expect(message({})).toBe('body.name is required');
  });

  it('checks lengths in characters, patterns, formats and bounds', () => {
    expect(message({ name: 'ab' })).toBe('body.name must NOT have fewer than 3 characters');
    expect(message({ name: 'abcdef' })).toBe('body.name must NOT have more than 5 characters');
    expect(message({ name: 'ABC' })).toBe('body.name must match pattern "^[a-z]+$"');
    expect(message({ name: 'abc', email: 'not-an-email' })).toBe('body.email must be an e-mail address');
    expect(message({ name: 'abc', n: 10 })).toBe('body.n must be <= 9');
    expect(message({ name: 'abc', n: -1 })).toBe('body.n must be >= 0');
  });

  it('rejects non-objects at the root', () => {
    expect(message(null)).toBe('body must be object, not null');
    expect(message([])).toBe('body must be object, not array');
    expect(message('x')).toBe('body must be object, not string');
  });

  it('refuses to compile a keyword it would not enforce', () => {
    const bad = { type: 'string', enum: ['a'] } as unknown as JsonSchema;
    expect(() => compileStrict(bad, 'body')).toThrow(/unsupported keyword "enum"/);
    const loose = { type: 'object', properties: {}, additionalProperties: true } as unknown as JsonSchema;
    expect(() => compileStrict(loose, 'body')).toThrow(/additionalProperties must be false/);
  });
});
