// JSON schemas of the SMART routes (compiled by validator.ts: strict, no coercion, no stripping).

import * as R from './rules.ts';
import type { ObjectSchema, StringSchema } from './validator.ts';

const domainName: StringSchema = {
  type: 'string',
  minLength: R.DOMAIN_NAME_MIN,
  maxLength: R.DOMAIN_NAME_MAX,
  pattern: R.DOMAIN_NAME_PATTERN,
  description: 'digits and lower-case letters only (seed 002)',
};
const text: StringSchema = { type: 'string', minLength: 1, maxLength: R.TEXT_MAX, pattern: R.TEXT_PATTERN };
const phone: StringSchema = {
  type: 'string',
  minLength: R.PHONE_MIN,
  maxLength: R.PHONE_MAX,
  pattern: R.PHONE_PATTERN,
};
const email: StringSchema = { type: 'string', minLength: 3, maxLength: R.EMAIL_MAX, format: 'email' };
const password: StringSchema = { type: 'string', minLength: R.PASSWORD_MIN, maxLength: R.PASSWORD_MAX };
const loginPassword: StringSchema = { type: 'string', minLength: 1, maxLength: R.PASSWORD_MAX };
const activationCode: StringSchema = {
  type: 'string',
  minLength: 1,
  maxLength: R.ACTIVATION_CODE_MAX,
  pattern: R.ACTIVATION_CODE_PATTERN,
};
const productKey: StringSchema = {
  type: 'string',
  minLength: R.PRODUCT_KEY_MIN,
  maxLength: R.PRODUCT_KEY_MAX,
  pattern: R.PRODUCT_KEY_PATTERN,
};
const displayId: StringSchema = {
  type: 'string',
  minLength: 1,
  maxLength: R.DISPLAY_ID_MAX,
  pattern: R.DISPLAY_ID_PATTERN,
};

function obj(properties: ObjectSchema['properties'], required: readonly string[]): ObjectSchema {
  return { type: 'object', properties, required, additionalProperties: false };
}

export const domainParams = obj({ name: domainName }, ['name']);

export const createDomainBody = obj(
  { name: domainName, organization: text, contact_name: text, phone, email, password },
  ['name', 'organization', 'contact_name', 'phone', 'email', 'password'],
);

export const outboxQuery = obj({ email }, ['email']);

export const activateBody = obj({ code: activationCode }, ['code']);
export const activateQuery = obj({ code: activationCode }, ['code']);

export const loginBody = obj({ email, password: loginPassword, domain: domainName }, ['email', 'password']);

export const redeemBody = obj({ product_key: productKey }, ['product_key']);

export const checkinBody = obj({ serial_number: displayId, model_number: displayId }, [
  'serial_number',
  'model_number',
]);

export const enrollBody = obj({ serial_number: displayId, model_number: displayId, domain: domainName }, [
  'serial_number',
  'model_number',
  'domain',
]);
