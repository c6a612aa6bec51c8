// Field rules shared by the HTTP schemas and the seed validation, so both accept exactly the same values.

/** Seed 002: the domain (account) name uses only digits and lower-case letters. No other rule. */
export const DOMAIN_NAME_PATTERN = '^[a-z0-9]+$';
/**
 * Not a rule of seed 002: the stub's router refuses path parameters over 512 characters
 * (`maxParamLength`, server-stub/README.md Conventions), so a longer name could never be addressed as
 * `/smart/v1/domains/{name}`. Sign-up says so in its error text.
 */
export const DOMAIN_NAME_PATH_LIMIT = 512;

/** Free text (organisation, contact name): no control characters. */
export const TEXT_PATTERN = '^[^\\u0000-\\u001f\\u007f]+$';
export const TEXT_MAX = 200;

/** Digits, letters (`ext 12`), spaces and `+ ( ) . - / # *`, with at least one digit. */
export const PHONE_PATTERN = '^(?=.*[0-9])[0-9A-Za-z+().#*/ -]+$';
export const PHONE_MIN = 3;
export const PHONE_MAX = 32;

export const EMAIL_MAX = 254;
/** The "fast" e-mail check of ajv-formats (JSON-Schema `format: email`). */
export const EMAIL_REGEX =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

/** Activation codes are 20 upper-case hex characters; accepted in any case. */
export const ACTIVATION_CODE_PATTERN = '^[A-Za-z0-9]+$';
export const ACTIVATION_CODE_MAX = 64;

/** Product keys such as `SRMK-DEMO-0001-AAAA`; compared case-insensitively. */
export const PRODUCT_KEY_PATTERN = '^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$';
export const PRODUCT_KEY_MIN = 4;
export const PRODUCT_KEY_MAX = 64;

export const INVOICE_ID_PATTERN = '^[A-Za-z0-9._-]+$';
export const INVOICE_ID_MAX = 64;

/** Display serial and model numbers: 1–64 printable ASCII characters without space (as DM device IDs). */
export const DISPLAY_ID_PATTERN = '^[\\x21-\\x7E]+$';
export const DISPLAY_ID_MAX = 64;

/** Session tokens: base64url. */
export const SESSION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;

/** Credits on one display or one reseller key (seed and test hook). */
export const MAX_CREDITS = 1_000_000;
export const MAX_DAYS = 36_500;
