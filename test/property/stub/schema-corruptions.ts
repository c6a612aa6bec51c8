// Corruptions derived from a route's own request schema (the TypeBox/JSON schema fastify validates
// with), so a property test never keeps a second description of the request shape: for each property,
// every way its schema says a value can be wrong — missing when required, wrong JSON type, shorter or
// longer than its bounds, not matching its pattern or format, out of its integer range — plus a
// property the schema does not know. Each corruption names the field the error message must name.

import fc from 'fast-check';

export interface PropertySchema {
  type?: string;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
}

export interface ObjectSchema {
  type: 'object';
  properties: Record<string, PropertySchema>;
  required?: readonly string[];
  additionalProperties?: boolean;
}

export interface Corruption {
  value: Record<string, unknown>;
  /** `body.name`, `querystring.email`: what the 400's message must start with. */
  field: string;
  how: string;
}

const WRONG_FOR_STRING = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.constant({}),
);
const WRONG_FOR_INTEGER = fc.oneof(
  fc.integer().map(String),
  fc.double({ noInteger: true, noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);

/** Characters of every class a pattern may refuse: letters of both cases, digits, punctuation, space, controls, non-ASCII. */
const ANY_CHAR = fc.constantFrom(
  'a',
  'Z',
  '7',
  '-',
  '.',
  '_',
  '@',
  '/',
  ' ',
  '\u0000',
  '\n',
  '\u007f',
  'é',
  '€',
);

/** Values that break `schema`, each with a description (`query` true: only strings can be sent). */
function badValues(schema: PropertySchema, query: boolean): fc.Arbitrary<{ v: unknown; how: string }>[] {
  const out: fc.Arbitrary<{ v: unknown; how: string }>[] = [];
  const tag = (how: string) => (v: unknown) => ({ v, how });
  if (schema.type === 'integer') {
    if (!query) out.push(WRONG_FOR_INTEGER.map(tag('not an integer')));
    if (schema.minimum !== undefined)
      out.push(fc.integer({ min: schema.minimum - 1000, max: schema.minimum - 1 }).map(tag('below minimum')));
    if (schema.maximum !== undefined)
      out.push(fc.integer({ min: schema.maximum + 1, max: schema.maximum + 1000 }).map(tag('above maximum')));
    return out;
  }
  if (!query) out.push(WRONG_FOR_STRING.map(tag('not a string')));
  if (schema.minLength !== undefined && schema.minLength > 0) {
    out.push(fc.string({ maxLength: schema.minLength - 1 }).map(tag('too short')));
  }
  if (schema.maxLength !== undefined) {
    const n = schema.maxLength;
    out.push(
      fc
        .string({ minLength: n + 1, maxLength: n + 8, unit: fc.constantFrom('a', 'B', '7', '-') })
        .map(tag('too long')),
    );
  }
  if (schema.pattern !== undefined) {
    const re = new RegExp(schema.pattern, 'u');
    out.push(
      fc
        .string({ minLength: 1, maxLength: Math.min(schema.maxLength ?? 24, 24), unit: ANY_CHAR })
        .filter((s) => !re.test(s))
        .map(tag(`not matching ${schema.pattern}`)),
    );
  }
  if (schema.format === 'email') {
    out.push(fc.stringMatching(/^[a-z0-9.]{1,20}$/).map(tag('not an e-mail address')));
  }
  return out;
}

/** Every single-field corruption of `valid` that `schema` must refuse. */
export function corruptionsOf(
  schema: ObjectSchema,
  valid: Record<string, unknown>,
  part: 'body' | 'querystring',
): fc.Arbitrary<Corruption> {
  const query = part === 'querystring';
  const arbs: fc.Arbitrary<Corruption>[] = [];
  for (const key of schema.required ?? []) {
    const { [key]: _dropped, ...rest } = valid;
    arbs.push(fc.constant({ value: rest, field: `${part}.${key}`, how: 'missing' }));
  }
  for (const [key, sub] of Object.entries(schema.properties)) {
    for (const bad of badValues(sub, query)) {
      arbs.push(bad.map(({ v, how }) => ({ value: { ...valid, [key]: v }, field: `${part}.${key}`, how })));
    }
  }
  if (schema.additionalProperties === false) {
    const known = new Set(Object.keys(schema.properties));
    arbs.push(
      fc
        .tuple(fc.stringMatching(/^[a-z_]{1,12}$/), query ? fc.string({ maxLength: 8 }) : fc.jsonValue())
        .filter(([k]) => !known.has(k) && k !== '__proto__')
        .map(([k, v]) => ({ value: { ...valid, [k]: v }, field: `${part}.${k}`, how: 'unknown property' })),
    );
  }
  if (arbs.length === 0) throw new Error('the schema allows no corruption: is it an object schema?');
  return fc.oneof(...arbs);
}
