// Stable reason codes of DESIGN §4. Guards and tests compare `code`, never `message`.

export type ReasonCode =
  | 'model-not-listed'
  | 'made-before-cutoff'
  | 'manufacture-date-unknown'
  | 'serial-incomplete'
  | 'missing-serial'
  | 'invalid-identifier'
  | 'missing-attested-device-id'
  | 'identity-mismatch';

export interface Reason {
  code: ReasonCode;
  message: string;
}

export function reason(code: ReasonCode, message: string): Reason {
  return { code, message };
}
