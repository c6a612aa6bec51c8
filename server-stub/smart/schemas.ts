// The request schemas of the SMART routes, one per request, written once with TypeBox. Fastify validates
// with them (the stub's AJV: no coercion, unknown fields refused, messages naming the field); the
// handlers' types are derived from them, and the property tests derive their corruptions from them.

import { type Static, type TObject, Type } from '@sinclair/typebox';
import type { SmartCheckinRequest, SmartEnrollRequest } from '../../protocol/smart.ts';
import * as R from './rules.ts';

const strict = { additionalProperties: false } as const;

const domainName = Type.String({
  minLength: 1,
  pattern: R.DOMAIN_NAME_PATTERN,
  description: 'digits and lower-case letters only (seed 002)',
});
const text = Type.String({ minLength: 1, maxLength: R.TEXT_MAX, pattern: R.TEXT_PATTERN });
const phone = Type.String({ minLength: R.PHONE_MIN, maxLength: R.PHONE_MAX, pattern: R.PHONE_PATTERN });
const email = Type.String({ minLength: 3, maxLength: R.EMAIL_MAX, format: 'email' });
const activationCode = Type.String({
  minLength: 1,
  maxLength: R.ACTIVATION_CODE_MAX,
  pattern: R.ACTIVATION_CODE_PATTERN,
});
const productKey = Type.String({
  minLength: R.PRODUCT_KEY_MIN,
  maxLength: R.PRODUCT_KEY_MAX,
  pattern: R.PRODUCT_KEY_PATTERN,
});
const displayId = Type.String({ minLength: 1, maxLength: R.DISPLAY_ID_MAX, pattern: R.DISPLAY_ID_PATTERN });

export const DomainParams = Type.Object({ name: domainName }, strict);

export const CreateDomainBody = Type.Object(
  {
    name: domainName,
    organization: text,
    contact_name: text,
    phone,
    email,
    password: Type.String({ minLength: R.PASSWORD_MIN, maxLength: R.PASSWORD_MAX }),
  },
  strict,
);

export const OutboxQuery = Type.Object({ email }, strict);
export const ActivateBody = Type.Object({ code: activationCode }, strict);
export const ActivateQuery = Type.Object({ code: activationCode }, strict);

export const LoginBody = Type.Object(
  {
    email,
    password: Type.String({ minLength: 1, maxLength: R.PASSWORD_MAX }),
    domain: Type.Optional(domainName),
  },
  strict,
);

/** SRM Billing: the product key typed into the "Numéro du code PIN" box, then "Utiliser". */
export const RedeemBody = Type.Object({ product_key: productKey }, strict);

/** SMART Admin Portal: the claim code of a purchase (by default its invoice id). */
export const ClaimBody = Type.Object(
  { claim_code: Type.String({ minLength: 1, maxLength: R.INVOICE_ID_MAX, pattern: R.INVOICE_ID_PATTERN }) },
  strict,
);

/** Test hook: a reseller sells credits, the customer gets a product key by e-mail. */
export const ResellerKeyBody = Type.Object(
  {
    credits: Type.Integer({ minimum: 0, maximum: R.MAX_CREDITS }),
    product_key: Type.Optional(productKey),
  },
  strict,
);

export const CheckinBody = Type.Object({ serial_number: displayId, model_number: displayId }, strict);

export const EnrollBody = Type.Object(
  { serial_number: displayId, model_number: displayId, domain: domainName },
  strict,
);

/** Every request schema, by route (the property tests walk this table). */
export const SMART_REQUEST_SCHEMAS: Readonly<Record<string, { body?: TObject; querystring?: TObject }>> = {
  'POST /smart/v1/domains': { body: CreateDomainBody },
  'GET /smart/v1/outbox': { querystring: OutboxQuery },
  'POST /smart/v1/domains/:name/activate': { body: ActivateBody },
  'GET /smart/v1/domains/:name/activate': { querystring: ActivateQuery },
  'POST /smart/v1/login': { body: LoginBody },
  'POST /smart/v1/domains/:name/billing/redeem': { body: RedeemBody },
  'POST /smart/v1/admin-portal/claims': { body: ClaimBody },
  'POST /smart/v1/displays/checkin': { body: CheckinBody },
  'POST /smart/v1/displays/enroll': { body: EnrollBody },
  'POST /v1/test/smart/reseller-keys': { body: ResellerKeyBody },
};

// The wire types the agent uses (protocol/smart.ts) are exactly what these schemas accept.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const checkinMatches: Same<Static<typeof CheckinBody>, SmartCheckinRequest> = true;
const enrollMatches: Same<Static<typeof EnrollBody>, SmartEnrollRequest> = true;
void checkinMatches;
void enrollMatches;
